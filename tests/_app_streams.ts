/**
 * Test helper: feeds each stream of a capture, put back in order by `reassemble()`, to a
 * protocol session of its own (HttpSession, TlsSession, QuicSession, DtlsSession), the
 * stream's first sender being the client.
 *
 * Private to the tests.
 *
 * @module
 */

import { decode } from "../lib/decode.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";
import type { StreamProtocol } from "../lib/reassembly/stream_types.ts";
import type { TlsSide } from "../lib/app/tls_session.ts";

/** What a protocol session offers: the bytes of a side, and the end of a side. */
export interface SideSession<E> {
  /** Takes the next bytes a side sent. */
  push(side: TlsSide, data: Uint8Array): E[] | Promise<E[]>;
  /** Says that a side closed (called for the server, then the client, when the stream ends). */
  end?(side: TlsSide): Iterable<E>;
}

/**
 * The events of each `protocol` stream of a capture, one list per stream in the order the
 * streams first appear.
 */
export async function eventsPerStream<E>(
  url: URL,
  protocol: StreamProtocol,
  open: () => SideSession<E>,
): Promise<E[][]> {
  const streams = new Map<number, { session: SideSession<E>; events: E[] }>();
  await using reader = await openCapture(url);
  for await (const event of reassemble(reader)) {
    if (event.stream.protocol !== protocol) continue;
    let entry = streams.get(event.stream.index);
    if (entry === undefined) {
      entry = { session: open(), events: [] };
      streams.set(event.stream.index, entry);
    }
    const { session, events } = entry;
    if (event.type === "data") {
      events.push(...await session.push(event.direction === 0 ? "client" : "server", event.data));
    } else if (event.type === "closed" && session.end !== undefined) {
      events.push(...session.end("server"), ...session.end("client"));
    }
  }
  return [...streams.values()].map((s) => s.events);
}

/** The TCP or UDP payloads of a capture's packets, copied, in capture order (empty ones left out). */
export async function payloadsOf(url: URL, protocol: StreamProtocol): Promise<Uint8Array[]> {
  const payloads: Uint8Array[] = [];
  await using reader = await openCapture(url);
  for await (const record of reader) {
    const layer = decode(record.linkType, record.data).layer(protocol);
    if (layer !== undefined && layer.payload.length > 0) payloads.push(layer.payload.slice());
  }
  return payloads;
}
