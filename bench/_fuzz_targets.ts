/**
 * The targets of the long fuzz run (`fuzz.ts`): each is one entry of
 * {@linkcode FUZZ_TARGETS}, a factory that makes its per-worker state (parsers, printers,
 * tables) and returns the check run on every mutated packet. A check throws to report a
 * finding: any exception that escapes an API documented not to throw (decoders, printers,
 * the flow table), any error other than `CaptureFileError` from the readers, or a broken
 * invariant (`AssertionError`). To fuzz a new API, add an entry.
 *
 * Private to `bench/`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { CaptureFileError } from "../lib/formats/errors.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { LinkType } from "../lib/link_type.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";
import { summarizeCapture } from "../lib/stats/capture_summary.ts";
import { FlowTable } from "../lib/stats/flows.ts";
import { DefragPolicy } from "../lib/reassembly/defrag_policy.ts";
import { Defragmenter } from "../lib/reassembly/defragmenter.ts";
import { forcesTarget, m3uaTarget, sessionsTarget, streamsTarget } from "./_fuzz_app_targets.ts";
import { encodeHex } from "../lib/_hex.ts";
import { defaultRegistry } from "../lib/registry.ts";
import type { Layer } from "../lib/layer_map.ts";
import { PppFrame } from "../lib/link/ppp_hdlc.ts";
import { packetTypeRegistry } from "../lib/pipeline/_packet_type_registry.ts";
import { packetTypeBinding } from "../lib/print/packet_type.ts";
import {
  checkDecode,
  corruptLength,
  EDGE_SECONDS,
  flipBits,
  mutate,
  mutateDeep,
  PRINT_OPTIONS,
  TIME_FORMATS,
  unexplainedBadText,
} from "../tests/_fuzz.ts";
import { LINK_TYPES } from "../tests/_fuzz_seeds.ts";

/** A frame of the corpus: its link type and bytes. */
export interface FuzzFrame {
  linkType: number;
  data: Uint8Array;
}

/** What the targets draw from: real frames, and whole capture files. */
export interface FuzzCorpus {
  /** Valid frames: the fuzz test's seeds, the frames of `testdata/`, benchmark traffic. */
  frames: readonly FuzzFrame[];
  /** The bytes of every capture file of `testdata/`. */
  files: readonly Uint8Array[];
}

/** One iteration's input: a mutated packet and the iteration's own PRNG. */
export interface FuzzInput {
  /** The iteration number (its PRNG is seeded from it and the run's seed). */
  iteration: number;
  /** Whether state kept across iterations (flow tables, printers) must start afresh. */
  fresh: boolean;
  /** The PRNG of this iteration, uniform in [0, 2^32). */
  random: () => number;
  /** The link type the packet is decoded with. */
  linkType: number;
  /** The mutated packet. */
  data: Uint8Array;
  /** The corpus, for targets that build more input (files). */
  corpus: FuzzCorpus;
}

/** Checks one input; throws (or rejects) on a finding. */
export type FuzzCheck = (input: FuzzInput) => void | Promise<void>;

/** A fuzz target: one entry of {@linkcode FUZZ_TARGETS}. */
export interface FuzzTarget {
  /** Its name, for `--targets`. */
  name: string;
  /** What it exercises. */
  description: string;
  /** Runs on one iteration in `every` (default 1), for slow targets. */
  every?: number;
  /** Makes the state of one worker and returns its check. */
  create(corpus: FuzzCorpus): FuzzCheck;
}

/** A record time: mostly ordinary, sometimes at an edge a capture file can hold. */
function recordTime(random: () => number): { seconds: number; nanoseconds: number } {
  return {
    seconds: random() % 4 === 0 ? EDGE_SECONDS[random() % EDGE_SECONDS.length]! : random(),
    nanoseconds: random() % 1_000_000_000,
  };
}

/** Decoding: `decode()` under the packet's link type and another, and a reused parser. */
const decodeTarget: FuzzTarget = {
  name: "decode",
  description:
    "decode() under the native and a random link type, every getter and toJSON(), a reused PacketParser",
  create() {
    const parsers = new Map(LINK_TYPES.map((linkType) => [linkType, new PacketParser()]));
    return ({ random, linkType, data }) => {
      checkDecode(linkType, data, parsers.get(linkType));
      checkDecode(LINK_TYPES[random() % LINK_TYPES.length]!, data, undefined);
    };
  },
};

/** Option sets a block of iterations prints with (printers are costly to make). */
const PRINTERS_PER_BLOCK = 4;

/**
 * Printing: `TcpdumpPrinter` at every option set and time format, nano or not: each block
 * of iterations (between two `fresh` inputs) draws a few of them.
 */
const printTarget: FuzzTarget = {
  name: "print",
  description: "TcpdumpPrinter with -e, -v/-vv/-vvv, -x/-xx/-X, -A, -q, -S, every time format",
  create() {
    const options = PRINT_OPTIONS.flatMap((set) =>
      TIME_FORMATS.flatMap((timestamps) =>
        [false, true].map((nano) => ({ ...set, timestamps, nano, utc: true }))
      )
    );
    let printers: TcpdumpPrinter[] = [];
    const parser = new PacketParser();
    const text = new TextDecoder();
    return ({ fresh, random, linkType, data }) => {
      if (fresh) {
        printers = Array.from(
          { length: PRINTERS_PER_BLOCK },
          () => new TcpdumpPrinter(options[random() % options.length]),
        );
      }
      const printer = printers[random() % printers.length]!;
      const record = {
        ...recordTime(random),
        originalLength: data.length + (random() % 3 === 0 ? random() % 100 : 0),
        linkType,
      };
      parser.parse(linkType, data);
      printer.print(parser, record);
      // A Packet from decode() prints the same way: one packet in four is enough.
      if (random() % 4 === 0) printer.print(decode(linkType, data), record);
      const printed = text.decode(printer.take());
      assert.equal(unexplainedBadText(printed, [data]), undefined, printed);
    };
  },
};

/** Flows: a `FlowTable` fed every packet, its result read every 256 packets. */
const flowsTarget: FuzzTarget = {
  name: "flows",
  description:
    "FlowTable.add() on every packet (parser, and decode() for one in four), result() per block",
  create() {
    let table = new FlowTable();
    const parser = new PacketParser();
    return ({ fresh, random, linkType, data, iteration }) => {
      if (fresh) table = new FlowTable();
      const { seconds, nanoseconds } = recordTime(random);
      parser.parse(linkType, data);
      table.add(parser, seconds, nanoseconds, data.length);
      if (random() % 4 === 0) table.add(decode(linkType, data), seconds, nanoseconds, data.length);
      if (iteration % 256 === 255) {
        const { flows, totals } = table.result();
        assert.ok(flows.length <= totals.packets);
        JSON.stringify(flows, (_, value) => typeof value === "bigint" ? String(value) : value);
      }
    };
  },
};

const POLICIES = Object.values(DefragPolicy);

/** An IPv4 fragment of `payload[offset, offset + length)`. */
function ipv4Fragment(
  payload: Uint8Array,
  offset: number,
  length: number,
  more: boolean,
  id: number,
  protocol: number,
): Uint8Array {
  const data = payload.subarray(Math.min(offset, payload.length), offset + length);
  const units = (offset >> 3) & 0x1fff;
  const total = 20 + data.length;
  const fragment = new Uint8Array(total);
  fragment.set([0x45, 0, total >> 8, total & 0xff, id >> 8, id & 0xff]);
  fragment.set([(more ? 0x20 : 0) | (units >> 8), units & 0xff, 64, protocol, 0, 0], 6);
  fragment.set([10, 0, 0, 1, 10, 0, 0, 2], 12);
  fragment.set(data, 20);
  return fragment;
}

/**
 * Cuts `payload` into IPv4 fragments of one datagram: pieces that tile it (8-byte-aligned
 * cuts, the last without More Fragments), sometimes one left out, plus up to two that
 * overlap them or run past the end, in random order.
 */
function ipv4Fragments(random: () => number, payload: Uint8Array): Uint8Array[] {
  const id = random() & 0xffff;
  const protocol = [17, 6, 1, random() & 0xff][random() % 4]!;
  const units = Math.ceil(payload.length / 8);
  const cuts = new Set<number>([0]);
  const pieces = 1 + (random() % 4);
  for (let i = 0; i < pieces && units > 1; i++) cuts.add(8 * (1 + (random() % (units - 1))));
  const starts = [...cuts].sort((x, y) => x - y);
  const fragments = starts.map((start, i) => {
    const end = starts[i + 1] ?? payload.length;
    return ipv4Fragment(payload, start, end - start, i < starts.length - 1, id, protocol);
  });
  if (fragments.length > 1 && random() % 4 === 0) fragments.splice(random() % fragments.length, 1);
  const extra = random() % 3;
  for (let i = 0; i < extra; i++) {
    const offset = 8 * (random() % (units + 2));
    fragments.push(
      ipv4Fragment(
        payload,
        offset,
        random() % (payload.length + 9),
        random() % 2 === 0,
        id,
        protocol,
      ),
    );
  }
  for (let i = fragments.length - 1; i > 0; i--) {
    const j = random() % (i + 1);
    [fragments[i], fragments[j]] = [fragments[j]!, fragments[i]!];
  }
  return fragments;
}

/** Reassembly: a `Defragmenter` fed every packet, and IPv4 fragments cut from it. */
const defragTarget: FuzzTarget = {
  name: "defrag",
  description:
    "Defragmenter.push() on every packet and on IPv4 fragments cut from it (out of order, overlapping, with holes), every policy",
  create() {
    const make = (random: () => number) =>
      new Defragmenter({
        policy: POLICIES[random() % POLICIES.length]!,
        maxDatagrams: 1 + (random() % 64),
        maxBytes: 4096 + (random() % (1 << 20)),
        maxFragments: 1 + (random() % 16),
      });
    let defrag: Defragmenter | undefined;
    let clock = 0n;
    const parser = new PacketParser();
    const check = (datagram: ReturnType<Defragmenter["push"]>) => {
      if (datagram === undefined) return;
      assert.ok(datagram.headerLength <= datagram.data.length);
      JSON.stringify(datagram.packet.toJSON());
    };
    return ({ fresh, random, iteration, linkType, data }) => {
      if (fresh || defrag === undefined) defrag = make(random);
      clock += BigInt(random() % 2_000_000_000);
      parser.parse(linkType, data);
      check(defrag.push(parser, { frame: iteration, timestamp: clock }));
      for (const fragment of ipv4Fragments(random, data)) {
        check(defrag.push(decode(LinkType.IPV4, fragment), { frame: iteration, timestamp: clock }));
      }
      if (random() % 64 === 0) defrag.expire(clock);
    };
  },
};

/** Cuts bytes into a stream of random-sized chunks. */
function chunked(random: () => number, bytes: Uint8Array): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + (random() % (random() % 2 === 0 ? 64 : 4096));
    chunks.push(bytes.slice(at, at + size));
    at += size;
  }
  return ReadableStream.from(chunks);
}

/** A capture file to read: a corpus file or one built from mutated frames, then damaged. */
function damagedFile(random: () => number, input: FuzzInput): Uint8Array {
  const { corpus } = input;
  let file: Uint8Array;
  if (random() % 3 === 0) {
    file = corpus.files[random() % corpus.files.length]!.slice();
  } else {
    const count = random() % 6;
    const packets = [{ timestamp: BigInt(random()) * 1000n, data: input.data }];
    for (let i = 0; i < count; i++) {
      const frame = corpus.frames[random() % corpus.frames.length]!;
      packets.push({ timestamp: BigInt(random()) * 1000n, data: mutate(random, frame.data) });
    }
    const littleEndian = random() % 4 !== 0;
    const snapLength = random() % 3 === 0 ? 1 + (random() % 128) : 262144;
    file = random() % 2 === 0
      ? pcapBytes(packets, {
        linkType: input.linkType,
        littleEndian,
        snapLength,
        resolution: random() % 2 === 0 ? "nanoseconds" : "microseconds",
      })
      : pcapngBytes({
        littleEndian,
        ...(random() % 2 === 0 ? { comment: "fuzz" } : {}),
        interfaces: [{ linkType: input.linkType, snapLength }, { linkType: LinkType.RAW }],
        packets: packets.map((packet, i) => ({
          ...packet,
          interfaceId: i % 2,
          ...(random() % 3 === 0 ? { comment: "c", flags: random() } : {}),
        })),
      });
  }
  const steps = 1 + (random() % 3);
  for (let s = 0; s < steps; s++) {
    const action = random() % 4;
    if (action === 0) flipBits(random, file);
    else if (action < 3) corruptLength(random, file);
    else file = file.subarray(0, random() % (file.length + 1));
  }
  return file;
}

/** Reading: damaged pcap and pcapng files, by records, by batches, and summarized. */
const readersTarget: FuzzTarget = {
  name: "readers",
  description:
    "openCapture() records and batches(), summarizeCapture() on damaged pcap and pcapng files",
  every: 4,
  create() {
    return async (input) => {
      const { random } = input;
      const file = damagedFile(random, input);
      const options = {
        chunkSize: 32 + (random() % 4096),
        allowTruncatedEnd: random() % 2 === 0,
        ...(random() % 4 === 0 ? { maxPacketLength: random() % 2000 } : {}),
      };
      const mode = random() % 3;
      try {
        if (mode === 2) {
          const summary = await summarizeCapture(chunked(random, file), { reader: options });
          assert.ok(summary.packets >= 0);
          return;
        }
        await using reader = await openCapture(chunked(random, file), options);
        if (mode === 0) {
          for await (const record of reader) {
            assert.equal(record.data.length, record.capturedLength);
            decode(record.linkType, record.data);
          }
        } else {
          for await (const batch of reader.batches({ reuseBuffers: random() % 2 === 0 })) {
            for (let i = 0; i < batch.count; i++) {
              const end = batch.offsets[i]! + batch.capturedLengths[i]!;
              assert.ok(end <= batch.buffer.length);
              batch.record(i);
            }
          }
        }
      } catch (error) {
        if (!(error instanceof CaptureFileError)) throw error;
      }
    };
  },
};

/**
 * A target for protocols a few corpus frames carry among thousands: it mutates the frames
 * holding one of `kinds` again (the iteration's packet as the splice donor), decodes them
 * and prints them at every verbosity and with -X (with tcpdump's `-T packetType` when
 * given: every UDP and TCP payload decoded as that type; up to `deepest` -v flags, for
 * printers that print more at -vvvv). A finding's message holds its own input's bytes.
 */
function rareLayerTarget(
  name: string,
  kinds: readonly string[] | ((layer: Layer) => boolean),
  protocols: string,
  packetType?: string,
  deepest = 3,
): FuzzTarget {
  const wanted = typeof kinds === "function" ? kinds : (layer: Layer) => kinds.includes(layer.kind);
  return {
    name,
    description: `the corpus's ${protocols} frames mutated again, decoded and printed at ` +
      `-v/-vv/-vvv${deepest > 3 ? "/-vvvv" : ""} and -X${
        packetType === undefined ? "" : ` with -T ${packetType}`
      }`,
    create(corpus) {
      const registry = packetType === undefined
        ? defaultRegistry
        : packetTypeRegistry(defaultRegistry, packetTypeBinding(packetType));
      const frames = corpus.frames.filter((f) => {
        const decoded = decode(f.linkType, f.data, { registry });
        return decoded.layers.some(wanted);
      });
      const options: TcpdumpOptions[] = [
        { hex: 1, ascii: true },
        { link: true },
        ...Array.from({ length: deepest + 1 }, (_, verbose) => ({ verbose })),
      ];
      const printers = options.map((set) => new TcpdumpPrinter({ ...set, utc: true, packetType }));
      const parser = new PacketParser({ registry });
      const text = new TextDecoder();
      return ({ random, data }) => {
        if (frames.length === 0) return;
        const frame = frames[random() % frames.length]!;
        const input = mutateDeep(random, frame.data, [data]);
        try {
          // checkDecode() holds the parser to decode() with the default registry.
          if (packetType === undefined) checkDecode(frame.linkType, input, parser);
          else JSON.stringify(decode(frame.linkType, input, { registry }).toJSON());
          const record = {
            ...recordTime(random),
            originalLength: input.length,
            linkType: frame.linkType,
          };
          for (const printer of printers) {
            parser.parse(frame.linkType, input);
            printer.print(parser, record);
            const printed = text.decode(printer.take());
            assert.equal(unexplainedBadText(printed, [input]), undefined, printed);
          }
        } catch (error) {
          throw new Error(`${name} input ${encodeHex(input.subarray(0, 4096))}`, { cause: error });
        }
      };
    },
  };
}

/** HNCP frames, mutated again. */
const hncpTarget = rareLayerTarget("hncp", ["hncp"], "HNCP");

/** OLSR frames, mutated again. */
const olsrTarget = rareLayerTarget("olsr", ["olsr"], "OLSR");

/**
 * CLNP and ES-IS frames (LLC, EtherType 0xfefe, GRE), OSI in PPP and PPP and Q.933 in OSI,
 * mutated again.
 */
const osiTarget = rareLayerTarget(
  "osi",
  ["clnp", "esis", "isoclns", "q933"],
  "CLNP, ES-IS, OSI-in-PPP and Q.933",
);

/** NFS, Telnet and syslog messages, mutated again. */
const nfsTelnetSyslogTarget = rareLayerTarget(
  "nfs_telnet_syslog",
  ["nfs", "telnet", "syslog"],
  "NFS, Telnet and syslog",
);

/** LMP frames, mutated again. */
const lmpTarget = rareLayerTarget("lmp", ["lmp"], "LMP");

/** RSVP frames, mutated again. */
const rsvpTarget = rareLayerTarget("rsvp", ["rsvp"], "RSVP");

/** WB frames, mutated again. */
const wbTarget = rareLayerTarget("wb", ["wb"], "WB");

/** VAT frames, mutated again. */
const vatTarget = rareLayerTarget("vat", ["vat"], "VAT");

/** AODV frames, mutated again. */
const aodvTarget = rareLayerTarget("aodv", ["aodv"], "AODV");

/** TCP segments as ZMTP/1.0 (-T zmtp1), mutated again. */
const zmtp1Target = rareLayerTarget("zmtp1", ["zmtp1"], "TCP", "zmtp1");

/** PGM packets, their data as ZeroMQ datagrams (-T pgm_zmtp1), mutated again. */
const pgmZmtp1Target = rareLayerTarget("pgm_zmtp1", ["pgm"], "PGM", "pgm_zmtp1");

/** IP protocol 112 as CARP (-T carp), mutated again. */
const carpTarget = rareLayerTarget("carp", ["carp"], "VRRP/CARP", "carp");

/** RTP and RTCP (-T rtp, -T rtcp): the corpus's UDP frames printed as each. */
const rtpTarget = rareLayerTarget("rtp", ["rtp"], "RTP", "rtp");
const rtcpTarget = rareLayerTarget("rtcp", ["rtcp"], "RTCP", "rtcp");

/** Cisco NetFlow (-T cnfp): the corpus's UDP frames printed as NetFlow. */
const cnfpTarget = rareLayerTarget("cnfp", ["cnfp"], "Cisco NetFlow", "cnfp");

/** RPKI-RTR segments (TCP port 323), mutated again. */
const rpkiRtrTarget = rareLayerTarget("rpki_rtr", ["rpki-rtr"], "RPKI-RTR");

/** AppleTalk ARP packets (EtherType 0x80f3), mutated again. */
const aarpTarget = rareLayerTarget("aarp", ["aarp"], "AARP");
/** MS NLB heartbeats (EtherType 0x886f, plain, tagged, LLC/SNAP, Geneve), mutated again. */
const msnlbTarget = rareLayerTarget("msnlb", ["msnlb"], "MS NLB");

/** IGMP messages (queries, reports, mtrace, DVMRP, PIM version 1), mutated again. */
const igmpTarget = rareLayerTarget("igmp", ["igmp"], "IGMP");

/** Cisco Auto-RP frames, mutated again. */
const autoRpTarget = rareLayerTarget("autorp", ["autorp"], "Auto-RP");

/** PPP's PAP and CHAP packets (link type PPP, PPP in PPPoE, PPP serial), mutated again. */
const pppAuthTarget = rareLayerTarget(
  "ppp_auth",
  (layer) => layer instanceof PppFrame && layer.authPacket !== undefined,
  "PAP and CHAP",
);
/** Cisco IGRP packets (IP protocol 9), mutated again. */
const igrpTarget = rareLayerTarget("igrp", ["igrp"], "IGRP");

/** BIND 9 lightweight resolver packets (UDP port 921), mutated again. */
const lwresTarget = rareLayerTarget("lwres", ["lwres"], "lwres");
/** Cisco VQP messages, mutated again. */
const vqpTarget = rareLayerTarget("vqp", ["vqp"], "VQP");

/** Cisco OTV frames, mutated again. */
const otvTarget = rareLayerTarget("otv", ["otv"], "OTV");
/** BSD timed (TSP) messages, mutated again. */
const timedTarget = rareLayerTarget("timed", ["timed"], "TSP");

/** Spanning-tree BPDUs (LLC and PVST+ SNAP), mutated again: cut at every field. */
const stpTarget = rareLayerTarget("stp", ["stp"], "spanning-tree BPDU");

/** ICMPv6 messages (RPL's above all: testdata/crafted/icmpv6_rpl.pcap), mutated again. */
const icmpv6Target = rareLayerTarget("icmpv6", ["icmpv6"], "ICMPv6");

/** NSH headers and VXLAN-GPE frames, mutated again. */
const nshTarget = rareLayerTarget("nsh", ["nsh", "vxlan-gpe"], "NSH and VXLAN-GPE");

/** RTSP segments (requests, responses, continuations), mutated again. */
const rtspTarget = rareLayerTarget("rtsp", ["rtsp"], "RTSP");

/** IEEE 802.15.4 frames (link types 195, 230 and the TAP header's 283), mutated again. */
const ieee802154Target = rareLayerTarget(
  "ieee802154",
  ["ieee802154", "ieee802154-tap"],
  "IEEE 802.15.4",
  undefined,
  4,
);

/** Realtek protocol messages (RRCP, REP, RLDP, switch tags), mutated again. */
const realtekTarget = rareLayerTarget("realtek", ["realtek"], "Realtek");

/** PKTAP headers (link types 258 and 149) and the frames after them, mutated again. */
const pktapTarget = rareLayerTarget("pktap", ["pktap"], "PKTAP");

/** ATM PDUs (SunATM with signalling, OAM cells, LANE; RFC 1483; CLIP), mutated again. */
const atmTarget = rareLayerTarget("atm", ["sunatm", "atm-rfc1483", "cip"], "ATM");

/** Juniper pseudo-headers of every Juniper link type (PIC cookies, Ethernet), mutated again. */
const juniperTarget = rareLayerTarget("juniper", ["juniper-pic", "juniper-ether"], "Juniper");

/** Zephyr notices, mutated again. */
const zephyrTarget = rareLayerTarget("zephyr", ["zephyr"], "Zephyr");

/** AppleTalk DDP datagrams (ATP, NBP, EIGRP over DDP) and LocalTalk frames, mutated again. */
const atalkTarget = rareLayerTarget("atalk", ["ddp", "llap"], "AppleTalk");
/** ARCNET headers (BSD and Linux link types) and the packets after them, mutated again. */
const arcnetTarget = rareLayerTarget("arcnet", ["arcnet", "arcnet-linux"], "ARCNET");

/** Token Ring frames (link type 6; RFC 2684 bridged Token Ring and FDDI), mutated again. */
const tokenRingTarget = rareLayerTarget("token_ring", ["token-ring", "fddi"], "Token Ring");
/** LWAPP data and control frames (AP identities, control messages), mutated again. */
const lwappTarget = rareLayerTarget("lwapp", ["lwapp"], "LWAPP");

/** Every target, in the order they run on each packet. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  decodeTarget,
  printTarget,
  flowsTarget,
  readersTarget,
  defragTarget,
  streamsTarget,
  sessionsTarget,
  hncpTarget,
  forcesTarget,
  m3uaTarget,
  olsrTarget,
  osiTarget,
  nfsTelnetSyslogTarget,
  lmpTarget,
  rsvpTarget,
  wbTarget,
  vatTarget,
  aodvTarget,
  zmtp1Target,
  pgmZmtp1Target,
  carpTarget,
  rtpTarget,
  rtcpTarget,
  cnfpTarget,
  rpkiRtrTarget,
  aarpTarget,
  msnlbTarget,
  igmpTarget,
  autoRpTarget,
  pppAuthTarget,
  igrpTarget,
  lwresTarget,
  vqpTarget,
  otvTarget,
  timedTarget,
  stpTarget,
  icmpv6Target,
  nshTarget,
  rtspTarget,
  ieee802154Target,
  realtekTarget,
  pktapTarget,
  atmTarget,
  juniperTarget,
  zephyrTarget,
  atalkTarget,
  arcnetTarget,
  tokenRingTarget,
  lwappTarget,
];
