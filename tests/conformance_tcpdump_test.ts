/**
 * Conformance with tcpdump: `scripts/sniff.ts` and the installed tcpdump (Debian's 4.99 in
 * CI) read the same capture with the same options, and their outputs are compared line by
 * line. Every capture of `../shared/captures/` whose protocols (the MANIFEST's tshark
 * summary) wirekit decodes, and every capture of `testdata/`, is compared with each of
 * `-n`, `-n -e`, `-n -tt -v`, `-n -X`, `-n -q`, `-n -q -e`, `-n -vv` and `-n -X -v`; the match rate
 * is printed per case and in
 * total. The test fails on any mismatch in a case listed in {@linkcode SUPPORTED}.
 *
 * Set `WIREKIT_TCPDUMP_DIFF=N` to print the first N differing lines of every case, and
 * `WIREKIT_TCPDUMP_ONLY=REGEX` to compare only the cases (`path|options`) it matches.
 *
 * @module
 */

import assert from "node:assert/strict";
import { hasCommand, pool, sharedCaptures, testdataDir } from "./_shared.ts";
import { compareOutputs, runTcpdump } from "./_tcpdump.ts";
import { sniff } from "../scripts/sniff.ts";
import { openCaptureInput, runPipeline, snapshotBatches } from "../lib/pipeline/mod.ts";
import type { TcpdumpOptions } from "../lib/print/mod.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { interfaceIndexes } from "../lib/capture/interface_indexes.ts";

/** The option sets compared, each after `-n`. */
const OPTION_SETS: readonly (readonly string[])[] = [
  [],
  ["-e"],
  ["-tt", "-v"],
  ["-X"],
  ["-q"],
  ["-q", "-e"],
  ["-vv"],
  ["-X", "-v"],
];

/**
 * Protocols (in the MANIFEST's tshark names) that sniff prints as tcpdump does; a capture
 * with any other protocol is not compared.
 */
const DECODED = new Set([
  "eth",
  "sll",
  "null",
  "loop",
  "raw",
  "pppoed",
  "pppoes",
  "ppp",
  "vlan",
  "ieee8021ad",
  "arp",
  "ip",
  "ipv6",
  "ipv6.hopopts",
  "ipv6.routing",
  "ipv6.fraghdr",
  "ipv6.dstopts",
  "mipv6",
  "ah",
  "ipcomp",
  "gre",
  "icmp",
  "icmpv6",
  "igmp",
  "pgm",
  "telnet",
  "rpc",
  "nfs",
  "ssh",
  "tcp",
  "mptcp",
  "udp",
  "tls",
  "dns",
  "mdns",
  "dhcp",
  "ntp",
  "ospf",
  "sctp",
  "dccp",
  "vrrp",
  "pim",
  "eigrp",
  "data",
  "llc",
  "stp",
  "cdp",
  "lldp",
  "eapol",
  "slow",
  "nflog",
  "chdlc",
  "fddi",
  "radiotap",
  "wlan_radio",
  "wlan",
  "prism",
  "fr",
  "q933",
  "ppi",
  "http",
  "smtp",
  "ftp",
  "ipx",
  "isis",
  "osi",
  "clnp",
  "esis",
  "isis.hello",
  "isis.lsp",
  "isis.csnp",
  "isis.psnp",
  "dtp",
  "vtp",
  "udld",
  "msnlb",
  "vxlan",
  "geneve",
  "mpls",
  "udpencap",
  "l2tp",
  "erspan",
  "gtp",
  "dhcpv6",
  "isakmp",
  "snmp",
  "syslog",
  "rip",
  "ripng",
  "hsrp",
  "ldp",
  "ptp",
  "sflow",
  "bgp",
  "pptp",
  "rx",
  "afs",
  "babel",
  "hncp",
  "olsr",
  "aodv",
  "lmp",
  "radius",
  "lisp",
  "resp",
  "ipoib",
  "ipnet",
  "arcnet",
  "vsock",
  "rsvp",
  "bfd",
  "tftp",
  "kerberos",
  "sip",
]);

/**
 * The cases (`path|options`) that must match tcpdump line for line, one per line of
 * `conformance_tcpdump_supported.txt` (`#` starts a comment). Paths are relative to
 * `../shared/captures/`, or start with `testdata/`.
 */
const SUPPORTED = new Set(
  Deno.readTextFileSync(new URL("conformance_tcpdump_supported.txt", import.meta.url))
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#")),
);

interface Case {
  /** The path shown and listed in SUPPORTED. */
  name: string;
  /** The file path. */
  path: string;
  /** The options after `-n`. */
  options: readonly string[];
}

function key(c: Case): string {
  return `${c.name}|${c.options.join(" ")}`;
}

/** Captures whose protocols are all decoded, from the MANIFEST. */
function sharedCandidates(dir: URL): { name: string; path: string }[] {
  const manifest = Deno.readTextFileSync(new URL("MANIFEST.tsv", dir));
  const out: { name: string; path: string }[] = [];
  for (const line of manifest.split("\n").slice(1)) {
    const fields = line.split("\t");
    const path = fields[0];
    const notes = fields[8];
    if (path === undefined || notes === undefined || path === "") continue;
    const summary = /\{([^;}]*)/.exec(notes)?.[1];
    if (summary === undefined || summary.trim() === "") continue;
    const protocols = summary.split("/").map((p) => p.trim());
    if (protocols.every((p) => DECODED.has(p))) {
      out.push({ name: path, path: new URL(path, dir).pathname });
    }
  }
  return out;
}

function testdataCandidates(): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  // The captures recorded for wirekit, and those made byte by byte (testdata/crafted/).
  // The recordings, and the packets built byte by byte in crafted/.
  for (const folder of ["", "crafted/"]) {
    const dir = new URL(folder, testdataDir);
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isFile && /\.pcap(ng)?$/.test(entry.name)) {
        out.push({
          name: `testdata/${folder}${entry.name}`,
          path: new URL(entry.name, dir).pathname,
        });
      }
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function runSniff(c: Case): Promise<string> {
  const chunks: Uint8Array[] = [];
  await sniff(["-n", ...c.options, "-r", c.path], {
    stdout: (bytes) => {
      chunks.push(bytes.slice());
    },
    stderr: () => {},
  });
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(all);
}

/** The host's interface names, which sniff.ts gives the printer as tcpdump looks them up. */
const interfaceNames = interfaceIndexes();

/** The printer options of each option set, as sniff.ts maps the flags. */
const LIBRARY_OPTIONS: ReadonlyMap<string, TcpdumpOptions> = new Map([
  ["", { timestamps: "time", interfaceNames }],
  ["-e", { timestamps: "time", link: true, interfaceNames }],
  ["-tt -v", { timestamps: "unix", verbose: 1, interfaceNames }],
  ["-X", { timestamps: "time", hex: 1, ascii: true, interfaceNames }],
  ["-q", { timestamps: "time", quiet: true, interfaceNames }],
  ["-q -e", { timestamps: "time", quiet: true, link: true, interfaceNames }],
  ["-vv", { timestamps: "time", verbose: 2, interfaceNames }],
  ["-X -v", { timestamps: "time", hex: 1, ascii: true, verbose: 1, interfaceNames }],
]);

/** The same case through the library (lib/pipeline and lib/print), without the CLI. */
async function runLibrary(c: Case): Promise<string> {
  const printer = LIBRARY_OPTIONS.get(c.options.join(" "));
  if (printer === undefined) throw new Error(`no library options for ${c.options.join(" ")}`);
  const input = await openCaptureInput(c.path);
  await using _ = input.reader;
  let text = "";
  const decoder = new TextDecoder();
  try {
    const snapLength = input.reader.format === "pcap" ? input.reader.header.snapLength : 0;
    await runPipeline(snapshotBatches(input.reader.batches({ reuseBuffers: true }), snapLength), {
      output: { kind: "print", printer },
      write: (bytes) => {
        text += decoder.decode(bytes, { stream: true });
      },
    });
  } catch (error) {
    // A bad file: what was printed before the error stands, as with the CLI.
    if (!(error instanceof CaptureFileError)) throw error;
  }
  return text;
}

Deno.test({
  name: "sniff.ts prints captures as tcpdump -n does, line for line",
  ignore: !(await hasCommand("tcpdump")),
  permissions: { read: true, run: ["tcpdump"], env: true, write: false, ffi: true },
  async fn() {
    const shared = sharedCaptures();
    const files = [...testdataCandidates(), ...(shared ? sharedCandidates(shared) : [])];
    const cases: Case[] = [];
    for (const file of files) {
      for (const options of OPTION_SETS) cases.push({ ...file, options });
    }
    const onlyText = Deno.env.get("WIREKIT_TCPDUMP_ONLY");
    const only = onlyText === undefined ? undefined : new RegExp(onlyText);
    // Only the selected cases run tcpdump.
    const expected = await pool(
      cases,
      4,
      (c) =>
        only === undefined || only.test(key(c))
          ? runTcpdump(c.path, ["-n", ...c.options])
          : Promise.resolve(undefined),
    );
    const previousTz = Deno.env.get("TZ");
    Deno.env.set("TZ", "GMT0");
    const diffLimit = Number(Deno.env.get("WIREKIT_TCPDUMP_DIFF") ?? "0");
    let totalLines = 0;
    let totalMatched = 0;
    let supportedLines = 0;
    let perfect = 0;
    const failures: string[] = [];
    const report: string[] = [];
    const ran = new Set<string>();
    try {
      for (const [i, c] of cases.entries()) {
        const want = expected[i];
        if (want === undefined) continue;
        if (only !== undefined && !only.test(key(c))) continue;
        const printed = await runSniff(c);
        // The CLI is wiring over the library: both print the same.
        if (printed !== await runLibrary(c)) {
          failures.push(`${key(c)}: the library prints otherwise`);
        }
        const { lines: n, matched, diffs } = compareOutputs(want, printed, diffLimit);
        const shown = diffs.map((d) =>
          `  packet ${d.packet}\n    tcpdump: ${d.tcpdump}\n    sniff:   ${d.sniff}`
        );
        totalLines += n;
        totalMatched += matched;
        if (matched === n) perfect++;
        const name = key(c);
        if (SUPPORTED.has(name)) {
          if (n > 0) ran.add(name);
          supportedLines += n;
          if (matched !== n) failures.push(`${name}: ${matched}/${n} lines match`);
        }
        report.push(
          `${matched === n ? "ok  " : "DIFF"} ${String(matched).padStart(6)}/${
            String(n).padEnd(6)
          } ${name}${SUPPORTED.has(name) ? "" : " (not listed)"}${
            want.stopped === undefined ? "" : ` (tcpdump stopped: ${want.stopped})`
          }`,
        );
        if (shown.length > 0) report.push(...shown);
      }
    } finally {
      if (previousTz === undefined) Deno.env.delete("TZ");
      else Deno.env.set("TZ", previousTz);
    }
    console.log(report.join("\n"));
    console.log(
      `tcpdump conformance: ${totalMatched}/${totalLines} lines match ` +
        `(${(100 * totalMatched / Math.max(1, totalLines)).toFixed(1)}%); ${perfect}/${
          report.filter((line) => !line.startsWith("  ")).length
        } cases identical; ${SUPPORTED.size} supported cases, ${supportedLines} lines`,
    );
    if (shared === undefined) console.log("../shared/captures is absent: testdata only");
    assert.deepEqual(failures, [], "supported cases that differ from tcpdump");
    if (only === undefined) {
      // Every supported case must have printed something: a case whose file went missing,
      // or that tcpdump or the DECODED filter no longer lets through, fails here.
      const missing = [...SUPPORTED].filter((name) =>
        !ran.has(name) && (shared !== undefined || name.startsWith("testdata/"))
      );
      assert.deepEqual(missing, [], "supported cases that did not run");
    }
  },
});
