// Reassembles the IP fragments of real captures and compares each datagram with tshark's
// reassembly (`-o ip.defragment:TRUE -o ipv6.defragment:TRUE`): the frame that completes it,
// the frames it was built from, and its reassembled bytes (`ip.reassembled.data`,
// `ipv6.reassembled.data`: the bytes after the IP header, or after the IPv6 headers that
// come before the fragment header). The captures are the fragmented ones of the shared
// corpus (../shared/captures, skipped when absent) and the recordings in testdata/.

import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { encodeHex } from "../lib/_hex.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { Defragmenter } from "../lib/reassembly/defragmenter.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { LinkType } from "../lib/link_type.ts";
import { ipv4Fragment, ipv6Fragment, letters, NOVAK } from "./_defrag_fragments.ts";
import { sharedCaptures, testdataDir } from "./_shared.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";

/** Captures whose reassembly deliberately differs from tshark 4.0's, and why. */
const DIFFERENT: Record<string, string> = {
  "zeek/ipv4/fragmented-1.pcap": "its first fragment carries 18 bytes (not a multiple of 8) and " +
    "a later first fragment reaches past the last fragment's end: tshark still builds a " +
    "datagram (flagged 'Fragment too long'), wirekit drops both fragments as malformed, as " +
    "Linux discards such a datagram",
};

/** The recordings of testdata/record_fragments.sh. */
const RECORDINGS = ["fragments_ipv4.pcap", "fragments_ipv6.pcap"];

interface Reassembly {
  frames: number[];
  hex: string;
}

const FIELDS = [
  "frame.number",
  "ip.fragment",
  "ipv6.fragment",
  "ip.reassembled.data",
  "ipv6.reassembled.data",
];

/** tshark's reassembled datagrams, by the frame that completed them. */
async function tsharkReassemblies(path: string): Promise<Map<number, Reassembly>> {
  const { rows, success, stderr } = await tsharkFields(path, FIELDS, {
    preferences: { "ip.defragment": true, "ipv6.defragment": true },
  });
  assert.ok(success, `tshark failed on ${path}: ${stderr}`);
  const out = new Map<number, Reassembly>();
  for (const row of rows) {
    const data = [...row["ip.reassembled.data"]!, ...row["ipv6.reassembled.data"]!];
    if (data.length === 0) continue;
    out.set(Number(row["frame.number"]![0]), {
      frames: [...row["ip.fragment"]!, ...row["ipv6.fragment"]!].map(Number),
      hex: data.join("").replaceAll(":", ""),
    });
  }
  return out;
}

/** wirekit's reassembled datagrams, by the frame that completed them. */
async function wirekitReassemblies(path: string): Promise<Map<number, Reassembly>> {
  const defrag = new Defragmenter();
  const out = new Map<number, Reassembly>();
  await using reader = await openCapture(path);
  let frame = 0;
  for await (const record of reader) {
    frame++;
    const datagram = defrag.push(decode(record.linkType, record.data), {
      frame,
      timestamp: record.timestamp,
    });
    if (datagram === undefined) continue;
    out.set(frame, {
      frames: datagram.fragments.map((fragment) => fragment.frame),
      hex: encodeHex(datagram.data.subarray(datagram.headerLength)),
    });
  }
  return out;
}

async function compare(path: string, name: string): Promise<number> {
  const theirs = await tsharkReassemblies(path);
  const ours = await wirekitReassemblies(path);
  assert.deepEqual([...ours.keys()], [...theirs.keys()], `${name}: completing frames`);
  for (const [frame, expected] of theirs) {
    const actual = ours.get(frame)!;
    assert.equal(actual.hex, expected.hex, `${name}: datagram of frame ${frame}`);
    // tshark lists the fragments by offset and may leave out one that another overlaps.
    const frames = new Set(actual.frames);
    for (const f of expected.frames) assert.ok(frames.has(f), `${name}: frame ${frame} from ${f}`);
  }
  return theirs.size;
}

function corpusFiles(dir: URL): string[] {
  return Deno.readTextFileSync(new URL("MANIFEST.tsv", dir)).split("\n").slice(1)
    .filter((line) => /fragment|fraghdr/i.test(line))
    .map((line) => line.split("\t")[0]!)
    .filter((name) => !(name in DIFFERENT));
}

const tshark = await hasTshark();
const captures = sharedCaptures();

Deno.test({
  name: "Defragmenter() reassembles the fragmented corpus captures as tshark does",
  ignore: captures === undefined || !tshark,
  permissions: { read: true, run: ["tshark"], env: true },
  async fn() {
    const files = corpusFiles(captures!);
    let datagrams = 0;
    for (const name of files) datagrams += await compare(new URL(name, captures!).pathname, name);
    // The corpus holds fragment trains of both versions: make sure they were compared.
    assert.ok(files.length >= 10, `${files.length} captures`);
    assert.ok(datagrams >= 60, `${datagrams} datagrams`);
  },
});

Deno.test({
  name: "Defragmenter() differs from tshark on the corpus captures it should",
  ignore: captures === undefined || !tshark,
  permissions: { read: true, run: ["tshark"], env: true },
  async fn() {
    for (const name of Object.keys(DIFFERENT)) {
      const path = new URL(name, captures!).pathname;
      const theirs = await tsharkReassemblies(path);
      const ours = await wirekitReassemblies(path);
      assert.ok(theirs.size > ours.size, `${name}: tshark ${theirs.size}, wirekit ${ours.size}`);
    }
  },
});

Deno.test({
  name: "Defragmenter() reassembles the recorded fragments as tshark does",
  ignore: !tshark,
  permissions: { read: true, run: ["tshark"], env: true },
  async fn() {
    for (const name of RECORDINGS) {
      const datagrams = await compare(new URL(name, testdataDir).pathname, name);
      assert.ok(datagrams >= 2, `${name}: ${datagrams} datagrams`);
    }
  },
});

Deno.test({
  name: "Defragmenter() under bsd resolves the Novak overlaps as tshark does",
  ignore: !tshark,
  permissions: { run: ["tshark"], env: true },
  async fn() {
    for (const version of [4, 6] as const) {
      const records = NOVAK.map(([letter, offset, length], i) => ({
        timestamp: BigInt(i + 1) * 1000n,
        data: (version === 4 ? ipv4Fragment : ipv6Fragment)({
          offset,
          data: letters(letter, length),
          more: letter !== "Q",
          protocol: 253,
        }),
      }));
      const bytes = pcapBytes(records, { linkType: LinkType.RAW });
      const field = version === 4 ? "ip.reassembled.data" : "ipv6.reassembled.data";
      const { rows, success } = await tsharkFields(bytes, [field], {
        preferences: { "ip.defragment": true, "ipv6.defragment": true },
      });
      assert.ok(success);
      const theirs = rows.map((row) => row[field]!.join("").replaceAll(":", "")).filter(Boolean);
      const defrag = new Defragmenter({ policy: "bsd" });
      const ours = records.map((record, i) =>
        defrag.push(decode(LinkType.RAW, record.data), { frame: i + 1, timestamp: 0n })
      ).filter((datagram) => datagram !== undefined)
        .map((datagram) => encodeHex(datagram.data.subarray(datagram.headerLength)));
      assert.equal(ours.length, 1);
      assert.deepEqual(ours, theirs);
    }
  },
});
