import assert from "node:assert/strict";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { type CaptureSummary, summarizeCapture } from "../lib/stats/capture_summary.ts";
import {
  capinfosTableHeader,
  formatCapinfosReport,
  formatCapinfosRow,
  formatSiSize,
} from "../lib/stats/capinfos_report.ts";
import { capturesDir, hasCapture } from "./_pcap_fixture.ts";
import { hasCommand, runCommand, testdataDir } from "./_shared.ts";
import { withTempDir } from "./_temp_dir.ts";

const SCRIPT = new URL("../scripts/pcapinfo.ts", import.meta.url).pathname;
const haveCapinfos = await hasCommand("capinfos");

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: readonly string[]): Promise<Output> {
  const output = await runCommand(command, args, { env: { TZ: "UTC" } });
  return { ...output, stdout: new TextDecoder().decode(output.stdout) };
}

function pcapinfo(args: readonly string[]): Promise<Output> {
  return run(Deno.execPath(), ["run", "--no-check", "--allow-read", SCRIPT, ...args]);
}

/** Ten UDP-sized frames, 250 ms apart: 10 records of 16 + 60 bytes after a 24-byte header. */
function tenPackets(): Uint8Array {
  const frame = new Uint8Array(60);
  frame.set([0x08, 0x06], 12);
  return pcapBytes(
    Array.from({ length: 10 }, (_, i) => ({
      timestamp: 1_700_000_000_000_000_000n + BigInt(i) * 250_000_000n,
      data: frame,
    })),
  );
}

Deno.test("formatSiSize() abbreviates from ten thousand up, cutting the digits", () => {
  assert.equal(formatSiSize(0), "0");
  assert.equal(formatSiSize(9_999), "9999");
  assert.equal(formatSiSize(10_000), "10 k");
  assert.equal(formatSiSize(9_999_999), "9999 k");
  assert.equal(formatSiSize(10_000_000), "10 M");
  assert.equal(formatSiSize(25_000_000_000_000), "25 T");
  assert.equal(formatSiSize(9_999, "bytes"), "9999 bytes");
  assert.equal(formatSiSize(521_916, "bytes"), "521 kB");
  assert.equal(formatSiSize(12_345_678_901, "bytes"), "12 GB");
});

Deno.test("summarizeCapture() with partial keeps what was read before a cut or a bad record", async () => {
  const whole = tenPackets();
  const cut = whole.subarray(0, whole.length - 30);
  const summary = await summarizeCapture(ReadableStream.from([cut]), { partial: true });
  assert.equal(summary.packets, 9);
  assert.equal(summary.dataSize, 9 * 60);
  assert.equal(summary.readError?.code, "truncated");
  assert.equal(summary.readError?.offset, 24 + 9 * 76);
  assert.match(summary.readError!.message, /^Cannot read pcap record at offset 708: /);
  await assert.rejects(() => summarizeCapture(ReadableStream.from([cut])), CaptureFileError);

  const bad = whole.slice();
  new DataView(bad.buffer).setUint32(24 + 4 * 76 + 8, 0x7fffffff, true); // 5th caplen
  const damaged = await summarizeCapture(ReadableStream.from([bad]), { partial: true });
  assert.equal(damaged.packets, 4);
  assert.equal(damaged.readError?.code, "malformed");
  const clean = await summarizeCapture(ReadableStream.from([whole]), { partial: true });
  assert.equal(clean.readError, null);
  assert.equal(clean.sections, 1);
});

Deno.test("formatCapinfosReport() prints n/a without packets and heads several sections", async () => {
  const empty = await summarizeCapture(ReadableStream.from([pcapBytes([])]));
  const summary: CaptureSummary = { ...empty, fileName: "x.pcapng", fileSize: 388, sections: 2 };
  assert.equal(
    formatCapinfosReport(summary, { fields: ["duration", "packets", "startTime", "endTime"] }),
    [
      "File name:           x.pcapng",
      "Number of packets:   0",
      "Capture duration:    n/a",
      "First packet time:   n/a",
      "Last packet time:    n/a",
      "Section 0:",
      "",
      "Section 1:",
      "",
    ].join("\n"),
  );
  assert.equal(
    formatCapinfosReport(summary, { fields: ["hashes"] }),
    "File name:           x.pcapng\nSHA256:              <unknown>\n" +
      "RIPEMD160:           <unknown>\nSHA1:                <unknown>\nSection 0:\n\nSection 1:\n",
  );
  assert.equal(
    capinfosTableHeader(["endTime", "hashes", "dataSize"]),
    "File name\tData size (bytes)\tEnd time\tSHA256\tRIPEMD160\tSHA1",
  );
  assert.equal(
    formatCapinfosRow(summary, { fields: ["fileSize", "duration", "startTime"] }),
    "x.pcapng\t388\tn/a\tn/a",
  );
});

/**
 * Link types that Wireshark 4.0's wiretap does not read (BSD/OS SLIP as 15 and 102,
 * Multilink Frame Relay, the Broadcom and Marvell DSA switch tags, Juniper ES, MFR, Monitor
 * and PPPoE ATM): capinfos rejects their
 * files whole ("network type 182 unknown or unsupported"), which pcapinfo reads; they are
 * left out here.
 */
const WIRETAP_UNREAD: ReadonlySet<number> = new Set([
  15,
  102,
  132,
  134,
  164,
  168,
  182,
  281,
  282,
  284,
  285,
]);

/**
 * Captures that wiretap stops reading as damaged although they are well-formed pcap files:
 * it rejects SunATM records shorter than its 4-byte pseudo-header, which the ATM tests need.
 */
const WIRETAP_REJECTED: ReadonlySet<string> = new Set(["atm_sunatm.pcap"]);

/** The link type of a pcap file's header (undefined for pcapng). */
function pcapLinkType(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || view.getUint32(0, true) === 0x0a0d0d0a) return undefined;
  const littleEndian = view.getUint32(0, true) === 0xa1b2c3d4 ||
    view.getUint32(0, true) === 0xa1b23c4d;
  return view.getUint32(20, littleEndian) & 0xffff;
}

/** The testdata captures, and a cut-off copy of two of them in `dir`. */
async function testFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const left: string[] = [];
  for (const name of ["testdata/", "testdata/crafted/"]) {
    const folder = new URL(name.slice("testdata/".length), testdataDir);
    for await (const entry of Deno.readDir(folder)) {
      if (!/\.pcap(ng)?$/.test(entry.name)) continue;
      const path = new URL(entry.name, folder).pathname;
      const linkType = pcapLinkType(await Deno.readFile(path));
      if (
        (linkType !== undefined && WIRETAP_UNREAD.has(linkType)) ||
        WIRETAP_REJECTED.has(entry.name)
      ) left.push(entry.name);
      else files.push(path);
    }
  }
  // The files left out are those captures, and only those.
  assert.deepEqual(left.sort(), [
    "atm_sunatm.pcap",
    "dsa_tags_brcm.pcap",
    "dsa_tags_brcm_prepend.pcap",
    "dsa_tags_dsa.pcap",
    "dsa_tags_edsa.pcap",
    "juniper_links_es.pcap",
    "juniper_links_mfr.pcap",
    "juniper_links_monitor.pcap",
    "juniper_links_pppoe_atm.pcap",
    "mfr_frames.pcap",
    "slip_bsdos102_frames.pcap",
    "slip_bsdos_frames.pcap",
  ]);
  files.sort();
  for (const name of ["namespaces.pcap", "namespaces.pcapng"]) {
    const bytes = await Deno.readFile(new URL(name, testdataDir));
    const cut = `${dir}/cut ${name}`;
    await Deno.writeFile(cut, bytes.subarray(0, 3000));
    files.push(cut);
  }
  return files;
}

const FLAG_SETS = [
  ["-c"],
  ["-c", "-s", "-d", "-u", "-a", "-e", "-H"],
  ["-M", "-c", "-s", "-d", "-u", "-a", "-e"],
  ["-s", "-d", "-M"],
  ["-T", "-c", "-s", "-d", "-u", "-a", "-e", "-H"],
  ["-T", "-r", "-u", "-a", "-e"],
  ["-H", "-T"],
];

async function assertSameAsCapinfos(
  args: readonly string[],
  files: readonly string[],
): Promise<void> {
  const ours = await pcapinfo([...args, ...files]);
  const theirs = await run("capinfos", [...args, ...files]);
  const what = args.join(" ");
  assert.equal(ours.stdout, theirs.stdout, what);
  assert.equal(ours.stderr, theirs.stderr.replaceAll(/^capinfos:/gm, "pcapinfo:"), what);
  assert.equal(ours.code, theirs.code, what);
}

Deno.test({
  name: "pcapinfo prints what capinfos prints for -c -s -d -u -a -e -H -T -r -M, cut files too",
  ignore: !haveCapinfos,
  fn: () =>
    withTempDir(async (dir) => {
      const files = await testFiles(dir);
      assert.ok(files.length >= 10, `only ${files.length} files`);
      const cut = await run("capinfos", ["-c", files.at(-1)!]);
      assert.equal(cut.code, 1, "capinfos reads the cut copy as cut short");
      assert.match(cut.stderr, /^capinfos: An error occurred after reading \d+ packets from /);
      for (const args of FLAG_SETS) await assertSameAsCapinfos(args, files);
    }),
});

const CORPUS_FILES = [
  "tcpdump/afs.pcap", // 521 kB: SI abbreviations
  "rusticata/wireshark_samples-test.pcapng", // 1156 kB, nanoseconds
  "dpkt/truncated_dns.pcap", // the inferred packet size limit
  "pcapplusplus/nanosecs_big_endian.pcap",
  "pcapng-suite/le/test200.pcapng", // three sections
  "zeek/icmp_dot1q.pcap",
];

Deno.test({
  name: "pcapinfo prints what capinfos prints on public captures",
  ignore: !haveCapinfos || !CORPUS_FILES.every(hasCapture),
  fn: async () => {
    const files = CORPUS_FILES.map((name) => new URL(name, capturesDir).pathname);
    for (const args of FLAG_SETS) await assertSameAsCapinfos(args, files);
  },
});

Deno.test("pcapinfo reports a cut file as capinfos does, then what it read", () =>
  withTempDir(async (dir) => {
    const whole = tenPackets();
    const file = `${dir}/cut.pcap`;
    await Deno.writeFile(file, whole.subarray(0, whole.length - 30));
    const result = await pcapinfo(["-c", "-M", file]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, `File name:           ${file}\nNumber of packets:   9\n`);
    assert.equal(
      result.stderr,
      `pcapinfo: An error occurred after reading 9 packets from "${file}".\n` +
        `pcapinfo: The file "${file}" appears to have been cut short in the middle of a packet.\n` +
        "  (will continue anyway, checksums might be incorrect)\n",
    );
    // The default report and --json too; --packets prints the packets read.
    const report = await pcapinfo(["--packets", file]);
    assert.equal(report.code, 1);
    assert.equal(report.stdout.split("\n").filter((line) => / ARP, /.test(line)).length, 9);
    assert.match(report.stdout, /^Number of packets: {3}9$/m);
    const json = await pcapinfo(["--json", file]);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.packets, 9);
    assert.equal(parsed.readError.code, "truncated");
    assert.equal(parsed.readError.offset, 708);
  }));

Deno.test("pcapinfo reports a corrupt record with its reason, then what it read", () =>
  withTempDir(async (dir) => {
    const bytes = tenPackets();
    new DataView(bytes.buffer).setUint32(24 + 2 * 76 + 8, 0x7fffffff, true);
    const file = `${dir}/bad.pcap`;
    await Deno.writeFile(file, bytes);
    const result = await pcapinfo(["-T", "-c", "-d", file]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      `File name\tNumber of packets\tData size (bytes)\n${file}\t2\t120\n`,
    );
    const lines = result.stderr.split("\n");
    assert.equal(lines[0], `pcapinfo: An error occurred after reading 2 packets from "${file}".`);
    assert.equal(lines[1], `pcapinfo: The file "${file}" appears to be damaged or corrupt.`);
    assert.match(lines[2]!, /^\(Cannot read pcap record at offset 176: .*\)$/);
  }));

Deno.test("pcapinfo refuses --json with capinfos' flags, in one line and the usage", async () => {
  const result = await pcapinfo(["--json", "-c", "a.pcap"]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, "");
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines[0], "Cannot parse arguments: --json does not combine with capinfos' flags");
  assert.match(lines[1]!, /^Usage: deno run --allow-read scripts\/pcapinfo\.ts /);
  assert.equal(lines.length, 2);
});
