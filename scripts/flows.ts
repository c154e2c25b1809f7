/**
 * flows: the flows (conversations) of capture files, as Wireshark's conversation
 * statistics count them (`tshark -q -z conv,tcp -z conv,udp`, plus the flows of other IP
 * protocols): for each TCP or UDP conversation, and each pair of addresses talking ICMP,
 * ICMPv6, ESP..., the packets and bytes each way, the start (seconds after the file's
 * first packet), the duration, and for TCP the flags seen (`SYN SYN-ACK FIN-A FIN-B RST`:
 * whether the connection opened and closed within the capture) and what stream
 * reassembly found: bytes delivered in order (what `follow.ts` shows), gaps (holes the
 * capture lacks) and their bytes, and the bytes of retransmitted segments (those tshark
 * flags `tcp.analysis.retransmission`). A is the source of the flow's first packet. Flows
 * are listed as tshark lists them: most packets first.
 *
 * Run it with read permission only:
 *
 * ```sh
 * deno run --allow-read scripts/flows.ts [--json] [-p PROTOCOL] [-n N] FILE...
 * ```
 *
 * - `-p PROTOCOL`, `--protocol PROTOCOL`: only the flows of one protocol, by name (`tcp`,
 *   `udp`, `icmp`, `icmpv6`, `esp`...) or number (`-p 89`); may be repeated.
 * - `-n N`, `--count N`: only the first N flows of each file.
 * - `--json`: one JSON object per flow, one per line (JSON lines): `file`, the fields of
 *   `Flow` (times as nanoseconds since the epoch in decimal strings), `relativeStart` (in
 *   seconds) and, for TCP, `tcpState` and `reassembly` (`deliveredBytes`, `gaps`,
 *   `gapBytes`, `retransmittedBytes`).
 *
 * Without `--json`, each file gets a title line, the table, and a line of totals.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { forEachFile, parseOrExit } from "./_cli.ts";
import { accumulatePackets } from "../lib/stats/packet_pass.ts";
import {
  type Flow,
  flowProtocolName,
  flowRelativeStart,
  type FlowSummary,
  FlowTable,
  formatFlowTable,
  tcpFlowState,
} from "../lib/stats/flows.ts";
import { jsonReplacer } from "../lib/output/json.ts";

const USAGE = "[--json] [-p PROTOCOL] [-n N] FILE...";

/** Reads a capture file into a flow table, with reassembly of its TCP flows. */
async function readFlows(file: string): Promise<FlowSummary> {
  const table = new FlowTable({ reassembly: true });
  await accumulatePackets(file, [table]);
  return table.result();
}

/** The protocol names that flows are listed under (`tcp`, `udp`, `icmp`...). */
const KNOWN_PROTOCOLS = new Set(
  Array.from({ length: 256 }, (_, n) => flowProtocolName(n)).filter((name) =>
    !name.startsWith("ip-proto-")
  ),
);

/** Parses `-p` values into a set of protocol numbers and names; throws on a bad number. */
function protocolFilter(values: readonly string[]): Set<string> | undefined {
  if (values.length === 0) return undefined;
  const names = new Set<string>();
  for (const value of values) {
    if (/^\d+$/.test(value)) {
      const number = Number(value);
      if (number > 255) throw new RangeError(`Invalid protocol number: ${value} (0 to 255)`);
      names.add(flowProtocolName(number));
    } else {
      const name = value.toLowerCase();
      if (!KNOWN_PROTOCOLS.has(name) && !/^ip-proto-\d+$/.test(name)) {
        throw new RangeError(
          `Unknown protocol name for -p: ${value} (a name such as tcp, udp, icmp, or 0 to 255)`,
        );
      }
      names.add(name);
    }
  }
  return names;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function printTable(file: string, summary: FlowSummary, flows: Flow[], index: number): void {
  const { totals } = summary;
  if (index > 0) console.log("");
  const shown = flows.length === totals.flows
    ? plural(totals.flows, "flow")
    : `${flows.length} of ${plural(totals.flows, "flow")}`;
  console.log(`${file}: ${shown}`);
  if (flows.length > 0) {
    console.log(
      formatFlowTable(
        flows,
        totals.firstTimestamp === null ? {} : {
          reference: totals.firstTimestamp,
        },
      ),
    );
  }
  console.log(
    `${plural(totals.packets, "packet")} (${totals.bytes} bytes): ` +
      `${totals.flowPackets} in flows, ${totals.other} without IP (${totals.otherBytes} bytes)`,
  );
}

function printJson(file: string, summary: FlowSummary, flows: Flow[]): void {
  const reference = summary.totals.firstTimestamp ?? 0n;
  let text = "";
  for (const flow of flows) {
    const line: Record<string, unknown> = { file, ...flow };
    line.relativeStart = flowRelativeStart(flow, reference);
    if (flow.tcp !== undefined) line.tcpState = tcpFlowState(flow.tcp);
    text += JSON.stringify(line, jsonReplacer) + "\n";
  }
  if (text !== "") Deno.stdout.writeSync(new TextEncoder().encode(text));
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      json: { type: "boolean", default: false },
      protocol: { type: "string", short: "p", multiple: true, default: [] },
      count: { type: "string", short: "n" },
      help: { type: "boolean", short: "h", default: false },
    },
    `Usage: deno run --allow-read scripts/flows.ts ${USAGE}`,
    [
      {
        flags: "-p, --protocol NAME",
        text: "only the flows of a protocol (tcp, udp, 89...); repeatable",
      },
      { flags: "-n, --count N", text: "only the first N flows of each file" },
      { flags: "--json", text: "one JSON object per flow (JSON lines)" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  if (positionals.length === 0) {
    console.error(`Usage: deno run --allow-read scripts/flows.ts ${USAGE}`);
    return 2;
  }
  let limit = Infinity;
  if (values.count !== undefined) {
    if (!/^\d+$/.test(values.count)) {
      console.error(`Invalid count for -n: ${values.count} (a whole number)`);
      return 2;
    }
    limit = Number(values.count);
  }
  let protocols: Set<string> | undefined;
  try {
    protocols = protocolFilter(values.protocol);
  } catch (error) {
    console.error(error instanceof Error ? error.message : `${error}`);
    return 2;
  }
  requirePermissions({
    script: "scripts/flows.ts",
    usage: USAGE,
    needs: positionals.map((path) => ({ name: "read", path })),
  });
  return await forEachFile(positionals, async (file, index) => {
    const summary = await readFlows(file);
    let flows = summary.flows;
    if (protocols !== undefined) flows = flows.filter((flow) => protocols.has(flow.protocol));
    if (flows.length > limit) flows = flows.slice(0, limit);
    if (values.json) printJson(file, summary, flows);
    else printTable(file, summary, flows, index);
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
