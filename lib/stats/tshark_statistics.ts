/**
 * tshark's `-z` statistics of a capture file, several at once in one pass: `io,phs`,
 * `io,stat,INTERVAL`, `conv,TYPE` and `endpoints,TYPE` (TYPE: `eth`, `ip`, `ipv6`, `tcp`,
 * `udp`), parsed from tshark's spelling and printed in tshark 4.0's layout and order.
 *
 * @module
 */

import type { CaptureSource } from "../formats/capture_reader.ts";
import { accumulatePackets, type PacketAccumulator } from "./packet_pass.ts";
import { type Conversation, ConversationTable, formatConversations } from "./conversations.ts";
import { type Endpoint, EndpointTable, formatEndpoints } from "./endpoints.ts";
import {
  formatIoStat,
  formatIoStatChunks,
  type IoStatResult,
  IoStatTable,
  parseIoStatInterval,
} from "./io_stat.ts";
import {
  formatProtocolHierarchy,
  ProtocolHierarchy,
  type ProtocolNode,
} from "./protocol_hierarchy.ts";
import { TALKER_TYPES, type TalkerType } from "./_talkers.ts";

/** One `-z` statistic, parsed. */
export type StatisticSpec =
  | { kind: "io,phs" }
  | { kind: "io,stat"; intervalMicros: number }
  | { kind: "conv"; type: TalkerType }
  | { kind: "endpoints"; type: TalkerType };

/** One statistic and its result. */
export type StatisticResult =
  | { spec: "io,phs"; protocols: ProtocolNode[] }
  | { spec: `io,stat,${string}`; ioStat: IoStatResult }
  | { spec: `conv,${TalkerType}`; conversations: Conversation[] }
  | { spec: `endpoints,${TalkerType}`; endpoints: Endpoint[] };

/** A `-z` argument that is not one of the statistics wirekit computes. */
export class StatisticSpecError extends TypeError {
  /** Always `"invalid-statistic"`. */
  readonly code = "invalid-statistic";
}

/**
 * Parses a `-z` argument in tshark's spelling.
 *
 * @param text Such as `io,phs`, `io,stat,1`, `conv,tcp` or `endpoints,ip`.
 * @returns The statistic.
 * @throws {StatisticSpecError} For another statistic, a filter (not supported) or a bad
 * interval.
 *
 * @example Parse statistics
 * ```ts
 * import { parseStatisticSpec } from "./tshark_statistics.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseStatisticSpec("conv,ipv6"), { kind: "conv", type: "ipv6" });
 * assert.deepEqual(parseStatisticSpec("io,stat,0.5"), { kind: "io,stat", intervalMicros: 500_000 });
 * assert.throws(() => parseStatisticSpec("conv,wlan"), /Unknown statistic/);
 * ```
 */
export function parseStatisticSpec(text: string): StatisticSpec {
  if (text === "io,phs") return { kind: "io,phs" };
  const io = /^io,stat,([^,]*)$/.exec(text);
  if (io !== null) {
    try {
      return { kind: "io,stat", intervalMicros: parseIoStatInterval(io[1]!) };
    } catch (error) {
      throw new StatisticSpecError((error as Error).message, { cause: error });
    }
  }
  const talkers = /^(conv|endpoints),([a-z0-9]+)$/.exec(text);
  if (talkers !== null && (TALKER_TYPES as readonly string[]).includes(talkers[2]!)) {
    return { kind: talkers[1] as "conv" | "endpoints", type: talkers[2] as TalkerType };
  }
  throw new StatisticSpecError(
    `Unknown statistic: ${text} (io,phs, io,stat,INTERVAL, conv,TYPE or endpoints,TYPE; ` +
      `TYPE: ${TALKER_TYPES.join(", ")}; no filters)`,
  );
}

/** The name of a statistic as tshark spells it: `io,stat,0.5`, `conv,tcp`... */
function specName(spec: StatisticSpec): string {
  switch (spec.kind) {
    case "io,phs":
      return "io,phs";
    case "io,stat":
      return `io,stat,${spec.intervalMicros / 1e6}`;
    default:
      return `${spec.kind},${spec.type}`;
  }
}

type Accumulator = PacketAccumulator & { result(): StatisticResult };

function accumulator(spec: StatisticSpec): Accumulator {
  switch (spec.kind) {
    case "io,phs": {
      const table = new ProtocolHierarchy();
      return {
        add: (parser, _s, _n, length) => table.add(parser, length),
        result: () => ({ spec: "io,phs", protocols: table.result() }),
      };
    }
    case "io,stat": {
      const table = new IoStatTable(spec.intervalMicros);
      const name = specName(spec) as `io,stat,${string}`;
      return {
        add: (_parser, seconds, nanoseconds, length) => table.add(seconds, nanoseconds, length),
        result: () => ({ spec: name, ioStat: table.result() }),
      };
    }
    case "conv": {
      const table = new ConversationTable(spec.type);
      return {
        add: (parser, seconds, nanoseconds, length) =>
          table.add(parser, seconds, nanoseconds, length),
        result: () => ({ spec: `conv,${spec.type}`, conversations: table.result() }),
      };
    }
    case "endpoints": {
      const table = new EndpointTable(spec.type);
      return {
        add: (parser, _s, _n, length) => table.add(parser, length),
        result: () => ({ spec: `endpoints,${spec.type}`, endpoints: table.result() }),
      };
    }
  }
}

/**
 * Computes statistics over a capture file in one pass ({@linkcode accumulatePackets}),
 * decoding each packet once.
 *
 * @param source The capture: a path, `file:` URL or stream (pcap or pcapng, compressed too).
 * @param specs The statistics, from {@linkcode parseStatisticSpec}.
 * @returns Their results, in the order of `specs`.
 *
 * @example The protocol hierarchy of a test capture
 * ```ts
 * import { captureStatistics } from "./tshark_statistics.ts";
 * import assert from "node:assert/strict";
 *
 * const url = new URL("../../testdata/namespaces.pcap", import.meta.url);
 * const [phs] = await captureStatistics(url, [{ kind: "io,phs" }]);
 * assert.ok(phs !== undefined && "protocols" in phs);
 * assert.equal(phs.protocols[0]?.name, "eth");
 * assert.equal(phs.protocols[0]?.frames, 46);
 * ```
 */
export async function captureStatistics(
  source: CaptureSource,
  specs: readonly StatisticSpec[],
): Promise<StatisticResult[]> {
  const accumulators = specs.map(accumulator);
  await accumulatePackets(source, accumulators);
  return accumulators.map((statistic) => statistic.result());
}

/**
 * Prints one statistic as tshark 4.0 prints it.
 *
 * @param result The statistic, from {@linkcode captureStatistics}.
 * @returns The text, lines ending in `\n`.
 */
export function formatStatistic(result: StatisticResult): string {
  if ("protocols" in result) return formatProtocolHierarchy(result.protocols);
  if ("ioStat" in result) return formatIoStat(result.ioStat);
  if ("conversations" in result) {
    return formatConversations(result.spec.slice(5) as TalkerType, result.conversations);
  }
  return formatEndpoints(result.spec.slice(10) as TalkerType, result.endpoints);
}

/**
 * Prints statistics as `tshark -q -z A -z B...` does: the last one asked for first.
 *
 * @param results The statistics, in the order asked for.
 * @returns The text.
 *
 * @example Two statistics, printed in tshark's order
 * ```ts
 * import { captureStatistics, formatStatistics, parseStatisticSpec } from "./tshark_statistics.ts";
 * import assert from "node:assert/strict";
 *
 * const url = new URL("../../testdata/namespaces.pcap", import.meta.url);
 * const specs = ["io,phs", "endpoints,ip"].map(parseStatisticSpec);
 * const text = formatStatistics(await captureStatistics(url, specs));
 * assert.ok(text.indexOf("IPv4 Endpoints") < text.indexOf("Protocol Hierarchy Statistics"));
 * ```
 */
export function formatStatistics(results: readonly StatisticResult[]): string {
  return [...formatStatisticsChunks(results)].join("");
}

/**
 * Prints statistics as {@linkcode formatStatistics} does, in pieces: an `io,stat` table of
 * millions of intervals ({@linkcode formatIoStatChunks}) is never held whole.
 *
 * @param results The statistics, in the order asked for.
 * @returns The text, piece by piece.
 *
 * @example Write statistics as they are printed
 * ```ts
 * import { captureStatistics, formatStatisticsChunks, parseStatisticSpec } from "./tshark_statistics.ts";
 * import assert from "node:assert/strict";
 *
 * const url = new URL("../../testdata/namespaces.pcap", import.meta.url);
 * const results = await captureStatistics(url, [parseStatisticSpec("io,stat,1")]);
 * const text = [...formatStatisticsChunks(results)].join("");
 * assert.match(text, /\| IO Statistics/);
 * ```
 */
export function* formatStatisticsChunks(results: readonly StatisticResult[]): Generator<string> {
  for (const result of results.toReversed()) {
    if ("ioStat" in result) yield* formatIoStatChunks(result.ioStat);
    else yield formatStatistic(result);
  }
}
