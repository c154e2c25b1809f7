// Reads every capture of the shared corpus (../../shared/captures, beside the project) and
// compares packet counts, link types, timestamps and lengths with tshark and the MANIFEST.

import assert from "node:assert/strict";
import { openCapture } from "../lib/formats/open_capture.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import type { PcapngSection } from "../lib/formats/pcapng.ts";
import { pool } from "./_shared.ts";
import { hasTshark } from "./_tshark.ts";

const capturesDir = new URL("../../shared/captures/", import.meta.url);
const PARALLEL = 4;

/**
 * Files whose reading deliberately differs from tshark 4.0.17, or that must fail:
 * path → the error code we must give after the good records, and why.
 */
const EXPECTED_ERRORS: Record<string, { code: string; reason: string }> = {
  "libpcap/pcap-invalid-version-1.pcap": {
    code: "unsupported",
    reason: "pcap version 1.4: tcpdump says 'archaic pcap savefile format'; tshark reads it",
  },
  "libpcap/pcapng-invalid-vers-1.pcapng": {
    code: "unsupported",
    reason: "pcapng version 0.1, rejected by tcpdump and tshark",
  },
  "libpcap/linktype-reserved-field-not-zero.pcap": {
    code: "malformed",
    reason: "reserved bits of the link-type field set, rejected by tshark",
  },
  "libpcap/shb-option-too-long.pcapng": {
    code: "malformed",
    reason: "SHB total length in header and trailer differ, rejected by tcpdump and tshark",
  },
  "rusticata/err-eof.bin": {
    code: "unsupported",
    reason: "not a capture file (a bare EPB), rejected by tcpdump and tshark",
  },
  "scapy/bad_rsn_parsing_overrides_ssid.pcap": {
    code: "truncated",
    reason: "file cut in the middle of a record header, as tcpdump and tshark report",
  },
  "pcapng-suite/gopacket-extra/le/test901.pcapng": {
    code: "unsupported",
    reason: "second section has major version 2: tcpdump stops there too",
  },
  "pcapng-suite/gopacket-extra/be/test901.pcapng": {
    code: "unsupported",
    reason: "second section has major version 2: tcpdump stops there too",
  },
};

/** Files read fine whose packets deliberately differ from what tshark prints, and why. */
const DIFFERENCES: Record<string, string> = {
  "tcpdump/timestamp_invalid_micro.pcap":
    "tv_usec >= 1000000: we carry the excess into the seconds; tshark prints the raw field",
  "tcpdump/timestamp_invalid_nano.pcap":
    "tv_nsec >= 1000000000: we carry the excess into the seconds; tshark prints a negative time",
};

interface ManifestEntry {
  path: string;
  linkTypes: string;
  packets: number;
  format: string;
}

interface Packet {
  timestamp: bigint | undefined;
  length: number;
  capturedLength: number;
  interfaceId: number | undefined;
}

interface OurResult {
  packets: Packet[];
  linkTypes: number[];
  error: CaptureFileError | undefined;
}

async function exists(url: URL): Promise<boolean> {
  try {
    await Deno.stat(url);
    return true;
  } catch {
    return false;
  }
}

const haveCaptures = await exists(new URL("MANIFEST.tsv", capturesDir));
const haveTshark = await hasTshark();
if (!haveCaptures) {
  console.warn(`Skipping conformance tests: no capture corpus at ${capturesDir.pathname}`);
} else if (!haveTshark) {
  console.warn("Skipping conformance tests: tshark is not installed");
}

async function readManifest(): Promise<ManifestEntry[]> {
  const text = await Deno.readTextFile(new URL("MANIFEST.tsv", capturesDir));
  return text.trim().split("\n").slice(1).map((line) => {
    const [path, , , linkTypes, packets, format] = line.split("\t");
    return { path: path!, linkTypes: linkTypes!, packets: Number(packets), format: format! };
  });
}

function parseEpoch(text: string): bigint | undefined {
  if (text === "") return undefined;
  const negative = text.startsWith("-");
  const [whole, frac = ""] = (negative ? text.slice(1) : text).split(".");
  // tshark prints the nanoseconds field zero-padded to 9 digits, even when it is >= 1e9.
  const ns = BigInt(whole!) * 1_000_000_000n +
    BigInt(frac.length >= 9 ? frac : frac.padEnd(9, "0"));
  return negative ? -ns : ns;
}

function parseTsharkFields(stdout: Uint8Array, pcapng: boolean): Packet[] {
  const packets: Packet[] = [];
  for (const line of new TextDecoder().decode(stdout).split("\n")) {
    if (line === "") continue;
    const [epoch, length, capturedLength, interfaceId] = line.split("\t");
    // pcapng blocks that tshark shows as records but that are not packets have no interface.
    if (pcapng && interfaceId === "") continue;
    packets.push({
      timestamp: parseEpoch(epoch!),
      length: Number(length),
      capturedLength: Number(capturedLength),
      interfaceId: interfaceId === "" || interfaceId === undefined
        ? undefined
        : Number(interfaceId),
    });
  }
  return packets;
}

async function runTshark(
  path: string,
  pcapng: boolean,
): Promise<{ packets: Packet[]; ok: boolean; stderr: string }> {
  const { success, stdout, stderr } = await new Deno.Command("tshark", {
    args: [
      "-n",
      "-r",
      path,
      "-T",
      "fields",
      "-e",
      "frame.time_epoch",
      "-e",
      "frame.len",
      "-e",
      "frame.cap_len",
      "-e",
      "frame.interface_id",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    packets: parseTsharkFields(stdout, pcapng),
    ok: success,
    stderr: new TextDecoder().decode(stderr),
  };
}

/**
 * tshark takes about half a second to start: the plain pcap files are concatenated with
 * mergecap into one file that tshark reads once, then its rows are split per file.
 */
async function runTsharkMerged(
  paths: string[],
): Promise<{ packets: Packet[]; rejected: Set<string> }> {
  const merged = await Deno.makeTempFile({ suffix: ".pcapng" });
  const rejected = new Set<string>();
  try {
    // mergecap refuses link types that it cannot put in pcapng: read those files alone.
    for (let attempt = 0; attempt < 50; attempt++) {
      const merge = await new Deno.Command("mergecap", {
        args: ["-a", "-F", "pcapng", "-w", merged, ...paths.filter((p) => !rejected.has(p))],
        stdout: "null",
        stderr: "piped",
      }).output();
      if (merge.success) {
        const { packets, ok, stderr } = await runTshark(merged, false);
        if (!ok) throw new Error(`Cannot read merged corpus files with tshark: ${stderr}`);
        return { packets, rejected };
      }
      const message = new TextDecoder().decode(merge.stderr);
      const bad = message.match(/The file "([^"]+)"/)?.[1];
      if (bad === undefined || rejected.has(bad)) {
        throw new Error(`Cannot merge corpus files: ${message}`);
      }
      rejected.add(bad);
    }
    throw new Error("Cannot merge corpus files: mergecap rejects too many of them");
  } finally {
    await Deno.remove(merged);
  }
}

async function readOurs(path: string): Promise<OurResult> {
  const sections: PcapngSection[] = [];
  const packets: Packet[] = [];
  const linkTypes: number[] = [];
  let error: CaptureFileError | undefined;
  try {
    await using reader = await openCapture(path, { onSection: (s) => sections.push(s) });
    if (reader.format === "pcap") linkTypes.push(reader.header.linkType);
    try {
      for await (const batch of reader.batches()) {
        for (let i = 0; i < batch.count; i++) {
          packets.push({
            timestamp: batch.timestamp(i),
            length: batch.originalLengths[i]!,
            capturedLength: batch.capturedLengths[i]!,
            interfaceId: batch.interfaceIds[i]!,
          });
        }
      }
    } finally {
      for (const s of sections) {
        for (const i of s.interfaces) {
          if (!linkTypes.includes(i.linkType)) linkTypes.push(i.linkType);
        }
      }
    }
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
    error = e;
  }
  return { packets, linkTypes, error };
}

function numbers(linkTypes: string): string {
  return [...linkTypes.matchAll(/\((\d+)\)/g)].map((m) => m[1]).join(",");
}

Deno.test({
  name: "openCapture() reads every corpus file as tshark does",
  ignore: !haveCaptures || !haveTshark,
  permissions: { read: true, write: true, run: ["tshark", "mergecap"] },
  async fn() {
    const entries = await readManifest();
    const known = new Set(entries.map((e) => e.path));
    for (const path of [...Object.keys(EXPECTED_ERRORS), ...Object.keys(DIFFERENCES)]) {
      assert.ok(known.has(path), `${path} is listed as an exception but is not in MANIFEST.tsv`);
    }
    const failures: string[] = [];
    let packetsCompared = 0;
    let errorsExpected = 0;
    let tsharkRuns = 0;
    const paths = entries.map((e) => new URL(e.path, capturesDir).pathname);
    const ours = await pool(paths, PARALLEL, readOurs);
    const mergeable = entries.map((e) =>
      /^(ns-)?pcap( big-endian)?$/.test(e.format) && EXPECTED_ERRORS[e.path] === undefined &&
      DIFFERENCES[e.path] === undefined
    );
    const theirs = new Array<{ packets: Packet[]; ok: boolean; stderr: string }>(entries.length);
    const { packets: mergedRows, rejected } = await runTsharkMerged(
      paths.filter((_, i) => mergeable[i]),
    );
    tsharkRuns++;
    paths.forEach((p, i) => {
      if (rejected.has(p)) mergeable[i] = false;
    });
    let row = 0;
    entries.forEach((_, i) => {
      if (!mergeable[i]) return;
      const n = ours[i]!.packets.length;
      theirs[i] = { packets: mergedRows.slice(row, row + n), ok: true, stderr: "" };
      row += n;
    });
    if (row !== mergedRows.length) {
      failures.push(`merged files: ${row} packets read by us, ${mergedRows.length} by tshark`);
    }
    await pool(entries.map((_, i) => i).filter((i) => !mergeable[i]), PARALLEL, async (i) => {
      theirs[i] = await runTshark(paths[i]!, entries[i]!.format.startsWith("pcapng"));
      tsharkRuns++;
    });
    entries.forEach((entry, index) => {
      const mine = ours[index]!;
      const their = theirs[index]!;
      const pcapng = entry.format.startsWith("pcapng");
      const fail = (what: string) => failures.push(`${entry.path}: ${what}`);
      const expected = EXPECTED_ERRORS[entry.path];
      if (expected !== undefined) {
        errorsExpected++;
        if (mine.error?.code !== expected.code) {
          fail(
            `expected a ${expected.code} error (${expected.reason}), got ${
              mine.error?.message ?? "none"
            }`,
          );
        }
      } else if (mine.error !== undefined) {
        fail(
          `unexpected error: ${mine.error.message} (tshark: ${
            their.ok ? "ok" : their.stderr.trim()
          })`,
        );
      }
      if (mine.error !== undefined && !mine.error.message.includes(`offset ${mine.error.offset}`)) {
        fail(`error message does not name its offset: ${mine.error.message}`);
      }
      // The MANIFEST counts complete records.
      if (expected === undefined && mine.packets.length !== entry.packets) {
        fail(`${mine.packets.length} packets, MANIFEST says ${entry.packets}`);
      }
      if (
        expected === undefined && entry.linkTypes !== "n/a" &&
        mine.linkTypes.join(",") !== numbers(entry.linkTypes)
      ) {
        fail(`link types ${mine.linkTypes.join(",")}, MANIFEST says ${entry.linkTypes}`);
      }
      // Per packet, against tshark (which may stop earlier on corrupt files).
      if (their.ok && expected === undefined && their.packets.length !== mine.packets.length) {
        fail(`${mine.packets.length} packets, tshark read ${their.packets.length}`);
      }
      const n = Math.min(their.packets.length, mine.packets.length);
      const skipTimestamps = DIFFERENCES[entry.path] !== undefined;
      for (let i = 0; i < n; i++) {
        const a = mine.packets[i]!;
        const b = their.packets[i]!;
        const want = { ...b, timestamp: b.timestamp ?? 0n, interfaceId: b.interfaceId ?? 0 };
        if (
          (!skipTimestamps && a.timestamp !== want.timestamp) || a.length !== want.length ||
          a.capturedLength !== want.capturedLength || (pcapng && a.interfaceId !== want.interfaceId)
        ) {
          fail(
            `packet ${i + 1}: ours ${JSON.stringify(a, big)}, tshark ${JSON.stringify(want, big)}`,
          );
          break;
        }
        packetsCompared++;
      }
    });
    console.log(
      `Conformance: ${entries.length} files (${tsharkRuns} tshark runs), ${packetsCompared} packets ` +
        `compared with tshark, ${errorsExpected} expected errors, ` +
        `${Object.keys(DIFFERENCES).length} known differences, ${failures.length} failures`,
    );
    assert.deepEqual(failures, []);
  },
});

function big(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
