// FlowTable's conformance with tshark's conversation statistics
// (`tshark -q -z conv,tcp -z conv,udp`).
//
// The conformance test runs tshark once per file on testdata/namespaces.pcap and .pcapng.
// For the shared corpus (../shared/captures), tshark's start-up (about 0.6 s of CPU) times
// 270 files would take minutes, so by default the corpus goes through tshark in a few
// runs: each run reads one pcapng file holding several corpus files one after the other,
// each moved in time to a window of its own (a conversation is given back to its file by
// its start), and no two files of a run share a TCP or UDP conversation (so that none
// merges). Set WIREKIT_TSHARK_PER_FILE=1 to run tshark on each original file instead.

import assert from "node:assert/strict";
import { type Flow, FlowTable } from "../lib/stats/flows.ts";
import { PacketParser } from "../lib/decode.ts";
import { buildEthernet, buildIpv4, buildTcp, type TcpFlagsSpec } from "../lib/craft/mod.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { hasTshark } from "./_tshark.ts";
import {
  parseTsharkConversations,
  type PrintedBytes,
  type TsharkConversation,
  tsharkConversations,
} from "./_tshark_conversations.ts";
import {
  decodedCorpusFiles,
  PcapngInterfaces,
  pool,
  sharedCaptures,
  testdataDir,
} from "./_shared.ts";
import { LinkType } from "../lib/link_type.ts";

const MAC = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };

Deno.test("parseTsharkConversations() reads tshark 4's tables, kB counts and IPv6 endpoints", () => {
  const text = [
    "================================================================================",
    "UDP Conversations",
    "Filter:<No Filter>",
    "                                                           |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |",
    "                                                           | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |",
    "10.77.0.1:34436            <-> 10.77.0.2:53                     1 87 bytes        1 71 bytes        2 158 bytes    17.096981000         0.0092",
    "2001:618:400::5199:cc70:35995 <-> 2001:618:1:8000::5:80           12 13 kB          16 2323 bytes      28 15 kB         0.000000000         1.5845",
    "================================================================================",
  ].join("\n");
  assert.deepEqual(parseTsharkConversations(text), [
    {
      protocol: "udp",
      addressA: "10.77.0.1",
      portA: 34436,
      addressB: "10.77.0.2",
      portB: 53,
      packetsBToA: 1,
      bytesBToA: { value: 87, unit: 1 },
      packetsAToB: 1,
      bytesAToB: { value: 71, unit: 1 },
      start: 17.096981,
      duration: 0.0092,
    },
    {
      protocol: "udp",
      addressA: "2001:618:400::5199:cc70",
      portA: 35995,
      addressB: "2001:618:1:8000::5",
      portB: 80,
      packetsBToA: 12,
      bytesBToA: { value: 13, unit: 1000 },
      packetsAToB: 16,
      bytesAToB: { value: 2323, unit: 1 },
      start: 0,
      duration: 1.5845,
    },
  ]);
});

// ---------------------------------------------------------------------------------------
// wirekit's side: a capture file read into records and flows.

interface CaptureRecordLite {
  timestamp: bigint;
  linkType: number;
  data: Uint8Array;
  originalLength: number;
  fcsLength: number | undefined;
}

interface CaptureFile {
  /** The name reported: the path under the corpus, or under the project. */
  name: string;
  path: string;
  records: CaptureRecordLite[];
  readError: string | undefined;
  /** wirekit's flows, in tshark's order, and the first packet's time. */
  flows: Flow[];
  firstTimestamp: bigint;
  /** The earliest and latest packet times. */
  minTimestamp: bigint;
  maxTimestamp: bigint;
}

async function readCaptureFile(name: string, path: string): Promise<CaptureFile> {
  const records: CaptureRecordLite[] = [];
  let readError: string | undefined;
  try {
    await using reader = await openCapture(path);
    for await (const record of reader) {
      const fcsLength = reader.format === "pcap"
        ? reader.header.fcsLength
        : reader.section.interfaces[record.interfaceId]?.fcsLength;
      records.push({
        timestamp: record.timestamp,
        linkType: record.linkType,
        data: record.data,
        originalLength: record.originalLength,
        fcsLength,
      });
    }
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    readError = error.message;
  }
  const parsers = new Map<number | undefined, PacketParser>();
  const table = new FlowTable();
  let minTimestamp = records[0]?.timestamp ?? 0n;
  let maxTimestamp = minTimestamp;
  for (const record of records) {
    let parser = parsers.get(record.fcsLength);
    if (parser === undefined) {
      parser = new PacketParser(
        record.fcsLength === undefined ? {} : { fcsLength: record.fcsLength },
      );
      parsers.set(record.fcsLength, parser);
    }
    parser.parse(record.linkType, record.data);
    const ns = ((record.timestamp % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
    table.add(
      parser,
      Number((record.timestamp - ns) / 1_000_000_000n),
      Number(ns),
      record.originalLength,
    );
    if (record.timestamp < minTimestamp) minTimestamp = record.timestamp;
    if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
  }
  const { flows, totals } = table.result();
  return {
    name,
    path,
    records,
    readError,
    flows,
    firstTimestamp: totals.firstTimestamp ?? 0n,
    minTimestamp,
    maxTimestamp,
  };
}

/** The TCP and UDP flows that tshark's tables list: those with ports. */
function portFlows(capture: CaptureFile): Flow[] {
  return capture.flows.filter((flow) =>
    (flow.protocol === "tcp" || flow.protocol === "udp") && flow.portA !== null
  );
}

function conversationKey(
  protocol: string,
  a: string,
  portA: number | null,
  b: string,
  portB: number | null,
): string {
  const one = `${a}|${portA}`;
  const two = `${b}|${portB}`;
  return `${protocol} ${one < two ? `${one} ${two}` : `${two} ${one}`}`;
}

// ---------------------------------------------------------------------------------------
// Comparing one file.

interface FileComparison {
  capture: CaptureFile;
  /** tshark's conversations and wirekit's TCP and UDP flows. */
  conversations: number;
  flows: number;
  problems: string[];
}

function showBytes(bytes: PrintedBytes): string {
  return bytes.unit === 1 ? `${bytes.value}` : `${bytes.value}×${bytes.unit}`;
}

function sameBytes(ours: number, theirs: PrintedBytes): boolean {
  return Math.floor(ours / theirs.unit) === theirs.value;
}

/**
 * Compares wirekit's TCP and UDP flows of a file with tshark's conversations of it.
 * `shift` (nanoseconds) turns a wirekit time into tshark's relative start.
 */
function compareFile(
  capture: CaptureFile,
  theirs: TsharkConversation[],
  shift: bigint,
): FileComparison {
  const problems: string[] = [];
  const ours = portFlows(capture);
  const byKey = new Map<string, Flow>();
  for (const flow of ours) {
    byKey.set(
      conversationKey(flow.protocol, flow.addressA, flow.portA, flow.addressB, flow.portB),
      flow,
    );
  }
  const matched = new Set<Flow>();
  for (const conversation of theirs) {
    const { protocol, addressA, portA, addressB, portB } = conversation;
    const label = `${protocol} ${addressA}:${portA} <-> ${addressB}:${portB}`;
    const flow = byKey.get(conversationKey(protocol, addressA, portA, addressB, portB));
    if (flow === undefined || matched.has(flow)) {
      problems.push(`${label}: only in tshark`);
      continue;
    }
    matched.add(flow);
    const problem: string[] = [];
    if (flow.addressA !== addressA || flow.portA !== portA) problem.push("A and B swapped");
    else {
      if (flow.packetsAToB !== conversation.packetsAToB) {
        problem.push(`A→B packets ${flow.packetsAToB} vs ${conversation.packetsAToB}`);
      }
      if (flow.packetsBToA !== conversation.packetsBToA) {
        problem.push(`B→A packets ${flow.packetsBToA} vs ${conversation.packetsBToA}`);
      }
      if (!sameBytes(flow.bytesAToB, conversation.bytesAToB)) {
        problem.push(`A→B bytes ${flow.bytesAToB} vs ${showBytes(conversation.bytesAToB)}`);
      }
      if (!sameBytes(flow.bytesBToA, conversation.bytesBToA)) {
        problem.push(`B→A bytes ${flow.bytesBToA} vs ${showBytes(conversation.bytesBToA)}`);
      }
    }
    // tshark prints the start with 9 decimals and the duration with 4, from doubles.
    const start = Number(flow.firstTimestamp + shift) / 1e9;
    // tshark's doubles: an error of a few units in the last place of the value.
    const slack = Math.abs(start) * 1e-15;
    if (Math.abs(start - conversation.start) > 0.5e-9 + slack + 1e-12) {
      problem.push(`start ${start.toFixed(9)} vs ${conversation.start.toFixed(9)}`);
    }
    if (Math.abs(flow.duration - conversation.duration) > 0.5e-4 + slack + 1e-9) {
      problem.push(`duration ${flow.duration.toFixed(4)} vs ${conversation.duration.toFixed(4)}`);
    }
    if (problem.length > 0) problems.push(`${label}: ${problem.join(", ")}`);
  }
  for (const flow of ours) {
    if (!matched.has(flow)) {
      problems.push(
        `${flow.protocol} ${flow.addressA}:${flow.portA} <-> ${flow.addressB}:${flow.portB}: ` +
          "only in wirekit",
      );
    }
  }
  // The same conversations: then in the same order, table by table.
  if (problems.length === 0) {
    for (const protocol of ["tcp", "udp"]) {
      const oursInOrder = ours.filter((flow) => flow.protocol === protocol)
        .map((flow) => `${flow.addressA}:${flow.portA}-${flow.addressB}:${flow.portB}`);
      const theirsInOrder = theirs.filter((c) => c.protocol === protocol)
        .map((c) => `${c.addressA}:${c.portA}-${c.addressB}:${c.portB}`);
      if (oursInOrder.join(" ") !== theirsInOrder.join(" ")) {
        problems.push(`${protocol} flows in another order than tshark's`);
      }
    }
  }
  return { capture, conversations: theirs.length, flows: ours.length, problems };
}

// ---------------------------------------------------------------------------------------
// The corpus through tshark, several files a run.

/** Seconds between the time windows of two files in one run. */
const GAP_NS = 1000n * 1_000_000_000n;
const RUNS = 4;
/** tshark processes at a time. */
const PARALLEL = 4;
const DAY_NS = 86_400n * 1_000_000_000n;

interface Placement {
  capture: CaptureFile;
  /** Added to a file's time to get its time in the run's file. */
  offset: bigint;
  /** The window of the file's times in the run's file. */
  from: bigint;
  to: bigint;
}

/** Splits files into runs: about the same packets each, no conversation shared in a run. */
function planRuns(files: CaptureFile[]): CaptureFile[][] {
  const runs: { files: CaptureFile[]; packets: number; keys: Set<string> }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push({ files: [], packets: 0, keys: new Set() });
  for (const capture of files) {
    const keys = portFlows(capture).map((f) =>
      conversationKey(f.protocol, f.addressA, f.portA, f.addressB, f.portB)
    );
    const fits = runs.filter((run) => keys.every((key) => !run.keys.has(key)));
    let run = fits.sort((a, b) => a.packets - b.packets)[0];
    if (run === undefined) {
      run = { files: [], packets: 0, keys: new Set() };
      runs.push(run);
    }
    run.files.push(capture);
    run.packets += capture.records.length;
    for (const key of keys) run.keys.add(key);
  }
  return runs.map((run) => run.files).filter((group) => group.length > 0);
}

/**
 * Builds the pcapng file of one run: a first frame (not IP) at 1 s, so that every
 * relative start is positive, then each file's packets moved to a window of its own.
 */
function buildRun(files: CaptureFile[]): { bytes: Uint8Array; placements: Placement[] } {
  const interfaces = new PcapngInterfaces();
  interfaces.idOf(LinkType.EN10MB); // interface 0: the first, dummy frame's
  const origin = 1_000_000_000n;
  const packets = [{ timestamp: origin, data: new Uint8Array(60).fill(0x88, 12, 13) }] as {
    timestamp: bigint;
    data: Uint8Array;
    originalLength?: number;
    interfaceId?: number;
  }[];
  const placements: Placement[] = [];
  let cursor = origin + GAP_NS;
  for (const capture of files) {
    const offset = cursor - capture.minTimestamp;
    const from = capture.minTimestamp + offset;
    const to = capture.maxTimestamp + offset;
    placements.push({ capture, offset, from, to });
    cursor = to + GAP_NS;
    for (const record of capture.records) {
      const interfaceId = interfaces.idOf(record.linkType, record.fcsLength);
      packets.push({
        timestamp: record.timestamp + offset,
        data: record.data,
        originalLength: record.originalLength,
        interfaceId,
      });
    }
  }
  // Relative starts count from the first frame: make placements relative to it.
  for (const placement of placements) {
    placement.offset -= origin;
    placement.from -= origin;
    placement.to -= origin;
  }
  return { bytes: pcapngBytes({ interfaces: interfaces.list, packets }), placements };
}

/** Runs tshark over a run's file and gives each conversation back to its file. */
async function compareRun(files: CaptureFile[]): Promise<FileComparison[]> {
  const { bytes, placements } = buildRun(files);
  const conversations = await tsharkConversations(bytes);
  const byFile = new Map<CaptureFile, TsharkConversation[]>(files.map((f) => [f, []]));
  const stray: string[] = [];
  for (const conversation of conversations) {
    const ns = BigInt(Math.round(conversation.start * 1e9));
    const placement = placements.find((p) => ns >= p.from - 1_000_000n && ns <= p.to + 1_000_000n);
    if (placement === undefined) stray.push(`${conversation.addressA}:${conversation.portA}`);
    else byFile.get(placement.capture)!.push(conversation);
  }
  assert.deepEqual(stray, [], "tshark conversations outside every file's time window");
  return placements.map((p) => compareFile(p.capture, byFile.get(p.capture)!, p.offset));
}

/** Runs tshark over one original file. */
async function compareAlone(capture: CaptureFile): Promise<FileComparison> {
  const conversations = await tsharkConversations(capture.path);
  return compareFile(capture, conversations, -capture.firstTimestamp);
}

const NULL_GUESS = "frame 3's NULL header 0f 00 08 00 is no address family (tcpdump: 'AF " +
  "Unknown'), so wirekit decodes no IP; tshark guesses its last two bytes are an EtherType " +
  "and finds a DNS answer (see conformance_decode_test.ts)";
const UNTIMED_REFERENCE = "tshark's relative starts count from the file's first record, an " +
  "unknown block without a timestamp (time 0), so they read as absolute times; wirekit's " +
  "count from the first packet. The packets and bytes agree";

/**
 * Files whose TCP or UDP conversations legitimately differ from tshark's, and why. Each is
 * compared alone (tshark on the original file), and the test fails when one stops
 * differing.
 */
const EXCEPTIONS: Record<string, string> = {
  "libpcap/AH-IPcomp-IPv6.pcap": "IPComp (IP protocol 108): tshark inflates the compressed " +
    "payloads and counts the TCP segments in them; wirekit does not decompress, so it counts " +
    "only the segments sent uncompressed",
  "tcpdump/of13_ericsson.pcapng": "OpenFlow messages carry whole Ethernet frames (packet-in, " +
    "packet-out): tshark dissects them and counts the UDP datagram inside; wirekit does not " +
    "decode OpenFlow",
  "libpcap/ipv6_ext_headers.pcap": "a chain of 46 IPv6 extension headers: wirekit stops at " +
    "its default maxLayers (32, against endless chains) before the UDP header; tshark has no " +
    "limit",
  "tcpdump/LINKTYPE_IPV4_invalid.pcap": "an IPv6 packet under LINKTYPE_IPV4: tshark's IPv4 " +
    "dissector hands it to IPv6; wirekit reports the IPv4 version as malformed (as tcpdump)",
  "pcapplusplus/NullLoopback.pcap": NULL_GUESS,
  "pcapplusplus/null_loopback.pcap": NULL_GUESS,
  "tcpdump/mptcp-dss-oobr.pcap": "a SYN whose MPTCP option is malformed: tshark's TCP " +
    "dissector throws in the option before it reports the conversation, so it counts none; " +
    "wirekit decodes the header (flagging the options) and counts the SYN",
  "tcpdump/timestamp_invalid_micro.pcap": "a microsecond field of 2147483648 (over 999999): " +
    "wirekit's reader carries the excess into the seconds (as conformance_files_test.ts " +
    "records), tshark wraps it, so the connection's duration differs; packets and bytes agree",
  "pcapng-suite/le/test102.pcapng": UNTIMED_REFERENCE,
  "pcapng-suite/be/test102.pcapng": UNTIMED_REFERENCE,
  "pcapng-suite/le/test202.pcapng": UNTIMED_REFERENCE,
  "pcapng-suite/be/test202.pcapng": UNTIMED_REFERENCE,
};

/**
 * Compares the corpus files with tshark. Files spanning more than a day (windows that
 * long would make a run's times too large to print to the nanosecond), files listed in
 * {@linkcode EXCEPTIONS}, and every file with WIREKIT_TSHARK_PER_FILE=1 are compared
 * alone. The others go in runs of several files; a file that differs in a run is compared
 * again alone, and the rest of that run again in a new run, until the runs agree: two files
 * sharing a conversation that wirekit does not see would make both differ, so a run that
 * agrees shares none.
 */
async function compareCorpus(
  files: CaptureFile[],
): Promise<{ results: FileComparison[]; runs: number; alone: number }> {
  const perFile = Deno.env.get("WIREKIT_TSHARK_PER_FILE") === "1";
  const isAlone = (f: CaptureFile) =>
    perFile || f.maxTimestamp - f.minTimestamp > DAY_NS || EXCEPTIONS[f.name] !== undefined;
  const alone = files.filter(isAlone);
  let pending = files.filter((f) => !isAlone(f));
  const results: FileComparison[] = [];
  let runCount = 0;
  while (pending.length > 0) {
    const runs = planRuns(pending);
    runCount += runs.length;
    pending = [];
    for (const comparisons of await pool(runs, PARALLEL, compareRun)) {
      if (comparisons.every((c) => c.problems.length === 0)) {
        results.push(...comparisons);
        continue;
      }
      for (const comparison of comparisons) {
        if (comparison.problems.length > 0) alone.push(comparison.capture);
        else pending.push(comparison.capture);
      }
    }
  }
  results.push(...await pool(alone, PARALLEL, compareAlone));
  return { results, runs: runCount, alone: alone.length };
}

const haveTshark = await hasTshark();
const corpus = sharedCaptures();
if (!haveTshark) console.warn("Skipping flows conformance: tshark is not installed");
else if (corpus === undefined) {
  console.warn("Flows conformance: no shared capture corpus (../shared/captures), testdata only");
}

Deno.test({
  name: "FlowTable agrees with tshark's TCP and UDP conversations",
  ignore: !haveTshark,
  permissions: {
    read: true,
    run: ["tshark"],
    env: ["WIREKIT_TSHARK_PER_FILE", "WIREKIT_TSHARK_ONLY"],
  },
  async fn() {
    // WIREKIT_TSHARK_ONLY=REGEX compares only the corpus files whose path it matches.
    const onlyText = Deno.env.get("WIREKIT_TSHARK_ONLY");
    const only = onlyText === undefined ? undefined : new RegExp(onlyText);
    const own = await Promise.all(
      ["namespaces.pcap", "namespaces.pcapng"].map((name) =>
        readCaptureFile(`testdata/${name}`, new URL(name, testdataDir).pathname)
      ),
    );
    const results = await Promise.all(own.map(compareAlone));
    const skipped: string[] = [];
    if (corpus !== undefined) {
      const files: CaptureFile[] = [];
      for (const name of await decodedCorpusFiles(corpus)) {
        if (only !== undefined && !only.test(name)) continue;
        const capture = await readCaptureFile(name, new URL(name, corpus).pathname);
        // What wirekit's reader refuses is conformance_files_test.ts's business.
        if (capture.readError === undefined) files.push(capture);
        else skipped.push(`${name} (${capture.readError})`);
      }
      const corpusResults = await compareCorpus(files);
      results.push(...corpusResults.results);
      console.log(
        `Corpus: ${files.length} files, in ${corpusResults.runs} tshark runs of several files ` +
          `and ${corpusResults.alone} of one; not compared, as wirekit's reader stops: ` +
          (skipped.length === 0 ? "none" : skipped.join(", ")),
      );
    }
    const failures: string[] = [];
    let conversations = 0;
    for (const result of results) {
      conversations += result.conversations;
      const reason = EXCEPTIONS[result.capture.name];
      if (result.problems.length > 0) {
        console.log(
          `${result.capture.name}: ${result.problems.length} differences` +
            (reason === undefined ? "" : ` (excused: ${reason})`),
        );
        for (const problem of result.problems.slice(0, 10)) console.log(`  ${problem}`);
        if (reason === undefined) {
          failures.push(...result.problems.map((problem) => `${result.capture.name}: ${problem}`));
        }
      } else if (reason !== undefined) {
        failures.push(`${result.capture.name}: listed in EXCEPTIONS but agrees with tshark now`);
      }
    }
    const names = new Set(results.map((result) => result.capture.name));
    for (const name of Object.keys(EXCEPTIONS)) {
      if (corpus !== undefined && only === undefined && !names.has(name)) {
        failures.push(`${name}: listed in EXCEPTIONS but not compared`);
      }
    }
    const flows = results.reduce((sum, result) => sum + result.flows, 0);
    console.log(
      `Flows conformance: ${results.length} files, ${conversations} tshark conversations and ` +
        `${flows} wirekit TCP and UDP flows compared, ${failures.length} failures`,
    );
    assert.deepEqual(failures, []);
  },
});

// ---------------------------------------------------------------------------------------
// scripts/flows.ts

Deno.test("FlowTable starts a new TCP conversation when a SYN reuses the ports, as tshark does", async () => {
  const frame = (from: "a" | "b", sequence: number, flags: TcpFlagsSpec) => {
    const [source, destination, sourcePort, destinationPort] = from === "a"
      ? ["10.0.0.1", "10.0.0.2", 40000, 80]
      : ["10.0.0.2", "10.0.0.1", 80, 40000];
    const segment = buildTcp({ source, destination, sourcePort, destinationPort, sequence, flags });
    const payload = buildIpv4({ source, destination, protocol: 6, payload: segment });
    return buildEthernet({ ...MAC, etherType: 0x0800, payload });
  };
  const connection = (isn: number) => [
    frame("a", isn, { syn: true }),
    frame("b", 7000, { syn: true, ack: true }),
    frame("a", isn + 1, { ack: true }),
    frame("a", isn + 1, { fin: true, ack: true }),
    frame("b", 7001, { fin: true, ack: true }),
  ];
  // The same SYN sent again (a retransmission) stays in its conversation; a new one does not.
  const frames = [...connection(1000), frame("a", 1000, { syn: true }), ...connection(5000)];
  const parser = new PacketParser();
  const table = new FlowTable();
  frames.forEach((bytes, i) => {
    parser.parse(1, bytes);
    table.add(parser, 100 + i, 0, bytes.length);
  });
  const flows = table.result({ order: "first" }).flows;
  assert.deepEqual(flows.map((f) => [f.packetsAToB, f.packetsBToA]), [[4, 2], [3, 2]]);
  if (!(await hasTshark())) return;
  const packets = frames.map((data, i) => ({ timestamp: BigInt(100 + i) * 1_000_000_000n, data }));
  const bytes = pcapngBytes({ interfaces: [{ linkType: 1 }], packets });
  const conversations = await tsharkConversations(bytes);
  assert.deepEqual(
    conversations.map((c) => [c.packetsAToB, c.packetsBToA]).sort(),
    flows.map((f) => [f.packetsAToB, f.packetsBToA]).sort(),
  );
});
