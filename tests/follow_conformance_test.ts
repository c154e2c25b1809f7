// Conformance of lib/reassembly's follow with tshark 4.0's (`tshark -q -r FILE -z
// follow,...`): for each capture of testdata/ and of the shared corpus (../shared/captures,
// skipped when absent; the files whose link types wirekit decodes), a sample of its TCP and UDP streams (the first few and some spread
// over the rest, at most SAMPLE of each) is followed in raw mode (every byte of both
// directions, chunk by chunk), and two of each in ascii and hex mode; the text must be
// byte-identical to tshark's. One tshark run per file follows all of its sample.
//
// EXCEPTIONS lists the cases that differ, with the reason; a listed case that starts to
// agree fails the test, so that the list stays true.

import assert from "node:assert/strict";
import { reassembleFile } from "../lib/reassembly/stream_file.ts";
import { FollowCollector } from "../lib/reassembly/follow_collector.ts";
import { formatFollow } from "../lib/reassembly/follow_format.ts";
import { type FollowSpec, parseFollowSpec } from "../lib/reassembly/follow_spec.ts";
import type { StreamHandler } from "../lib/reassembly/stream_types.ts";
import { hasTshark } from "./_tshark.ts";
import { decodedCorpusFiles, pool, sharedCaptures, testdataDir } from "./_shared.ts";

/** At most this many streams of each protocol of a file are followed in raw mode. */
const SAMPLE = 6;
const RULE = "===================================================================";

/** Cases that differ from tshark: `FILE` (all its streams) or `FILE -z SPEC`, and why. */
/** The same for the captures of testdata/. */
const TESTDATA_EXCEPTIONS: Record<string, string> = {};

const EXCEPTIONS: Record<string, string> = {
  "libpcap/AH-IPcomp-IPv6.pcap": "IPComp: tshark decompresses the payload, wirekit does not",
  "zeek/chksums/ip6-hoa-tcp-good-chksum.pcap":
    "tshark takes the IPv6 home address option as the source address",
  "zeek/chksums/ip6-route0-tcp-bad-chksum.pcap":
    "tshark takes a routing header's final destination as the destination address",
  "tcpdump/ipv6-routing-header.pcap":
    "tshark takes a routing header's final destination as the destination address",
  "zeek/ipv6-hbh-routing0.pcap":
    "tshark takes a routing header's final destination as the destination address",
  "pcapplusplus/ipv6_options.pcap":
    "tshark takes a routing header's final destination as the destination address",
  "tcpdump/vxlan.pcap":
    "tshark names a UDP stream's ends after the innermost IP header of a tunnel (VXLAN)",
  "dpkt/nb6-http.pcap -z follow,udp,raw,3":
    "tshark names a UDP stream's ends after the innermost IP header of a tunnel (L2TP)",
  "tcpdump/mptcp-dss-oobr.pcap":
    "a malformed MPTCP option stops tshark's dissection before its follow tap",
  "zeek/udp-contents-truncated-oob.pcap":
    "a UDP length past the captured bytes: tshark's follow shows nothing of the datagram",
  "tcpdump/dns-zlip-1.pcap": "not investigated yet: tshark shows other bytes for UDP stream 0",
};

interface Case {
  file: string;
  url: URL;
  name: string;
}

function captureFiles(dir: URL, prefix: string): Case[] {
  const found: Case[] = [];
  const walk = (at: URL, relative: string) => {
    for (const entry of Deno.readDirSync(at)) {
      if (entry.isDirectory) walk(new URL(`${entry.name}/`, at), `${relative}${entry.name}/`);
      else if (/\.(pcap|pcapng|cap)$/.test(entry.name)) {
        found.push({
          file: `${relative}${entry.name}`,
          url: new URL(entry.name, at),
          name: `${prefix}${relative}${entry.name}`,
        });
      }
    }
  };
  walk(dir, "");
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** The stream numbers to follow out of `count`: the first few, then spread evenly. */
function sample(count: number): number[] {
  if (count <= SAMPLE) return Array.from({ length: count }, (_, i) => i);
  const picked = new Set([0, 1, 2, 3]);
  for (let i = 0; picked.size < SAMPLE; i++) {
    picked.add(4 + Math.floor((i * (count - 4)) / (SAMPLE - 4)));
  }
  return [...picked].sort((a, b) => a - b);
}

/** The `-z` arguments for a file with these stream counts. */
function specsFor(tcp: number, udp: number): string[] {
  const specs: string[] = [];
  for (const [protocol, count] of [["tcp", tcp], ["udp", udp]] as const) {
    const indexes = sample(count);
    for (const index of indexes) specs.push(`follow,${protocol},raw,${index}`);
    for (const index of indexes.slice(0, 2)) {
      specs.push(`follow,${protocol},ascii,${index}`, `follow,${protocol},hex,${index}`);
    }
  }
  return specs;
}

/** Runs tshark over a file with the specs; returns each spec's block, in the specs' order. */
async function tsharkFollow(path: string, specs: readonly string[]): Promise<string[]> {
  const output = await new Deno.Command("tshark", {
    args: ["-q", "-r", path, ...specs.flatMap((spec) => ["-z", spec])],
    stdout: "piped",
    stderr: "null",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  const blocks = text.split(`\n${RULE}\nFollow: `).slice(1).map((block) =>
    `\n${RULE}\nFollow: ${block}`
  );
  assert.equal(blocks.length, specs.length, `tshark printed ${blocks.length} follows`);
  return blocks.reverse();
}

/** Follows the specs with wirekit; also counts the streams of each protocol. */
async function wirekitFollow(url: URL, specs: readonly FollowSpec[]) {
  const collectors = specs.map((spec) => new FollowCollector(spec));
  const handlers: readonly StreamHandler[] = collectors;
  const counts = { tcp: 0, udp: 0 };
  const handler: StreamHandler = {
    opened(stream) {
      counts[stream.protocol] = Math.max(counts[stream.protocol], stream.index + 1);
      for (const collector of collectors) collector.opened(stream);
    },
    data(...args) {
      for (const collector of handlers) collector.data?.(...args);
    },
    gap(...args) {
      for (const collector of handlers) collector.gap?.(...args);
    },
  };
  // tshark never closes a stream for idleness; neither does scripts/follow.ts.
  await reassembleFile(url, handler, { idleTimeout: Infinity });
  return { counts, texts: specs.map((spec, i) => formatFollow(spec, collectors[i]!.result)) };
}

interface Outcome {
  name: string;
  cases: number;
  differing: string[];
}

/** The streams of each protocol in a file, or `undefined` when wirekit cannot read it. */
async function streamCounts(url: URL): Promise<{ tcp: number; udp: number } | undefined> {
  try {
    return (await wirekitFollow(url, [])).counts;
  } catch {
    // Corpus files that are broken on purpose (bad headers, cut records).
    return undefined;
  }
}

/** A small stable hash of a name, to pick files without favouring folders. */
function hashOf(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return hash;
}

/** A capture with its stream counts from a first pass (`undefined`: wirekit cannot read it). */
interface Counted extends Case {
  counts: { tcp: number; udp: number } | undefined;
}

async function counted(capture: Case): Promise<Counted> {
  return { ...capture, counts: await streamCounts(capture.url) };
}

async function conform({ counts, ...capture }: Counted): Promise<Outcome> {
  // The first pass counted the streams; this one follows the sample.
  if (counts === undefined) return { name: capture.file, cases: 0, differing: [] };
  const texts = specsFor(counts.tcp, counts.udp);
  if (texts.length === 0) return { name: capture.file, cases: 0, differing: [] };
  const specs = texts.map(parseFollowSpec);
  const [expected, actual] = await Promise.all([
    tsharkFollow(capture.url.pathname, texts),
    wirekitFollow(capture.url, specs),
  ]);
  const differing = texts.filter((_, i) => expected[i] !== actual.texts[i]);
  return { name: capture.file, cases: texts.length, differing };
}

function check(outcomes: readonly Outcome[], exceptions: Record<string, string>): number {
  const problems: string[] = [];
  let cases = 0;
  for (const { name, cases: count, differing } of outcomes) {
    cases += count;
    const fileReason = exceptions[name];
    if (fileReason !== undefined) {
      if (differing.length === 0 && count > 0) {
        problems.push(`${name} now agrees with tshark: remove it from EXCEPTIONS`);
      }
      continue;
    }
    for (const spec of differing) {
      if (exceptions[`${name} -z ${spec}`] === undefined) {
        problems.push(`${name} -z ${spec} differs from tshark`);
      }
    }
  }
  for (const key of Object.keys(exceptions).filter((key) => key.includes(" -z "))) {
    const [name, spec] = key.split(" -z ");
    const outcome = outcomes.find((outcome) => outcome.name === name);
    if (outcome !== undefined && !outcome.differing.includes(spec!)) {
      problems.push(`${key} now agrees with tshark: remove it from EXCEPTIONS`);
    }
  }
  assert.deepEqual(problems, []);
  return cases;
}

const tshark = await hasTshark();

Deno.test({
  name: "follow output equals tshark's for the streams of testdata/",
  ignore: !tshark,
  permissions: { read: true, run: ["tshark"] },
  async fn() {
    const files = captureFiles(testdataDir, "testdata/").filter((capture) =>
      !capture.file.startsWith("crafted/")
    );
    const outcomes = await pool(await pool(files, 2, counted), 2, conform);
    assert.ok(check(outcomes, TESTDATA_EXCEPTIONS) >= 40, "too few cases ran");
  },
});

const corpus = sharedCaptures();

Deno.test({
  name: "follow output equals tshark's for the streams of the shared corpus",
  ignore: !tshark || corpus === undefined,
  permissions: { read: true, run: ["tshark"] },
  async fn() {
    const decoded = new Set(await decodedCorpusFiles(corpus!));
    const files = captureFiles(corpus!, "").filter((capture) => decoded.has(capture.file));
    // tshark takes about a second a file: every file with a TCP stream is followed, and a
    // sixth of the files with UDP streams only (by name), to stay within three minutes.
    const chosen = (await pool(files, 2, async (file) => {
      const capture = await counted(file);
      const counts = capture.counts;
      if (counts === undefined) return undefined;
      if (counts.tcp > 0 || (counts.udp > 0 && hashOf(capture.file) % 6 === 0)) return capture;
      const listed = Object.keys(EXCEPTIONS).some((key) => key.split(" -z ")[0] === capture.file);
      return listed ? capture : undefined;
    })).filter((capture) => capture !== undefined);
    // Two at once: each file is one tshark process beside wirekit's pass.
    const outcomes = await pool(chosen, 2, conform);
    const cases = check(outcomes, EXCEPTIONS);
    assert.ok(cases >= 300, `only ${cases} cases ran`);
    for (const name of Object.keys(EXCEPTIONS)) {
      assert.ok(
        outcomes.some((outcome) => outcome.name === name.split(" -z ")[0]),
        `${name} is listed but was not found`,
      );
    }
  },
});
