import assert from "node:assert/strict";
import { hasTshark } from "./_tshark.ts";
import {
  compareWithTshark,
  streamOf,
  type Streams,
  TLS_HANDSHAKE_FIELDS,
  tsharkStreams,
} from "./_app_conformance.ts";
import { QuicSession } from "../lib/app/quic_session.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";
import { encodeHex } from "../lib/_hex.ts";

/**
 * The fields compared, per UDP stream: the versions of the long-header packets, their
 * destination connection IDs (each value once, in order of appearance), and the TLS
 * handshake inside the Initials (reduced as for TLS over TCP).
 */
const FIELDS = [
  "quic.version",
  "quic.dcid",
  ...TLS_HANDSHAKE_FIELDS,
] as const;
type Field = typeof FIELDS[number];

/** Known mismatches, as `capture stream field`, and why. */
const EXCEPTIONS: Record<string, string> = {};

function pushOnce(values: string[], value: string): void {
  if (!values.includes(value)) values.push(value);
}

/** What QuicSession reads of each UDP stream that starts like QUIC, in tshark's terms. */
async function ours(file: string): Promise<Streams<Field>> {
  const sessions = new Map<number, QuicSession>();
  const streams: Streams<Field> = new Map();
  await using reader = await openCapture(file);
  for await (const event of reassemble(reader)) {
    if (event.type !== "data" || event.stream.protocol !== "udp") continue;
    let session = sessions.get(event.stream.index);
    if (session === undefined) sessions.set(event.stream.index, session = new QuicSession());
    const side = event.direction === 0 ? "client" : "server";
    for (const e of await session.push(side, event.data)) {
      const fields = streamOf(streams, FIELDS, event.stream.index);
      if (e.type === "packet") {
        pushOnce(fields["quic.version"], `0x${e.packet.version.toString(16).padStart(8, "0")}`);
        if (e.packet.destinationId.length > 0) {
          pushOnce(fields["quic.dcid"], encodeHex(e.packet.destinationId));
        }
      } else if (e.type === "client-hello") {
        if (e.hello.serverName !== undefined) {
          fields["tls.handshake.extensions_server_name"].push(e.hello.serverName);
        }
        if (fields["tls.handshake.extensions_alpn_str"].length === 0) {
          fields["tls.handshake.extensions_alpn_str"].push(...e.hello.alpn);
        }
        fields["tls.handshake.ja3"].push(e.ja3.hash);
      } else if (e.type === "server-hello" && !e.hello.helloRetryRequest) {
        if (e.hello.alpn.length > 0) {
          fields["tls.handshake.extensions_alpn_str"] = [...e.hello.alpn];
        }
        fields["tls.handshake.ciphersuite"].push(
          `0x${e.hello.cipherSuite.toString(16).padStart(4, "0")}`,
        );
        fields["tls.handshake.ja3s"].push(e.ja3s.hash);
      }
    }
  }
  return streams;
}

/** What tshark reads, per `udp.stream`: long-header packets only for versions and IDs. */
async function tsharks(file: string): Promise<Streams<Field> | undefined> {
  const fields = [...FIELDS, "quic.header_form"] as const;
  const streams = await tsharkStreams(file, "udp.stream", fields, "quic", (values, field, row) => {
    if (field !== "quic.dcid") return values;
    // One per QUIC packet of the datagram, beside its header form: long headers only.
    const forms = row["quic.header_form"] ?? [];
    return values.filter((v, i) => forms[i] === "1" && v !== "");
  });
  if (streams === undefined) return undefined;
  const reduced: Streams<Field> = new Map();
  for (const [index, found] of streams) {
    const out = streamOf(reduced, FIELDS, index);
    for (const field of FIELDS) {
      if (field === "quic.version" || field === "quic.dcid") {
        for (const v of found[field]) pushOnce(out[field], v);
      } else out[field] = found[field];
    }
  }
  return reduced;
}

Deno.test(
  "QuicSession reads QUIC versions, connection IDs and the hellos in Initials as tshark does",
  { ignore: !(await hasTshark()) },
  async () => {
    const a = await compareWithTshark("QUIC conformance", FIELDS, tsharks, ours, EXCEPTIONS);
    // testdata/deno_quic.pcap's two connections at least.
    assert.ok(a.streams >= 2 && a.compared >= 14);
  },
);
