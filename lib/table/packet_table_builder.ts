/**
 * {@linkcode PacketTableBuilder}: builds the `packets` table column by column from the
 * fast path, a capture reader's batches and a reused `PacketParser`.
 *
 * @module
 */

import type { PacketParser } from "../decode.ts";
import type { CaptureBatch } from "../formats/capture_reader.ts";
import type { Layer } from "../layer_map.ts";
import { ColumnBuilder } from "./_column_builder.ts";
import { TextInterner } from "./_text_interner.ts";
import { DnsQuestionReader } from "./_dns_question.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import type { PacketApplicationFields } from "./_packet_applications.ts";
import { PACKET_SCHEMA } from "./packet_schema.ts";

/**
 * Rows per table that {@linkcode PacketTableBuilder.prototype.finish} returns. Small enough
 * that the chunks in flight between the table worker and the writer stay in memory already
 * touched (65,536 rows a chunk: 30% more page faults and a 10% slower export), large enough
 * that the per-chunk costs (a message, an Arrow schema) do not count.
 */
export const PACKET_CHUNK_ROWS = 16384;

const C = Object.fromEntries(PACKET_SCHEMA.columns.map((column, i) => [column.name, i]));

/**
 * Builds the rows of the `packets` table ({@linkcode PACKET_SCHEMA}) one packet at a time:
 * each value goes straight into its column's typed array, and repeated strings (MAC and
 * IP addresses, the list of layers) are encoded once. Give it each packet right after a
 * reused `PacketParser` decoded it.
 *
 * @example Build the table of a capture file
 * ```ts
 * import { PacketTableBuilder } from "./packet_table_builder.ts";
 * import { PacketParser } from "../decode.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 * import { columnValue } from "./columnar_table.ts";
 * import assert from "node:assert/strict";
 *
 * const file = new URL("../../testdata/namespaces.pcap", import.meta.url);
 * const builder = new PacketTableBuilder("namespaces.pcap");
 * const parser = new PacketParser();
 * await using reader = await openCapture(file);
 * for await (const batch of reader.batches({ reuseBuffers: true })) {
 *   for (let i = 0; i < batch.count; i++) {
 *     const start = batch.offsets[i]!;
 *     parser.parse(batch.linkTypes[i]!, batch.buffer, start, start + batch.capturedLengths[i]!);
 *     builder.add(parser, batch, i);
 *   }
 * }
 * const [table] = builder.finish();
 * assert.equal(table?.length, 46);
 * assert.equal(columnValue(table!.columns[1]!, 0), 1n);
 * ```
 */
export class PacketTableBuilder {
  readonly #file: string;
  #columns = PacketTableBuilder.#newColumns();
  readonly #chunks: ColumnarTable[] = [];
  #rows = 0;
  readonly #text = new TextInterner();
  readonly #question = new DnsQuestionReader();
  #frame = 0;

  /**
   * Makes an empty builder.
   *
   * @param file The value of the `file` column.
   * @param firstFrame The frame number of the first packet added minus one (when a
   * file's packets are split among several builders, pass each packet's number to
   * {@linkcode add} instead).
   */
  constructor(file: string, firstFrame = 0) {
    this.#file = file;
    this.#frame = firstFrame;
  }

  /** New columns; the text of each string column given room for as much as in `last`. */
  static #newColumns(last?: readonly ColumnBuilder[]): ColumnBuilder[] {
    return PACKET_SCHEMA.columns.map((column, k) => {
      const textBytes = last === undefined ? undefined : Math.ceil(last[k]!.textBytes * 1.125) + 64;
      return new ColumnBuilder(column.type, PACKET_CHUNK_ROWS, textBytes);
    });
  }

  /** How many rows there are so far. */
  get length(): number {
    return this.#rows;
  }

  /**
   * Adds the packet that `parser` just decoded.
   *
   * @param parser The parser, right after `parse()`.
   * @param batch The batch the packet came from.
   * @param i The packet's index in the batch.
   * @param frame The packet's number in its file (by default, one more than the last).
   * @param app The application fields the packet carries (HTTP, TLS), if any.
   */
  add(
    parser: PacketParser,
    batch: CaptureBatch,
    i: number,
    frame: number = this.#frame + 1,
    app?: PacketApplicationFields,
  ): void {
    this.#frame = frame;
    if (this.#columns[C.frame!]!.length === PACKET_CHUNK_ROWS) this.#flush();
    this.#rows++;
    const c = this.#columns;
    const text = this.#text;
    c[C.frame!]!.number(frame);
    const seconds = batch.seconds[i]!;
    const nanoseconds = batch.nanoseconds[i]!;
    c[C.time!]!.number(seconds * 1e6 + Math.floor(nanoseconds / 1000));
    // seconds * 1e9 + nanoseconds as exact 32-bit halves (the sum passes 2^53).
    const high16 = Math.floor(seconds / 65536);
    const scaled = high16 * 1e9;
    const scaledHigh = Math.floor(scaled / 65536);
    const low = (scaled - scaledHigh * 65536) * 65536 + (seconds - high16 * 65536) * 1e9 +
      nanoseconds;
    const carry = Math.floor(low / 4294967296);
    c[C.time_ns!]!.wide(scaledHigh + carry, low - carry * 4294967296);
    c[C.interface_id!]!.number(batch.interfaceIds[i]!);
    c[C.captured_length!]!.number(batch.capturedLengths[i]!);
    c[C.original_length!]!.number(batch.originalLengths[i]!);
    c[C.link_type!]!.number(batch.linkTypes[i]!);
    const layers = parser.layers;
    const count = parser.count;
    c[C.protocols!]!.bytes(text.kinds(layers, count));
    if (parser.error === undefined) c[C.decode_error!]!.null();
    else c[C.decode_error!]!.bytes(text.text(parser.error.code));
    this.#addLayers(layers, count);
    this.#addApplication(app);
  }

  #addLayers(layers: readonly Layer[], count: number): void {
    const c = this.#columns;
    const text = this.#text;
    let ethernet = -1, vlan = -1, vlanInner = -1, ip = -1, transport = -1, fragment = -1;
    let dns = -1;
    let protocol = -1;
    let quoted = false;
    for (let i = 0; i < count; i++) {
      const layer = layers[i]!;
      switch (layer.kind) {
        case "ethernet":
          if (ethernet < 0) ethernet = i;
          break;
        case "vlan":
          if (vlan < 0) vlan = i;
          else if (vlanInner < 0) vlanInner = i;
          break;
        case "ipv4":
        case "ipv6":
          if (quoted) break;
          ip = i;
          transport = -1;
          fragment = -1;
          protocol = layer.kind === "ipv4" ? layer.protocol : layer.nextHeader;
          break;
        case "ipv6-hop-by-hop":
        case "ipv6-routing":
        case "ipv6-destination":
        case "ah":
          if (!quoted && ip >= 0 && transport < 0) protocol = layer.nextHeader;
          break;
        case "ipv6-fragment":
          if (!quoted && ip >= 0 && transport < 0) {
            protocol = layer.nextHeader;
            fragment = i;
          }
          break;
        case "tcp":
        case "udp":
          if (!quoted && transport < 0) transport = i;
          break;
        case "icmp":
        case "icmpv6":
          quoted = true;
          break;
        case "dns":
          if (dns < 0) dns = i;
          break;
      }
    }

    if (ethernet >= 0) {
      const eth = layers[ethernet] as Layer & { kind: "ethernet" };
      c[C.eth_src!]!.bytes(text.mac(eth.data, eth.offset + 6));
      c[C.eth_dst!]!.bytes(text.mac(eth.data, eth.offset));
    } else {
      c[C.eth_src!]!.null();
      c[C.eth_dst!]!.null();
    }
    this.#vlan(C.vlan_id!, layers, vlan);
    this.#vlan(C.vlan_inner_id!, layers, vlanInner);
    this.#addIp(layers, ip, fragment, protocol);
    this.#addTransport(layers, ip, transport);
    this.#addDns(layers, dns);
  }

  #addApplication(app: PacketApplicationFields | undefined): void {
    if (app === undefined) return;
    this.#optional(C.http_host!, app.host);
    this.#optional(C.http_method!, app.method);
    this.#optional(C.http_uri!, app.uri);
    if (app.status !== undefined) this.#sparse(C.http_status!).number(app.status);
    this.#optional(C.tls_server_name!, app.sni);
    this.#optional(C.tls_alpn!, app.alpn);
    this.#optional(C.tls_ja3!, app.ja3);
    this.#optional(C.tls_ja4!, app.ja4);
  }

  #optional(column: number, value: string | undefined): void {
    if (value !== undefined) this.#sparse(column).string(value);
  }

  #vlan(column: number, layers: readonly Layer[], index: number): void {
    if (index >= 0) {
      this.#sparse(column).number((layers[index] as Layer & { kind: "vlan" }).vlanId);
    }
  }

  /**
   * A column that most packets leave null (VLANs, DNS, the application columns), with
   * nulls up to the packet being added: such columns get no call for a null, and their
   * nulls are appended at once before a value and when the chunk is full.
   */
  #sparse(column: number): ColumnBuilder {
    const builder = this.#columns[column]!;
    builder.nullsTo(this.#columns[C.frame!]!.length - 1);
    return builder;
  }

  #addIp(layers: readonly Layer[], index: number, fragment: number, protocol: number): void {
    const c = this.#columns;
    if (index < 0) {
      for (let k = C.ip_version!; k <= C.ip_fragment_offset!; k++) c[k]!.null();
      return;
    }
    const ip = layers[index] as Layer & { kind: "ipv4" | "ipv6" };
    c[C.ip_version!]!.number(ip.kind === "ipv4" ? 4 : 6);
    if (ip.kind === "ipv4") {
      c[C.ip_src!]!.bytes(this.#text.ipv4(ip.sourceAddress, ip.data, ip.offset + 12));
      c[C.ip_dst!]!.bytes(this.#text.ipv4(ip.destinationAddress, ip.data, ip.offset + 16));
      c[C.ip_protocol!]!.number(protocol);
      c[C.ip_ttl!]!.number(ip.timeToLive);
      c[C.ip_id!]!.number(ip.identification);
      c[C.ip_dont_fragment!]!.number(ip.dontFragment ? 1 : 0);
      c[C.ip_more_fragments!]!.number(ip.moreFragments ? 1 : 0);
      c[C.ip_fragment_offset!]!.number(ip.fragmentOffset * 8);
      return;
    }
    c[C.ip_src!]!.bytes(this.#text.ipv6(ip.data, ip.offset + 8));
    c[C.ip_dst!]!.bytes(this.#text.ipv6(ip.data, ip.offset + 24));
    c[C.ip_protocol!]!.number(protocol);
    c[C.ip_ttl!]!.number(ip.hopLimit);
    c[C.ip_dont_fragment!]!.null();
    if (fragment < 0) {
      c[C.ip_id!]!.null();
      c[C.ip_more_fragments!]!.null();
      c[C.ip_fragment_offset!]!.null();
      return;
    }
    const header = layers[fragment] as Layer & { kind: "ipv6-fragment" };
    c[C.ip_id!]!.number(header.identification | 0);
    c[C.ip_more_fragments!]!.number(header.moreFragments ? 1 : 0);
    c[C.ip_fragment_offset!]!.number(header.fragmentOffset * 8);
  }

  #addTransport(layers: readonly Layer[], ipIndex: number, index: number): void {
    const c = this.#columns;
    if (index < 0) {
      for (let k = C.src_port!; k <= C.payload_length!; k++) c[k]!.null();
      return;
    }
    const layer = layers[index] as Layer & { kind: "tcp" | "udp" };
    c[C.src_port!]!.number(layer.sourcePort);
    c[C.dst_port!]!.number(layer.destinationPort);
    if (layer.kind === "udp") {
      for (let k = C.tcp_flags!; k <= C.tcp_window!; k++) c[k]!.null();
      c[C.payload_length!]!.number(Math.max(0, layer.length - 8));
      return;
    }
    c[C.tcp_flags!]!.number(layer.flags);
    c[C.tcp_seq!]!.number(layer.sequenceNumber);
    c[C.tcp_ack!]!.number(layer.acknowledgmentNumber);
    c[C.tcp_window!]!.number(layer.window);
    // The IP header's length field says where the segment ends (0 lengths: the capture).
    const ip = layers[ipIndex] as Layer & { kind: "ipv4" | "ipv6" };
    const ipEnd = ip.kind === "ipv4"
      ? (ip.totalLength === 0 ? layer.end : ip.offset + ip.totalLength)
      : (ip.payloadLength === 0 ? layer.end : ip.offset + 40 + ip.payloadLength);
    const dataOffset = layer.truncated ? layer.dataOffset * 4 : layer.headerLength;
    c[C.payload_length!]!.number(Math.max(0, ipEnd - layer.offset - dataOffset));
  }

  #addDns(layers: readonly Layer[], index: number): void {
    if (index < 0) return;
    const dns = layers[index] as Layer & { kind: "dns" };
    const reader = this.#question;
    if (reader.read(dns)) {
      this.#sparse(C.dns_query_name!).bytes(reader.name, reader.length);
      this.#sparse(C.dns_query_type!).number(reader.type);
    } else {
      // A message without a question (null name and type), or a name with escapes or
      // pointers.
      const question = dns.questions[0];
      if (question !== undefined) {
        this.#sparse(C.dns_query_name!).string(question.name);
        this.#sparse(C.dns_query_type!).number(question.type);
      }
    }
    this.#sparse(C.dns_response!).number(dns.response ? 1 : 0);
    this.#sparse(C.dns_rcode!).number(dns.responseCode);
  }

  #flush(): void {
    const columns = this.#columns;
    // The file column, the same on every row, filled at once.
    const rows = columns[C.frame!]!.length;
    columns[C.file!]!.repeat(this.#text.text(this.#file), rows);
    for (const column of columns) column.nullsTo(rows);
    this.#columns = PacketTableBuilder.#newColumns(columns);
    this.#chunks.push({
      schema: PACKET_SCHEMA,
      length: rows,
      columns: columns.map((column) => column.finish()),
    });
  }

  /**
   * Takes the chunks that are full ({@linkcode PACKET_CHUNK_ROWS} rows), leaving the rows
   * of the chunk being filled; for writers that stream.
   *
   * @returns The full chunks since the last call, in order.
   */
  takeChunks(): ColumnarTable[] {
    return this.#chunks.splice(0);
  }

  /**
   * Returns the rows added, as tables of up to {@linkcode PACKET_CHUNK_ROWS} rows each (none
   * without rows). Call it once, at the end.
   *
   * @returns The tables, in the order the rows were added.
   */
  finish(): ColumnarTable[] {
    if (this.#columns[C.frame!]!.length > 0) this.#flush();
    return this.#chunks;
  }
}
