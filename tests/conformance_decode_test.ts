// Decodes every packet of the shared capture corpus (../../shared/captures, beside the
// project) whose link types wirekit decodes, and compares header fields per packet with
// tshark 4.0: the layer stack, then each field of each layer that both decode.
//
// tshark runs 4 at a time. By default each run reads a pcapng file built from the packets
// that wirekit's reader read (one run per quarter of the corpus: 4 tshark start-ups instead
// of 270; `conformance_files_test.ts` checks those packets against tshark's own reading).
// Set WIREKIT_TSHARK_PER_FILE=1 to run tshark on each original file instead (slower).

import assert from "node:assert/strict";
import { decode, type DecodeOptions } from "../lib/decode.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import type { Layer, LayerKind } from "../lib/layer_map.ts";
import { defaultRegistry, type Registry } from "../lib/registry.ts";
import { hasTshark, NO_REASSEMBLY, tsharkFields, type TsharkRow } from "./_tshark.ts";
import { decodedCorpusFiles, PcapngInterfaces, pool } from "./_shared.ts";
import { EXCEPTIONS } from "./conformance_decode_exceptions.ts";
import { FIELD_PROTOCOL, KINDS, QUOTING, tsharkStack } from "./_tshark_layers.ts";
import {
  AGGREGATOR,
  FIELDS,
  type FieldSpec,
  type PacketInfo,
  QUOTED_FIELDS,
  QUOTED_PORTS,
  same,
  show,
  TSHARK_FIELDS,
} from "./_tshark_fields.ts";

const capturesDir = new URL("../../shared/captures/", import.meta.url);
const PARALLEL = 4;
const MAX_REPORTED_PER_FILE = 25;

// ---------------------------------------------------------------------------------------
// Comparing one packet.

interface Mismatch {
  file: string;
  frame: number;
  field: string;
  ours: string;
  theirs: string;
  excused: string | undefined;
}

interface FileReport {
  file: string;
  packets: number;
  fields: number;
  mismatches: Mismatch[];
  /** Protocols past wirekit's layers, not compared, with their packet counts. */
  beyond: Map<string, number>;
  /** Headers both cut short or found malformed (not compared), with counts. */
  stopped: Map<string, number>;
  /**
   * Text protocols wirekit reads from one TCP segment where tshark hands the segment to
   * its stream reassembly instead (after a gap, a reset), with counts: not compared.
   */
  held: Map<string, number>;
  /** How many times each field was compared. */
  byField: Map<string, number>;
  notes: string[];
}

function comparePacket(
  report: FileReport,
  frame: number,
  info: PacketInfo,
  row: TsharkRow,
): void {
  const layers = info.packet.layers;
  const stack = tsharkStack(row["frame.protocols"]?.[0] ?? "");
  const mismatch = (field: string, ours: string, theirs: string) => {
    const excused = EXCEPTIONS.find((e) =>
      e.file === report.file &&
      (e.field.endsWith("*") ? field.startsWith(e.field.slice(0, -1)) : e.field === field) &&
      (e.frames === undefined || e.frames.includes(frame)) &&
      (e.ours === undefined || e.ours.test(ours))
    )?.reason;
    report.mismatches.push({ file: report.file, frame, field, ours, theirs, excused });
  };
  if (stack.beyond !== undefined) {
    report.beyond.set(stack.beyond, (report.beyond.get(stack.beyond) ?? 0) + 1);
  }
  // The layer stack: position by position.
  const n = Math.min(layers.length, stack.layers.length);
  let agree = 0;
  while (agree < n && KINDS[stack.layers[agree]!.proto]!.includes(layers[agree]!.kind)) agree++;
  const error = info.packet.error;
  // A partial decode (the last layer kept with its error) is not compared field by field.
  const partial = error?.partial === true && agree === layers.length && agree > 0;
  const compared = partial ? agree - 1 : agree;
  const stoppedAt = stack.layers[agree];
  // Both stop at the same header: tshark lists it (with what fields it could read) and
  // wirekit reports a DecodeError for it; or wirekit finds it malformed where tshark
  // decodes nothing (it shows the bytes as data).
  const bothStopped = error !== undefined && agree === layers.length &&
    (partial && agree === stack.layers.length
      ? KINDS[stack.layers[agree - 1]!.proto]!.includes(error.layer as LayerKind)
      : stoppedAt !== undefined
      ? agree === stack.layers.length - 1 &&
        KINDS[stoppedAt.proto]!.includes(error.layer as LayerKind)
      : error.code === "malformed" && (stack.beyond === undefined || stack.beyond === "data"));
  const text = layers.at(-1)?.kind;
  const held = error === undefined && agree === stack.layers.length &&
    layers.length === agree + 1 && stack.layers.at(-1)?.proto === "tcp" &&
    (stack.beyond === undefined || stack.beyond === "data") &&
    (text === "http" || text === "smtp" || text === "ftp");
  report.fields++;
  report.byField.set("layers", (report.byField.get("layers") ?? 0) + 1);
  if (held) {
    report.held.set(text!, (report.held.get(text!) ?? 0) + 1);
  } else if (bothStopped) {
    const key = `${error.layer} (${error.code})`;
    report.stopped.set(key, (report.stopped.get(key) ?? 0) + 1);
  } else if (
    agree !== layers.length || agree !== stack.layers.length || error !== undefined
  ) {
    const ours = layers.map((layer) => layer.kind).join(":") +
      (error === undefined ? "" : ` [${error.message}]`);
    const theirs = stack.layers.map((layer) => layer.proto).join(":") +
      (stack.beyond === undefined ? "" : ` [then ${stack.beyond}]`);
    mismatch("layers", ours, theirs);
  }
  // The fields of each layer both decoded.
  for (let i = 0; i < compared; i++) {
    const { proto, occurrence } = stack.layers[i]!;
    const fieldProto = FIELD_PROTOCOL[proto] ?? proto;
    const single = stack.all.filter((l) => (FIELD_PROTOCOL[l.proto] ?? l.proto) === fieldProto)
      .length === 1;
    for (const spec of FIELDS) {
      if (spec.proto !== fieldProto) continue;
      if (spec.occurrences !== undefined && !single) continue;
      compareField(report, mismatch, spec, layers[i], info, i, row, occurrence);
    }
  }
  // The datagram quoted by an ICMP error, against tshark's nested layers.
  const last = stack.layers[compared - 1];
  if (last !== undefined && QUOTING.has(last.proto) && compared === stack.layers.length) {
    const icmp = layers[compared - 1] as Layer & { kind: "icmp" | "icmpv6" };
    const at = stack.all.findIndex((l) =>
      l.proto === last.proto && l.occurrence === last.occurrence
    );
    const inner = stack.all[at + 1];
    const ipProto = last.proto === "icmp" ? "ip" : "ipv6";
    const original = icmp.original;
    if (inner?.proto === ipProto && (row[`${ipProto}.src`]?.length ?? 0) > inner.occurrence) {
      if (original === undefined) {
        report.fields++;
        report.byField.set("quoted", (report.byField.get("quoted") ?? 0) + 1);
        mismatch(
          `${last.proto}.original`,
          "(none)",
          `${ipProto} ${row[`${ipProto}.src`]![inner.occurrence]}`,
        );
      } else {
        for (const spec of QUOTED_FIELDS) {
          if (spec.proto !== ipProto) continue;
          compareField(
            report,
            mismatch,
            spec,
            original.ip,
            info,
            -1,
            row,
            inner.occurrence,
            "quoted ",
          );
        }
        const transport = stack.all[at + 2];
        if (transport !== undefined && (transport.proto === "tcp" || transport.proto === "udp")) {
          for (const spec of QUOTED_PORTS) {
            if (spec.proto !== transport.proto) continue;
            compareField(
              report,
              mismatch,
              spec,
              original,
              info,
              -1,
              row,
              transport.occurrence,
              "quoted ",
            );
          }
        }
      }
    } else if (original !== undefined) {
      report.fields++;
      report.byField.set("quoted", (report.byField.get("quoted") ?? 0) + 1);
      mismatch(`${last.proto}.original`, `${ipProto} ${original.ip.source}`, "(none)");
    }
  }
}

function compareField(
  report: FileReport,
  mismatch: (field: string, ours: string, theirs: string) => void,
  spec: FieldSpec,
  layer: unknown,
  info: PacketInfo,
  index: number,
  row: TsharkRow,
  occurrence: number,
  prefix = "",
): void {
  const values = row[spec.field] ?? [];
  const theirs = spec.occurrences === undefined
    ? values[occurrence]
    : spec.occurrences === "first" || values.length === 0
    ? values[0]
    : values.join(",");
  const ours = layer === undefined ? undefined : spec.ours(layer, info, index);
  if (ours === undefined && theirs === undefined) return;
  report.fields++;
  const name = prefix + spec.field;
  report.byField.set(name, (report.byField.get(name) ?? 0) + 1);
  if (theirs === undefined || ours === undefined || !same(ours, theirs)) {
    mismatch(prefix + spec.field, show(ours, theirs), theirs ?? "(none)");
  }
}

// ---------------------------------------------------------------------------------------
// The corpus.

interface CaptureFile {
  file: string;
  records: { linkType: number; data: Uint8Array; originalLength: number; fcsLength?: number }[];
  pcapng: boolean;
  readError: string | undefined;
}

async function exists(url: URL): Promise<boolean> {
  try {
    await Deno.stat(url);
    return true;
  } catch {
    return false;
  }
}

async function readCaptureFile(file: string): Promise<CaptureFile> {
  const records: CaptureFile["records"] = [];
  let readError: string | undefined;
  let pcapng = false;
  try {
    await using reader = await openCapture(new URL(file, capturesDir).pathname);
    pcapng = reader.format === "pcapng";
    for await (const record of reader) {
      const fcsLength = reader.format === "pcap"
        ? reader.header.fcsLength
        : reader.section.interfaces[record.interfaceId]?.fcsLength;
      records.push({
        linkType: record.linkType,
        data: record.data,
        originalLength: record.originalLength,
        ...(fcsLength === undefined ? {} : { fcsLength }),
      });
    }
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    readError = error.message;
  }
  return { file, records, pcapng, readError };
}

/** Runs tshark once over the packets of several files; returns one row per packet. */
async function tsharkOverPackets(files: CaptureFile[]): Promise<TsharkRow[]> {
  const interfaces = new PcapngInterfaces();
  const packets = files.flatMap((capture) =>
    capture.records.map((record) => {
      const interfaceId = interfaces.idOf(record.linkType, record.fcsLength);
      return {
        timestamp: 0n,
        data: record.data,
        originalLength: record.originalLength,
        interfaceId,
      };
    })
  );
  if (packets.length === 0) return [];
  const result = await tsharkFields(
    pcapngBytes({ interfaces: interfaces.list, packets }),
    TSHARK_FIELDS,
    {
      preferences: NO_REASSEMBLY,
      aggregator: AGGREGATOR,
    },
  );
  if (result.rows.length !== packets.length) {
    throw new Error(
      `tshark read ${result.rows.length} of ${packets.length} packets: ${result.stderr}`,
    );
  }
  return result.rows;
}

/** Runs tshark on an original file; drops pcapng records that are not packets. */
async function tsharkOverFile(capture: CaptureFile): Promise<TsharkRow[]> {
  const result = await tsharkFields(new URL(capture.file, capturesDir), TSHARK_FIELDS, {
    preferences: NO_REASSEMBLY,
    aggregator: AGGREGATOR,
  });
  return capture.pcapng
    ? result.rows.filter((row) => row["frame.interface_id"]!.length > 0)
    : result.rows;
}

function compareFile(capture: CaptureFile, rows: TsharkRow[], registry?: Registry): FileReport {
  const report: FileReport = {
    file: capture.file,
    packets: 0,
    fields: 0,
    mismatches: [],
    beyond: new Map(),
    stopped: new Map(),
    held: new Map(),
    byField: new Map(),
    notes: [],
  };
  if (capture.readError !== undefined) report.notes.push(`reader stopped: ${capture.readError}`);
  if (rows.length !== capture.records.length) {
    report.notes.push(`wirekit read ${capture.records.length} packets, tshark ${rows.length}`);
  }
  const n = Math.min(rows.length, capture.records.length);
  for (let i = 0; i < n; i++) {
    const record = capture.records[i]!;
    const row = rows[i]!;
    const frame = i + 1;
    if (
      Number(row["frame.cap_len"]?.[0]) !== record.data.length ||
      Number(row["frame.len"]?.[0]) !== record.originalLength
    ) {
      report.mismatches.push({
        file: capture.file,
        frame,
        field: "frame.cap_len/frame.len",
        ours: `${record.data.length}/${record.originalLength}`,
        theirs: `${row["frame.cap_len"]}/${row["frame.len"]}`,
        excused: undefined,
      });
      continue;
    }
    const options: DecodeOptions = {};
    if (record.fcsLength !== undefined) options.fcsLength = record.fcsLength;
    if (registry !== undefined) options.registry = registry;
    const packet = decode(record.linkType, record.data, options);
    const info = { packet, whole: record.data.length === record.originalLength };
    report.packets++;
    comparePacket(report, frame, info, row);
  }
  return report;
}

function printReport(report: FileReport): void {
  const bad = report.mismatches.filter((m) => m.excused === undefined).length;
  const excused = report.mismatches.length - bad;
  const extras: string[] = [...report.notes];
  if (report.beyond.size > 0) {
    extras.push(
      `not compared (tshark decodes deeper): ${
        [...report.beyond].map(([p, c]) => `${p}×${c}`).join(", ")
      }`,
    );
  }
  if (report.held.size > 0) {
    extras.push(
      `not compared (tshark leaves the segment to TCP reassembly): ${
        [...report.held].map(([p, c]) => `${p}×${c}`).join(", ")
      }`,
    );
  }
  if (report.stopped.size > 0) {
    extras.push(
      `both stop at: ${[...report.stopped].map(([p, c]) => `${p}×${c}`).join(", ")}`,
    );
  }
  console.log(
    `${report.file}: ${report.packets} packets, ${report.fields} fields, ${bad} mismatches` +
      (excused > 0 ? ` (+${excused} excused)` : "") +
      (extras.length > 0 ? `; ${extras.join("; ")}` : ""),
  );
  for (const m of report.mismatches.slice(0, MAX_REPORTED_PER_FILE)) {
    console.log(
      `  frame ${m.frame} ${m.field}: ours ${m.ours}, tshark ${m.theirs}` +
        (m.excused === undefined ? "" : ` (excused: ${m.excused})`),
    );
  }
  if (report.mismatches.length > MAX_REPORTED_PER_FILE) {
    console.log(`  ... ${report.mismatches.length - MAX_REPORTED_PER_FILE} more`);
  }
}

const haveCaptures = await exists(new URL("MANIFEST.tsv", capturesDir));
const haveTshark = haveCaptures && await hasTshark();
if (!haveCaptures) {
  console.warn(`Skipping decode conformance: no capture corpus at ${capturesDir.pathname}`);
} else if (!haveTshark) {
  console.warn("Skipping decode conformance: tshark is not installed");
}

Deno.test({
  name: "decode() agrees with tshark on every corpus packet",
  ignore: !haveCaptures || !haveTshark,
  permissions: {
    read: true,
    run: ["tshark"],
    env: ["WIREKIT_TSHARK_PER_FILE", "WIREKIT_TSHARK_ONLY"],
  },
  async fn() {
    // WIREKIT_TSHARK_ONLY=REGEX compares only the files whose path it matches.
    const only = Deno.env.get("WIREKIT_TSHARK_ONLY");
    const paths = (await decodedCorpusFiles(capturesDir))
      .filter((path) => only === undefined || new RegExp(only).test(path));
    const files = await Promise.all(paths.map(readCaptureFile));
    const rowsByFile = new Map<CaptureFile, TsharkRow[]>();
    if (Deno.env.get("WIREKIT_TSHARK_PER_FILE") === "1") {
      await pool(files, PARALLEL, async (capture) => {
        rowsByFile.set(capture, await tsharkOverFile(capture));
      });
    } else {
      // Split the corpus into PARALLEL runs of about the same number of packets.
      const total = files.reduce((sum, capture) => sum + capture.records.length, 0);
      const groups: CaptureFile[][] = Array.from({ length: PARALLEL }, () => []);
      let sum = 0;
      for (const capture of files) {
        groups[Math.min(PARALLEL - 1, Math.floor((sum * PARALLEL) / Math.max(1, total)))]!
          .push(capture);
        sum += capture.records.length;
      }
      await pool(groups, PARALLEL, async (group) => {
        const rows = await tsharkOverPackets(group);
        let at = 0;
        for (const capture of group) {
          rowsByFile.set(capture, rows.slice(at, at + capture.records.length));
          at += capture.records.length;
        }
      });
    }
    const reports = files.map((capture) => compareFile(capture, rowsByFile.get(capture) ?? []));
    for (const report of reports) printReport(report);

    const all = reports.flatMap((report) => report.mismatches);
    const failures = all.filter((m) => m.excused === undefined);
    const used = new Set(all.map((m) => m.excused).filter((reason) => reason !== undefined));
    const stale = EXCEPTIONS.filter((e) => paths.includes(e.file) && !used.has(e.reason));
    const byField = new Map<string, number>();
    for (const report of reports) {
      for (const [field, count] of report.byField) {
        byField.set(field, (byField.get(field) ?? 0) + count);
      }
    }
    console.log(`Fields compared: ${[...byField].map(([f, c]) => `${f} ${c}`).join(", ")}`);
    const packets = reports.reduce((sum, report) => sum + report.packets, 0);
    const fields = reports.reduce((sum, report) => sum + report.fields, 0);
    console.log(
      `Decode conformance: ${reports.length} files, ${packets} packets, ${fields} fields ` +
        `compared, ${failures.length} mismatches (${all.length - failures.length} excused)`,
    );
    assert.deepEqual(
      stale.map((e) => `${e.file} ${e.field}: ${e.reason}`),
      [],
      "exceptions that no longer match any mismatch",
    );
    assert.deepEqual(
      failures.map((m) =>
        `${m.file} frame ${m.frame} ${m.field}: ours ${m.ours}, tshark ${m.theirs}`
      ),
      [],
    );
  },
});

Deno.test("tsharkStack() keeps the layers wirekit decodes, up to an ICMP error's quote", () => {
  const quoted = tsharkStack("eth:ethertype:ip:icmp:ip:udp:dns");
  assert.deepEqual(quoted.layers.map((layer) => layer.proto), ["eth", "ip", "icmp"]);
  assert.equal(quoted.beyond, undefined);
  assert.deepEqual(quoted.all[3], { proto: "ip", occurrence: 1 });
  const unknown = tsharkStack("eth:ethertype:pn_rt:pn_io");
  assert.deepEqual(unknown.layers.map((layer) => layer.proto), ["eth"]);
  assert.equal(unknown.beyond, "pn_rt");
});

Deno.test("tsharkStack() keeps DNS, mDNS and DHCP, one layer per DHCP message", () => {
  const mdns = tsharkStack("eth:ethertype:ip:udp:mdns");
  assert.deepEqual(mdns.layers.map((layer) => layer.proto), ["eth", "ip", "udp", "mdns"]);
  assert.deepEqual(KINDS["mdns"], ["dns"]);
  assert.equal(mdns.beyond, undefined);
  const vendor = tsharkStack("eth:ethertype:ip:udp:dhcp:dhcp");
  assert.deepEqual(vendor.layers.map((layer) => layer.proto), ["eth", "ip", "udp", "dhcp"]);
  const llmnr = tsharkStack("eth:ethertype:ip:udp:llmnr");
  assert.equal(llmnr.beyond, "llmnr");
});

Deno.test({
  name: "decode() conformance check reports a layer that wirekit misses",
  ignore: !haveTshark || !(await exists(new URL("zeek/tunnels/6in4.pcap", capturesDir))),
  permissions: { read: true, run: ["tshark"] },
  async fn() {
    // 6in4.pcap: eth:ethertype:ip:ipv6:udp:data, one packet.
    const capture = await readCaptureFile("zeek/tunnels/6in4.pcap");
    const rows = await tsharkOverFile(capture);
    const good = compareFile(capture, rows);
    assert.equal(good.packets, 1);
    assert.deepEqual(good.mismatches, []);
    const registry = defaultRegistry.clone();
    registry.ipProtocols.delete(IpProtocol.UDP);
    const report = compareFile(capture, rows, registry);
    assert.deepEqual(report.mismatches.map((m) => [m.field, m.ours, m.theirs]), [
      ["layers", "ethernet:ipv4:ipv6", "eth:ip:ipv6:udp [then data]"],
    ]);
  },
});
