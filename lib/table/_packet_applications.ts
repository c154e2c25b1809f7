/**
 * {@linkcode PacketApplications}: the application fields of each packet (HTTP request and
 * response, TLS/QUIC ClientHello and ServerHello) for the `packets` table, from stream reassembly and
 * `ApplicationSessions`.
 *
 * @module
 */

import { ApplicationSessions, type AppRecord } from "../app/app_sessions.ts";
import type { DecodedPacket } from "../decode.ts";
import { StreamReassembler } from "../reassembly/stream_reassembler.ts";
import type {
  CloseReason,
  StreamDirection,
  StreamEvent,
  StreamInfo,
} from "../reassembly/stream_types.ts";

/** The application fields of one packet: those of the messages it completes. */
export interface PacketApplicationFields {
  /** HTTP request: the Host header. */
  host?: string;
  /** HTTP request: the method. */
  method?: string;
  /** HTTP request: the target. */
  uri?: string;
  /** HTTP response: the status code. */
  status?: number;
  /** ClientHello: the server name. */
  sni?: string;
  /** ClientHello: the ALPN protocols offered, separated by commas; ServerHello: the one chosen. */
  alpn?: string;
  /** ClientHello: JA3 hash. */
  ja3?: string;
  /** ClientHello: JA4. */
  ja4?: string;
}

/**
 * Reassembles the TCP and UDP streams of packets given one at a time and tells which
 * application fields each packet carries: a message's fields go to the packet that
 * completes it, as tshark puts them on the frame where it reassembled the PDU. The
 * sessions take each packet's bytes as views, not copies: a packet's events are handled
 * before {@linkcode PacketApplications.prototype.add} returns its fields (or its promise
 * of them settles), and the sessions copy what they keep past a call; so the reader's
 * buffer may be reused from then on.
 */
export class PacketApplications {
  readonly #apps = new ApplicationSessions({ messages: true, dns: false });
  // The events of the packet being taken, as their fields: most packets' events are all
  // ignored, and then no object (not even a view of the bytes) is made for them. `#data[i]`
  // undefined: a closed event; else its bytes are `#data[i][#starts[i]..#ends[i])`.
  #count = 0;
  #needed = false;
  readonly #streams: StreamInfo[] = [];
  readonly #directions: StreamDirection[] = [];
  readonly #data: (Uint8Array | undefined)[] = [];
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #offsets: number[] = [];
  readonly #reasons: CloseReason[] = [];
  readonly #times: number[] = [];
  readonly #reassembler = new StreamReassembler({
    // No copy: see the class's documentation.
    dataRange: (stream, direction, data, start, end, offset, time) => {
      const i = this.#push(stream, time, data);
      this.#directions[i] = direction;
      this.#starts[i] = start;
      this.#ends[i] = end;
      this.#offsets[i] = offset;
      if (!this.#needed && !this.#apps.ignoresData(stream, data, start, end)) this.#needed = true;
    },
    closed: (stream, reason, time) => {
      this.#reasons[this.#push(stream, time, undefined)] = reason;
      this.#needed = true;
    },
  }, { ignorePorts: this.#apps.ignoredPorts });

  /** Keeps an event's common fields; returns its index. */
  #push(stream: StreamInfo, time: number, data: Uint8Array | undefined): number {
    const i = this.#count++;
    this.#streams[i] = stream;
    this.#times[i] = time;
    this.#data[i] = data;
    return i;
  }

  /**
   * Takes the packet that a parser just decoded.
   *
   * @param packet The decoded packet.
   * @param time Its capture time, in seconds since the epoch.
   * @returns Its fields, or `undefined` when it moved no bytes of a stream the sessions
   * read (most packets); a promise of them only while a QUIC Initial packet is decrypted.
   */
  add(
    packet: DecodedPacket,
    time: number,
  ): PacketApplicationFields | Promise<PacketApplicationFields> | undefined {
    this.#count = 0;
    this.#needed = false;
    this.#reassembler.addDecoded(packet, time);
    if (!this.#needed) return undefined;
    // The events as objects, made before anything is awaited.
    const events: StreamEvent[] = [];
    for (let i = 0; i < this.#count; i++) {
      const stream = this.#streams[i]!, time = this.#times[i]!, data = this.#data[i];
      events.push(
        data === undefined ? { type: "closed", stream, reason: this.#reasons[i]!, time } : {
          type: "data",
          stream,
          direction: this.#directions[i]!,
          offset: this.#offsets[i]!,
          data: data.subarray(this.#starts[i]!, this.#ends[i]!),
          time,
        },
      );
    }
    return this.#take(events);
  }

  /** The fields of the events from `first` on, added to `fields`. */
  #take(
    events: readonly StreamEvent[],
    first = 0,
    fields: PacketApplicationFields = {},
  ): PacketApplicationFields | Promise<PacketApplicationFields> {
    for (let i = first; i < events.length; i++) {
      const records = this.#apps.addNow(events[i]!);
      if (records instanceof Promise) return this.#takeLater(records, events, i + 1, fields);
      for (const record of records) addRecord(fields, record);
    }
    return fields;
  }

  /** {@linkcode #take} on from the event after the one whose records come later. */
  async #takeLater(
    pending: Promise<AppRecord[]>,
    events: readonly StreamEvent[],
    next: number,
    fields: PacketApplicationFields,
  ): Promise<PacketApplicationFields> {
    for (const record of await pending) addRecord(fields, record);
    return await this.#take(events, next, fields);
  }
}

function addRecord(fields: PacketApplicationFields, record: AppRecord): void {
  const set = <K extends keyof PacketApplicationFields>(
    key: K,
    value: PacketApplicationFields[K] | undefined,
  ) => {
    if (value !== undefined && fields[key] === undefined) fields[key] = value;
  };
  if (record.message === "request") {
    set("host", record.host);
    set("method", record.method);
    set("uri", record.uri);
  } else if (record.message === "client-hello") {
    set("sni", record.sni);
    if (record.alpn !== undefined && record.alpn.length > 0) set("alpn", record.alpn.join(","));
    set("ja3", record.ja3);
    set("ja4", record.ja4);
  } else if (record.message === "server-hello") {
    // The protocol the server chose, where it is in clear (TLS 1.2 and earlier, DTLS).
    if (record.alpn !== undefined && record.alpn.length > 0) set("alpn", record.alpn.join(","));
  } else if (record.protocol === "http") {
    // An exchange's record or a 1xx response: on the packet completing the response.
    set("status", record.status);
  }
}
