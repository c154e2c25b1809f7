/**
 * Counts the packets of capture files per protocol, decoding to layer 4 only (Ethernet,
 * VLAN, ARP, IPv4, IPv6, TCP, UDP, ICMP...): wirekit's fastest path through a file, for
 * when `pcapinfo.ts` (capinfos' statistics, and decoding to the application layer) is more
 * than needed. Prints one JSON object per file: `packets`, `protocols` (`{ kind: packets }`)
 * and `decodeErrors` (`{ truncated, malformed }`).
 *
 * ```sh
 * deno run --allow-read scripts/count_protocols.ts FILE...
 * ```
 *
 * Exits with 1 when a file cannot be read, 2 on a usage error.
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { forEachFile } from "./_each_file.ts";
import { countProtocols } from "../lib/stats/count_protocols.ts";

const USAGE = "Usage: deno run --allow-read scripts/count_protocols.ts FILE...";
const HELP = [{ flags: "-h, --help", text: "print this help and exit" }];

async function main(args: string[]): Promise<number> {
  // This script is the fastest path through a capture, start-up included: loading
  // `node:util` for `parseArgs()` costs some 25 ms of CPU, and file names alone need no
  // parsing. (`compare.ts` bundles it with code splitting, so that the bundle loads the
  // parser only when asked to as well.)
  const { positionals } = args.some((arg) => arg.startsWith("-"))
    ? (await import("./_cli.ts")).parseOrExit(
      args,
      { help: { type: "boolean", short: "h", default: false } },
      USAGE,
      HELP,
    )
    : { positionals: args };
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  requirePermissions({
    script: "scripts/count_protocols.ts",
    usage: "FILE...",
    needs: positionals.map((path) => ({ name: "read", path })),
  });
  return await forEachFile(positionals, async (file) => {
    console.log(JSON.stringify(await countProtocols(file)));
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
