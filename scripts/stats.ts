/**
 * stats: tshark's statistics of a capture file, in tshark's spelling and with tshark 4.0's
 * numbers and layout (`tshark -q -z SPEC -r FILE`), computed by wirekit's decoders:
 *
 * ```sh
 * deno run --allow-read scripts/stats.ts -z SPEC [-z SPEC...] [--json] FILE
 * ```
 *
 * - `-z io,phs`: the protocol hierarchy (`frames:N bytes:N` on each protocol line).
 * - `-z io,stat,INTERVAL`: frames and bytes per interval of INTERVAL seconds (0: the whole
 *   capture).
 * - `-z conv,TYPE`, `-z endpoints,TYPE`: conversations and endpoints, TYPE `eth`, `ip`,
 *   `ipv6`, `tcp` or `udp`.
 * - `--json`: the statistics as one JSON object, `{ file, statistics: [...] }`, in the
 *   order asked for (tshark prints the last one first); an `io,stat` lists the intervals
 *   that hold frames, each with its `index`.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit, reportUnreadable, StdoutError, writeStdout } from "./_cli.ts";
import { IoStatRowsError } from "../lib/stats/io_stat.ts";
import {
  captureStatistics,
  formatStatisticsChunks,
  parseStatisticSpec,
  type StatisticResult,
  type StatisticSpec,
} from "../lib/stats/tshark_statistics.ts";

const USAGE = "-z SPEC [-z SPEC...] [--json] FILE";

async function main(args: string[]): Promise<number> {
  const usage = `Usage: deno run --allow-read scripts/stats.ts ${USAGE}`;
  const { values, positionals } = parseOrExit(
    args,
    {
      z: { type: "string", short: "z", multiple: true, default: [] },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    usage,
    [
      {
        flags: "-z SPEC",
        text: "io,phs | io,stat,INTERVAL | conv,TYPE | endpoints,TYPE (TYPE: eth, ip, " +
          "ipv6, tcp, udp); repeatable",
      },
      { flags: "--json", text: "print the statistics as one JSON object" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  if (positionals.length !== 1 || values.z.length === 0) {
    console.error(usage);
    return 2;
  }
  let specs: StatisticSpec[];
  try {
    specs = values.z.map(parseStatisticSpec);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const file = positionals[0]!;
  requirePermissions({
    script: "scripts/stats.ts",
    usage: USAGE,
    needs: [{ name: "read", path: file }],
  });
  let results: StatisticResult[];
  try {
    results = await captureStatistics(file, specs);
  } catch (error) {
    // Too many intervals is the statistic's fault, not the file's.
    if (error instanceof IoStatRowsError) console.error(error.message);
    else reportUnreadable(file, error);
    return 1;
  }
  const encoder = new TextEncoder();
  try {
    if (values.json) {
      writeStdout(encoder.encode(JSON.stringify({ file, statistics: results }) + "\n"));
    } else {
      for (const chunk of formatStatisticsChunks(results)) writeStdout(encoder.encode(chunk));
    }
  } catch (error) {
    // A closed pipe (`| head`) ends the output quietly, as SIGPIPE ends tshark.
    if (error instanceof Deno.errors.BrokenPipe) return 0;
    if (error instanceof StdoutError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
