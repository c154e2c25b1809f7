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
 *   order asked for (tshark prints the last one first).
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit, reportUnreadable, writeStdout } from "./_cli.ts";
import { IoStatRowsError } from "../lib/stats/io_stat.ts";
import {
  captureStatistics,
  formatStatistics,
  parseStatisticSpec,
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
  let text: string;
  try {
    const results = await captureStatistics(file, specs);
    text = values.json
      ? JSON.stringify({ file, statistics: results }) + "\n"
      : formatStatistics(results);
  } catch (error) {
    // Too many intervals is the statistic's fault, not the file's.
    if (error instanceof IoStatRowsError) console.error(error.message);
    else reportUnreadable(file, error);
    return 1;
  }
  writeStdout(new TextEncoder().encode(text));
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
