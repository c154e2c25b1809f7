/**
 * Fuzz targets for what works above one packet: TCP/UDP stream reassembly, and the
 * application sessions (HTTP, TLS, QUIC, DTLS, DNS) fed by it and fed the packets' payloads
 * directly. Entries of `FUZZ_TARGETS` (`_fuzz_targets.ts`).
 *
 * Private to `bench/`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { StreamReassembler } from "../lib/reassembly/stream_reassembler.ts";
import type { StreamEvent, StreamHandler } from "../lib/reassembly/stream_types.ts";
import { ApplicationSessions } from "../lib/app/app_sessions.ts";
import { HttpSession } from "../lib/app/http_session.ts";
import { decodeHttpBody } from "../lib/app/http_body.ts";
import { TlsSession } from "../lib/app/tls_session.ts";
import { QuicSession } from "../lib/app/quic_session.ts";
import { DtlsSession } from "../lib/app/dtls.ts";
import type { FuzzTarget } from "./_fuzz_targets.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeForcesHeader, FORCES_CHANNELS } from "../lib/app/forces.ts";
import {
  decodeM3uaHeader,
  M3UA_HEADER_LENGTH,
  M3UA_PPID,
  m3uaParameters,
} from "../lib/app/m3ua.ts";
import { DecodeError } from "../lib/errors.ts";
import { flipBits, mutate, unexplainedBadText } from "../tests/_fuzz.ts";

/** Small limits, so that eviction, gaps and flushing happen within a block. */
const LIMITS = {
  maxBufferedPerConnection: 4096,
  maxBufferedTotal: 16384,
  maxConnections: 64,
  idleTimeout: 30,
  udp: true,
} as const;

/** Collects a reassembler's events, checking that each direction's offsets only grow. */
function collector(events: StreamEvent[]): StreamHandler {
  const next = new Map<string, number>();
  const advance = (key: string, offset: number, size: number) => {
    const expected = next.get(key) ?? 0;
    assert.ok(offset >= expected, `stream ${key}: offset ${offset} before ${expected}`);
    next.set(key, offset + size);
  };
  return {
    opened: (stream, time) => events.push({ type: "opened", stream, time }),
    data: (stream, direction, data, offset, time) => {
      assert.ok(data.length > 0, "an empty data event");
      advance(`${stream.protocol}${stream.index}/${direction}`, offset, data.length);
      events.push({ type: "data", stream, direction, offset, data: data.slice(), time });
    },
    gap: (stream, direction, offset, size, reason, time) => {
      assert.ok(size > 0, "an empty gap");
      advance(`${stream.protocol}${stream.index}/${direction}`, offset, size);
      events.push({ type: "gap", stream, direction, offset, size, reason, time });
    },
    closed: (stream, reason, time) => events.push({ type: "closed", stream, reason, time }),
  };
}

/**
 * Streams and sessions: every packet goes into a `StreamReassembler` (small limits, UDP on),
 * whose events feed `ApplicationSessions`; each block ends with `finish()`.
 */
export const streamsTarget: FuzzTarget = {
  name: "streams",
  description:
    "StreamReassembler (small limits, UDP) on every packet, its events into ApplicationSessions",
  create() {
    let events: StreamEvent[] = [];
    let reassembler = new StreamReassembler(collector(events), LIMITS);
    let apps = new ApplicationSessions();
    let time = 0;
    return async ({ fresh, random, linkType, data }) => {
      if (fresh) {
        reassembler.finish();
        for (const event of events.splice(0)) await apps.add(event);
        events = [];
        reassembler = new StreamReassembler(collector(events), LIMITS);
        apps = new ApplicationSessions();
        time = 0;
      }
      // Mostly forward in time, sometimes a jump past the idle timeout, sometimes back.
      time += random() % 16 === 0 ? 60 : random() % 32 === 0 ? -1 : 0.001;
      reassembler.add(linkType, data, time);
      for (const event of events.splice(0)) await apps.add(event);
    };
  },
};

/**
 * Application sessions fed directly: the packet's TCP or UDP payload (or the whole packet)
 * pushed as either side into HTTP, TLS, QUIC and DTLS sessions that live for a block.
 */
export const sessionsTarget: FuzzTarget = {
  name: "sessions",
  description:
    "HttpSession (and decodeHttpBody), TlsSession, QuicSession, DtlsSession fed payloads as either side",
  create() {
    const parser = new PacketParser();
    let http = new HttpSession({ maxBody: 65536, maxHead: 4096 });
    let tls = new TlsSession({ maxHandshakeMessage: 65536 });
    let quic = new QuicSession({ maxCryptoBuffer: 8192 });
    let dtls = new DtlsSession({ maxHandshakeMessage: 8192 });
    return async ({ fresh, random, linkType, data }) => {
      if (fresh) {
        http = new HttpSession({ maxBody: 65536, maxHead: 4096 });
        tls = new TlsSession({ maxHandshakeMessage: 65536 });
        quic = new QuicSession({ maxCryptoBuffer: 8192 });
        dtls = new DtlsSession({ maxHandshakeMessage: 8192 });
      }
      parser.parse(linkType, data);
      let payload = data;
      for (let i = parser.count - 1; i >= 0; i--) {
        const layer = parser.layers[i]!;
        if (layer.kind === "tcp" || layer.kind === "udp") {
          payload = layer.payload;
          break;
        }
      }
      const side = random() % 2 === 0 ? "client" : "server";
      for (const event of http.push(side, payload)) {
        if (event.type === "response") decodeHttpBody(event.response, { maxOutput: 1 << 20 });
      }
      if (random() % 64 === 0) http.end(side);
      tls.push(side, payload);
      tls.fingerprints();
      await quic.push(side, payload);
      dtls.push(side, payload);
    };
  },
};

/** Where an Ethernet frame's IPv4 SCTP DATA chunk's user data starts (no IP options). */
const SCTP_USER_DATA = 14 + 20 + 12 + 16;

/** Whether a frame is IPv4 SCTP over Ethernet, long enough to hold a chunk's user data. */
function isSctpFrame(linkType: number, d: Uint8Array): boolean {
  return linkType === 1 && d.length > SCTP_USER_DATA && d[12] === 8 && d[13] === 0 &&
    d[14] === 0x45 && d[23] === 132;
}

/** Whether a frame is IPv4 SCTP over Ethernet to or from a ForCES channel's port. */
function isForcesFrame(linkType: number, d: Uint8Array): boolean {
  return isSctpFrame(linkType, d) &&
    (FORCES_CHANNELS.has((d[34]! << 8) | d[35]!) || FORCES_CHANNELS.has((d[36]! << 8) | d[37]!));
}

/** Whether a frame is IPv4 SCTP over Ethernet whose first chunk is DATA of M3UA's PPID. */
function isM3uaFrame(linkType: number, d: Uint8Array): boolean {
  return isSctpFrame(linkType, d) && d[46] === 0 && d[58] === 0 && d[59] === 0 &&
    d[60] === 0 && d[61] === M3UA_PPID;
}

/**
 * A target for a protocol in SCTP DATA chunks: the corpus's frames that `isSeed` picks,
 * their first chunk's user data mutated (and the packet cut), printed at -v to -vvvv (and
 * plain), and the message's header decoded by `decodeHeader`.
 */
function sctpUserDataTarget(
  name: string,
  label: string,
  isSeed: (linkType: number, data: Uint8Array) => boolean,
  decodeHeader: (frame: Uint8Array) => unknown,
): FuzzTarget {
  return {
    name,
    description:
      `${label} messages of the corpus mutated in their SCTP chunk, printed at -v to -vvvv`,
    create(corpus) {
      const seeds = corpus.frames.filter((f) => isSeed(f.linkType, f.data));
      // testdata/crafted/ holds them: without it the target tests nothing.
      assert.ok(seeds.length > 0, `no ${label} frames in the corpus`);
      const printers = [0, 1, 2, 3, 4].map((verbose) =>
        new TcpdumpPrinter({ verbose, timestamps: "none", hex: verbose === 2 ? 1 : 0 })
      );
      const text = new TextDecoder();
      return ({ random }) => {
        const seed = seeds[random() % seeds.length]!.data;
        // Mutations of the whole frame (data) are mostly in the headers: mutate the message.
        const head = seed.subarray(0, SCTP_USER_DATA);
        let body = random() % 2 === 0
          ? mutate(random, seed.subarray(SCTP_USER_DATA))
          : flipBits(random, seed.slice(SCTP_USER_DATA));
        if (random() % 8 === 0) body = body.subarray(0, random() % (body.length + 1));
        const frame = new Uint8Array(head.length + body.length);
        frame.set(head);
        frame.set(body, head.length);
        try {
          decodeHeader(frame);
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
        }
        const printer = printers[random() % printers.length]!;
        const record = { seconds: 0, nanoseconds: 0, originalLength: frame.length, linkType: 1 };
        printer.print(decode(1, frame), record);
        const printed = text.decode(printer.take());
        assert.equal(unexplainedBadText(printed, [frame]), undefined, printed);
      };
    },
  };
}

/** ForCES: the corpus's ForCES frames (testdata/crafted/forces_messages.pcap). */
export const forcesTarget: FuzzTarget = sctpUserDataTarget(
  "forces",
  "ForCES",
  isForcesFrame,
  (frame) => decodeForcesHeader(frame, SCTP_USER_DATA),
);

/** M3UA: the corpus's M3UA frames (testdata/crafted/m3ua_messages.pcap). */
export const m3uaTarget: FuzzTarget = sctpUserDataTarget(
  "m3ua",
  "M3UA",
  isM3uaFrame,
  (frame) => {
    decodeM3uaHeader(frame, SCTP_USER_DATA, frame.length);
    const from = SCTP_USER_DATA + M3UA_HEADER_LENGTH;
    m3uaParameters(frame, from, frame.length - from, frame.length);
  },
);
