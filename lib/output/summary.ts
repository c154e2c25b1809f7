/**
 * Packets printed as `tcpdump -n` prints them (tcpdump 4.99, Debian's 4.99.3 as the
 * reference): {@linkcode TcpdumpPrinter} renders decoded packets into a byte buffer with
 * tcpdump's timestamps (`-t` to `-ttttt`, `--nano`), link-level headers (`-e`), ARP,
 * IPv4 and IPv6 with their extension headers and fragments, ICMP, ICMPv6 and neighbor
 * discovery, IGMP, TCP (flags, relative sequence numbers per connection, `-S`, options),
 * UDP, DNS, DHCP and NTP (through `_print_app.ts`), the first line of HTTP, the verbose
 * extras of `-v` (IP header fields, checksums, NDP options, quoted ICMP datagrams) and the
 * hex dumps of `-x`, `-xx`, `-X` and `-XX`. {@linkcode packetSummary} is the one-line
 * `tcpdump -n -S` form.
 *
 * Where tcpdump would go on to print an application protocol that wirekit does not
 * decode, the line stops after the transport header.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import { decode, type Packet, type PacketParser } from "../decode.ts";
import type { DecodeError } from "../errors.ts";
import type { Layer } from "../layer_map.ts";
import type { Ethernet } from "../link/ethernet.ts";
import type { Vlan } from "../link/vlan.ts";
import type { LinuxSll } from "../link/sll.ts";
import type { LinuxSll2 } from "../link/sll2.ts";
import type { Loopback } from "../link/loopback.ts";
import type { Ppp } from "../link/ppp.ts";
import type { PppoeDiscovery, PppoeSession } from "../link/pppoe.ts";
import type { Arp } from "../net/arp.ts";
import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Gre } from "../net/gre.ts";
import type { Icmp } from "../net/icmp.ts";
import type { Icmpv6 } from "../net/icmpv6.ts";
import type { Ipv6HopByHop } from "../net/ipv6_extensions.ts";
import type { Tcp } from "../transport/tcp.ts";
import type { Udp } from "../transport/udp.ts";
import { foldChecksum, sumWords } from "../checksum.ts";
import { ByteWriter } from "./_writer.ts";
import { hexdump } from "./hexdump.ts";
import { printDhcp, printDns, printNtp } from "./_print_app.ts";
import {
  ETHERTYPE_NAMES,
  ICMPV6_NAMES,
  IP_PROTOCOL_NAMES,
  SLL_DIRECTIONS,
  TRUNCATED_NAMES,
} from "./_tcpdump_tables.ts";

/** The capture metadata a summary needs: a `CaptureRecord` of `lib/formats/` has it. */
export interface SummaryRecord {
  /** Nanoseconds since the Unix epoch. */
  readonly timestamp: bigint;
  /** The packet's length on the wire. */
  readonly originalLength: number;
}

/** Options of {@linkcode packetSummary}. */
export interface SummaryOptions {
  /** Start the line with the time of day, as tcpdump does (default `true`). */
  time?: boolean;
  /**
   * Where the packet starts in the parser's `data` (default 0): pass the record's offset
   * when a `PacketParser` decoded it straight from a batch buffer.
   */
  start?: number;
}

/** A decoded packet: a `Packet` from `decode()`, or a `PacketParser` after `parse()`. */
export type DecodedPacket = Packet | PacketParser;

/**
 * How tcpdump prints timestamps: `"time"` is the default (local time of day), then one
 * per extra `-t`: none (`-t`), Unix seconds (`-tt`), delta to the previous packet
 * (`-ttt`), local date and time (`-tttt`), delta to the first packet (`-ttttt`).
 */
export type TimestampFormat = "time" | "none" | "unix" | "delta" | "date" | "since-first";

/** Options of {@linkcode TcpdumpPrinter}, named after tcpdump's flags. */
export interface TcpdumpOptions {
  /** The timestamp format (default `"time"`); see {@linkcode TimestampFormat}. */
  timestamps?: TimestampFormat;
  /** Nanosecond timestamps, tcpdump's `--nano` (default microseconds, rounded down). */
  nano?: boolean;
  /** Print times in UTC instead of the local time zone (default `false`, as tcpdump). */
  utc?: boolean;
  /** Print the link-level header, `-e` (default `false`). */
  link?: boolean;
  /** Verbosity, the number of `-v` (default 0). */
  verbose?: number;
  /** Absolute TCP sequence numbers, `-S` (default `false`: relative per connection). */
  absoluteSequence?: boolean;
  /** Quiet output, `-q`: less protocol information (default `false`). */
  quiet?: boolean;
  /**
   * Hex dump after each packet: 1 for `-x`/`-X` (from the network header), 2 for
   * `-xx`/`-XX` (from the link header); 0 (default) for none.
   */
  hex?: 0 | 1 | 2;
  /** With `hex`, add the ASCII column, `-X`/`-XX` (default `false`). */
  ascii?: boolean;
  /** Start each line with the packet's number, `-#` (default `false`). */
  number?: boolean;
}

/** The metadata of one packet that {@linkcode TcpdumpPrinter.print} needs. */
export interface PrintRecord {
  /** Seconds since the Unix epoch. */
  seconds: number;
  /** Nanoseconds within the second. */
  nanoseconds: number;
  /** The length of the packet on the wire. */
  originalLength: number;
  /** The `LINKTYPE_*` number (default Ethernet). */
  linkType?: number;
  /**
   * The captured length, for hex dumps of packets that did not decode (default: where the
   * first layer ends).
   */
  capturedLength?: number;
}

const LINKTYPE_RAW = 101;
const LINKTYPE_IPV4 = 228;
const LINKTYPE_IPV6 = 229;
/** Raw IP link types: DLT_RAW (12, 14), LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6. */
const RAW_LINK_TYPES = new Set([12, 14, 101, 228, 229]);

const FLAG_LETTERS = "FSRP.UEW";

interface SeqState {
  /** Sequence base of the direction whose key is not reversed. */
  forward: number;
  /** Sequence base of the reversed direction. */
  reverse: number;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Formats the time of day of a timestamp as tcpdump does by default, in UTC:
 * `HH:MM:SS.ffffff` (microseconds, rounded down). tcpdump prints local time; run it with
 * `TZ=UTC` to compare.
 *
 * @param timestamp Nanoseconds since the Unix epoch.
 * @returns The time of day.
 *
 * @example Format a time of day
 * ```ts
 * import { formatTimeOfDay } from "./summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatTimeOfDay(1_369_953_917_270_862_999n), "22:45:17.270862");
 * ```
 */
export function formatTimeOfDay(timestamp: bigint): string {
  let seconds = timestamp / 1_000_000_000n;
  let nanoseconds = timestamp % 1_000_000_000n;
  if (nanoseconds < 0n) {
    seconds -= 1n;
    nanoseconds += 1_000_000_000n;
  }
  let day = Number(seconds % 86_400n);
  if (day < 0) day += 86_400;
  const hours = Math.floor(day / 3600);
  const minutes = Math.floor((day % 3600) / 60);
  return `${two(hours)}:${two(minutes)}:${two(day % 60)}.${
    String(Number(nanoseconds) / 1000 | 0).padStart(6, "0")
  }`;
}

/**
 * Prints decoded packets as `tcpdump -n` does, into a byte buffer that the caller drains
 * with {@linkcode TcpdumpPrinter.take} (the fast path: nothing but the output bytes is
 * allocated for most packets), or one packet at a time as a string with
 * {@linkcode TcpdumpPrinter.format}.
 *
 * A printer keeps state across packets, as tcpdump does: the previous timestamp for
 * `-ttt`, and the first sequence numbers of each TCP connection for relative sequence
 * numbers. Use one printer per capture file.
 *
 * @example Print a TCP handshake with relative sequence numbers
 * ```ts
 * import { TcpdumpPrinter } from "./summary.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * // IPv4 10.0.0.1:1234 <-> 10.0.0.2:80 without link header: SYN, SYN-ACK, ACK.
 * function segment(out: boolean, seq: number, ack: number, flags: number): Uint8Array {
 *   const p = new Uint8Array(40);
 *   p.set([0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6]);
 *   p.set(out ? [10, 0, 0, 1, 10, 0, 0, 2] : [10, 0, 0, 2, 10, 0, 0, 1], 12);
 *   const view = new DataView(p.buffer);
 *   view.setUint16(20, out ? 1234 : 80);
 *   view.setUint16(22, out ? 80 : 1234);
 *   view.setUint32(24, seq);
 *   view.setUint32(28, ack);
 *   p[32] = 0x50;
 *   p[33] = flags;
 *   view.setUint16(34, 512);
 *   return p;
 * }
 * const printer = new TcpdumpPrinter({ timestamps: "none" });
 * const lines = [
 *   segment(true, 1000, 0, 0x02),
 *   segment(false, 5000, 1001, 0x12),
 *   segment(true, 1001, 5001, 0x10),
 * ].map((p) =>
 *   printer.format(decode(LinkType.RAW, p), {
 *     seconds: 0,
 *     nanoseconds: 0,
 *     originalLength: 40,
 *     linkType: LinkType.RAW,
 *   })
 * );
 * assert.deepEqual(lines, [
 *   "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1000, win 512, length 0",
 *   "IP 10.0.0.2.80 > 10.0.0.1.1234: Flags [S.], seq 5000, ack 1001, win 512, length 0",
 *   "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [.], ack 1, win 512, length 0",
 * ]);
 * ```
 */
export class TcpdumpPrinter {
  readonly #out: ByteWriter;
  readonly #timestamps: TimestampFormat;
  readonly #nano: boolean;
  readonly #utc: boolean;
  readonly #link: boolean;
  readonly #verbose: number;
  readonly #absolute: boolean;
  readonly #quiet: boolean;
  readonly #hex: number;
  readonly #ascii: boolean;
  readonly #number: boolean;
  #packets = 0;
  readonly #connections = new Map<string, SeqState>();
  // Timestamps of the first and previous packets, for -ttt and -ttttt.
  #firstSeconds = NaN;
  #firstFraction = 0;
  #previousSeconds = NaN;
  #previousFraction = 0;
  // The local-time offset and date text cached for the current minute and day.
  #offsetMinute = NaN;
  #offsetSeconds = 0;
  #dateDay = NaN;
  #dateText = "";

  // The packet being printed.
  #data: Uint8Array = new Uint8Array(0);
  #start = 0;
  #end = 0;
  #originalLength = 0;
  #linkType = 1;
  /** Where the link-layer headers end, for `-x`. */
  #linkEnd = 0;
  /** Offset of the innermost IP header's source address, its version, for ports. */
  #addressAt = 0;
  #ipVersion = 0;
  /** The addresses still wait to be printed with the ports by TCP or UDP. */
  #pending = false;
  /** Where the innermost IP packet ends according to its length field. */
  #ipEnd = 0;
  /** The innermost IP packet is a fragment (checksums are not verified). */
  #fragment = false;
  /** The decode error of the packet, until a layer prints it. */
  #error: DecodeError | undefined = undefined;
  /** The TCP packet goes the reverse way of its connection key. */
  #reverse = false;
  #network = false;
  #done = false;
  /** The length of a tunnel's payload (after a GRE header), for a bridged Ethernet frame. */
  #tunnelLength = 0;

  /**
   * Makes a printer.
   *
   * @param options The tcpdump flags it follows.
   */
  constructor(options: TcpdumpOptions = {}) {
    this.#timestamps = options.timestamps ?? "time";
    this.#nano = options.nano ?? false;
    this.#utc = options.utc ?? false;
    this.#link = options.link ?? false;
    this.#verbose = options.verbose ?? 0;
    this.#absolute = options.absoluteSequence ?? false;
    this.#quiet = options.quiet ?? false;
    this.#hex = options.hex ?? 0;
    this.#ascii = options.ascii ?? false;
    this.#number = options.number ?? false;
    this.#out = new ByteWriter(1 << 16);
  }

  /** How many bytes of output wait in the buffer. */
  get buffered(): number {
    return this.#out.length;
  }

  /**
   * Returns the buffered output and empties the buffer. The view is valid until the next
   * `print()`.
   *
   * @returns The output bytes (UTF-8 text, one or more lines per packet, each ending in a
   * newline).
   */
  take(): Uint8Array {
    const bytes = this.#out.bytes.subarray(0, this.#out.length);
    this.#out.length = 0;
    return bytes;
  }

  /**
   * Prints one packet, with its newline, into the buffer.
   *
   * @param packet The decoded packet: a `Packet`, or a `PacketParser` right after `parse()`.
   * @param record Its timestamp, length on the wire and link type.
   * @param start Where the packet starts in a parser's `data` (default 0).
   */
  print(packet: DecodedPacket, record: PrintRecord, start = 0): void {
    const out = this.#out;
    if (
      (record.linkType === LINKTYPE_IPV4 || record.linkType === LINKTYPE_IPV6) &&
      packet.error?.code === "malformed" &&
      ("count" in packet ? packet.count : packet.layers.length) === 0
    ) {
      // tcpdump reads LINKTYPE_IPV4 and LINKTYPE_IPV6 as raw IP, by the version field.
      const end = record.capturedLength !== undefined
        ? start + record.capturedLength
        : "count" in packet
        ? packet.payloadEnd
        : packet.data.length;
      const raw = decode(LINKTYPE_RAW, packet.data.subarray(start, end));
      if (raw.layers.length > 0) {
        this.print(raw, { ...record, linkType: LINKTYPE_RAW, capturedLength: end - start });
        return;
      }
    }
    this.#packets++;
    if (this.#number) {
      out.ascii(this.#packets < 10000 ? "     ".slice(String(this.#packets).length) : "");
      out.uint(this.#packets);
      out.ascii("  ");
    }
    this.#time(record.seconds, record.nanoseconds);
    const isParser = "count" in packet;
    const count = isParser ? packet.count : packet.layers.length;
    const layers = packet.layers;
    this.#data = packet.data;
    this.#start = start;
    this.#end = isParser ? packet.payloadEnd : packet.data.length;
    this.#originalLength = record.originalLength;
    this.#linkType = record.linkType ?? (isParser ? 1 : packet.linkType);
    this.#linkEnd = start;
    this.#pending = false;
    this.#network = false;
    this.#done = false;
    this.#fragment = false;
    this.#ipEnd = 0;
    this.#error = packet.error;
    let i = this.#printLink(layers, count);
    for (; i < count && !this.#done; i++) {
      this.#printLayer(layers[i]!, i + 1 < count ? layers[i + 1] : undefined);
    }
    const error = packet.error;
    if (!this.#done) {
      // The error was printed by the layer before it.
      if (error !== undefined && this.#error === undefined) this.#done = true;
    }
    if (!this.#done) {
      if (error !== undefined) this.#printError(error);
      else if (!this.#network && count > 0) this.#printUndecoded(layers, count);
      else if (count === 0) this.#printNoLink();
    }
    if (this.#hex > 0) {
      // tcpdump dumps every captured byte after the link header, padding included.
      const end = record.capturedLength !== undefined
        ? start + record.capturedLength
        : isParser
        ? (count > 0 ? layers[0]!.end : packet.payloadEnd)
        : packet.data.length;
      this.#hexdump(end);
    }
    out.byte(0x0a);
  }

  /**
   * Prints one packet and returns it as text (without the final newline). Output that was
   * buffered before is left in the buffer.
   *
   * @param packet The decoded packet.
   * @param record Its timestamp, length on the wire and link type.
   * @param start Where the packet starts in a parser's `data` (default 0).
   * @returns The text: one line, more with `-v` or a hex dump.
   */
  format(packet: DecodedPacket, record: PrintRecord, start = 0): string {
    const out = this.#out;
    const before = out.length;
    this.print(packet, record, start);
    const text = new TextDecoder().decode(out.bytes.subarray(before, out.length - 1));
    out.length = before;
    return text;
  }

  // ---- timestamps -------------------------------------------------------------------

  #time(seconds: number, nanoseconds: number): void {
    const out = this.#out;
    const nano = this.#nano;
    const fraction = nano ? nanoseconds : Math.floor(nanoseconds / 1000);
    const digits = nano ? 9 : 6;
    switch (this.#timestamps) {
      case "none":
        return;
      case "time": {
        const local = seconds + this.#offset(seconds);
        this.#clock(((local % 86400) + 86400) % 86400, fraction, digits);
        out.byte(0x20);
        return;
      }
      case "unix":
        out.uint(seconds);
        out.byte(0x2e);
        out.padded(fraction, digits);
        out.byte(0x20);
        return;
      case "date": {
        const local = seconds + this.#offset(seconds);
        const day = Math.floor(local / 86400);
        if (day !== this.#dateDay) {
          this.#dateDay = day;
          this.#dateText = new Date(day * 86_400_000).toISOString().slice(0, 10);
        }
        out.ascii(this.#dateText);
        out.byte(0x20);
        this.#clock(local - day * 86400, fraction, digits);
        out.byte(0x20);
        return;
      }
      case "delta":
      case "since-first": {
        if (Number.isNaN(this.#firstSeconds)) {
          this.#firstSeconds = this.#previousSeconds = seconds;
          this.#firstFraction = this.#previousFraction = fraction;
        }
        const delta = this.#timestamps === "delta";
        let s = seconds - (delta ? this.#previousSeconds : this.#firstSeconds);
        let f = fraction - (delta ? this.#previousFraction : this.#firstFraction);
        this.#previousSeconds = seconds;
        this.#previousFraction = fraction;
        const scale = nano ? 1e9 : 1e6;
        let negative = false;
        if (s < 0 || (s === 0 && f < 0)) {
          negative = true;
          s = -s;
          f = -f;
        }
        if (f < 0) {
          s -= 1;
          f += scale;
        }
        out.byte(negative ? 0x2d : 0x20);
        // tcpdump formats the delta as a time of day: whole days drop out.
        this.#clock(s % 86400, f, digits);
        out.byte(0x20);
        return;
      }
    }
  }

  /** Writes `HH:MM:SS.fraction` for seconds since midnight (hours may pass 23). */
  #clock(seconds: number, fraction: number, digits: number): void {
    const out = this.#out;
    const hours = Math.floor(seconds / 3600);
    const rest = seconds - hours * 3600;
    const minutes = Math.floor(rest / 60);
    out.padded(hours, 2);
    out.byte(0x3a);
    out.padded(minutes, 2);
    out.byte(0x3a);
    out.padded(rest - minutes * 60, 2);
    out.byte(0x2e);
    out.padded(fraction, digits);
  }

  /** The local time zone's offset from UTC in seconds at a time, cached per minute. */
  #offset(seconds: number): number {
    if (this.#utc) return 0;
    const minute = Math.floor(seconds / 60);
    if (minute !== this.#offsetMinute) {
      this.#offsetMinute = minute;
      this.#offsetSeconds = -new Date(seconds * 1000).getTimezoneOffset() * 60;
    }
    return this.#offsetSeconds;
  }

  // ---- link layer -------------------------------------------------------------------

  /** Prints (with `-e`) or skips the link-layer headers; returns the next layer index. */
  #printLink(layers: readonly Layer[], count: number): number {
    const out = this.#out;
    const link = this.#link;
    let i = 0;
    const first = layers[0];
    if (first === undefined) return 0;
    switch (first.kind) {
      case "ethernet": {
        this.#linkEnd = first.offset + first.headerLength;
        if (link) this.#ethernetHeader(first);
        i = 1;
        while (i < count && layers[i]!.kind === "vlan") {
          const vlan = layers[i] as Vlan;
          this.#linkEnd = vlan.offset + vlan.headerLength;
          if (link) this.#vlanHeader(vlan);
          i++;
        }
        return i;
      }
      case "sll":
        this.#linkEnd = first.offset + first.headerLength;
        if (link) this.#sllHeader(first);
        return 1;
      case "sll2":
        this.#linkEnd = first.offset + first.headerLength;
        this.#sll2Header(first);
        return 1;
      case "loopback":
        this.#linkEnd = first.offset + first.headerLength;
        if (link) this.#loopbackHeader(first);
        return 1;
      case "ppp":
        // Link type PPP: the header prints with the payload (tcpdump's ppp_print()).
        this.#linkEnd = first.offset + first.headerLength;
        return 0;
      default:
        if (link && RAW_LINK_TYPES.has(this.#linkType)) {
          out.ascii("ip: ");
        }
        return 0;
    }
  }

  #etherType(type: number): void {
    const out = this.#out;
    out.ascii("ethertype ");
    out.ascii(ETHERTYPE_NAMES.get(type) ?? "Unknown");
    out.ascii(" (0x");
    out.hex(type, 4);
    out.ascii(")");
  }

  #ethernetHeader(ethernet: Ethernet): void {
    const out = this.#out;
    const d = ethernet.data;
    out.mac(d, ethernet.offset + 6);
    out.ascii(" > ");
    out.mac(d, ethernet.offset);
    out.ascii(", ");
    if (ethernet.etherType === undefined) {
      out.ascii("802.3");
    } else {
      this.#etherType(ethernet.etherType);
    }
    out.ascii(", length ");
    out.uint(this.#originalLength);
    out.ascii(": ");
  }

  #vlanHeader(vlan: Vlan): void {
    const out = this.#out;
    out.ascii("vlan ");
    out.uint(vlan.vlanId);
    out.ascii(", p ");
    out.uint(vlan.priority);
    if (vlan.dropEligible) out.ascii(", DEI");
    out.ascii(", ");
    if (vlan.etherType === undefined) out.ascii("802.3");
    else this.#etherType(vlan.etherType);
    out.ascii(", ");
  }

  #sllHeader(sll: LinuxSll): void {
    const out = this.#out;
    const direction = SLL_DIRECTIONS[sll.packetType];
    out.ascii(direction === undefined ? `${sll.packetType}`.padStart(3) : direction.padStart(3));
    out.byte(0x20);
    this.#sllTail(sll.data, sll.offset + 6, sll.addressLength, sll.protocol);
  }

  // The end of both SLL headers: the link-layer address, the protocol and the length.
  #sllTail(data: Uint8Array, address: number, addressLength: number, protocol: number): void {
    const out = this.#out;
    if (addressLength > 0) {
      out.mac(data, address, Math.min(8, addressLength));
      out.byte(0x20);
    }
    this.#etherType(protocol);
    out.ascii(", length ");
    out.uint(this.#originalLength);
    out.ascii(": ");
  }

  #sll2Header(sll: LinuxSll2): void {
    // tcpdump names the interface with if_indextoname() on the reading host; wirekit
    // cannot, and prints "?" as tcpdump does for an index the host does not have.
    const out = this.#out;
    const direction = SLL_DIRECTIONS[sll.packetType] ?? "?";
    out.ascii("?     ");
    out.ascii(direction.padEnd(3));
    out.byte(0x20);
    if (!this.#link) return;
    out.ascii("ifindex ");
    out.uint(sll.interfaceIndex);
    out.byte(0x20);
    this.#sllTail(sll.data, sll.offset + 12, sll.addressLength, sll.protocol);
  }

  #loopbackHeader(loopback: Loopback): void {
    const out = this.#out;
    const family = loopback.family;
    const name = family === 2
      ? "IPv4"
      : family === 24 || family === 28 || family === 30
      ? "IPv6"
      : family === 7
      ? "ISO"
      : family === 23
      ? "IPX"
      : "Unknown";
    out.ascii("AF ");
    out.ascii(name);
    out.ascii(" (");
    out.uint(family);
    out.ascii("), length ");
    out.uint(this.#originalLength);
    out.ascii(": ");
  }

  // ---- network and transport --------------------------------------------------------

  #printLayer(layer: Layer, next: Layer | undefined): void {
    switch (layer.kind) {
      case "ipv4":
        return this.#ipv4(layer, next);
      case "ipv6":
        return this.#ipv6(layer, next);
      case "ipv6-hop-by-hop":
        this.#optionsHeader(layer, "HBH");
        return;
      case "ipv6-destination":
        this.#optionsHeader(layer, "DSTOPT");
        return;
      case "ipv6-routing": {
        const out = this.#out;
        out.ascii("RT6 (len=");
        out.uint(layer.extensionLength);
        out.ascii(", type=");
        out.uint(layer.routingType);
        if (layer.routingType === 0) out.ascii(" [Deprecated]");
        out.ascii(", segleft=");
        out.uint(layer.segmentsLeft);
        if (layer.routingType === 0 || layer.routingType === 2) {
          const addresses = layer.addresses;
          for (let i = 0; i < addresses.length; i++) out.ascii(`, [${i}]${addresses[i]}`);
        }
        out.ascii(") ");
        return;
      }
      case "ipv6-fragment": {
        const out = this.#out;
        this.#fragment = true;
        out.ascii("frag (");
        if (this.#verbose > 0) {
          out.ascii("0x");
          out.hex(layer.identification, 8);
          out.byte(0x3a);
        }
        out.uint(layer.fragmentOffset * 8);
        out.byte(0x7c);
        out.uint(this.#ipEnd - (layer.offset + layer.headerLength));
        out.byte(0x29);
        if (layer.fragmentOffset !== 0) this.#done = true;
        else out.byte(0x20);
        return;
      }
      case "ah": {
        const out = this.#out;
        out.ascii("AH(spi=0x");
        out.hex(layer.spi, 8);
        out.ascii(",seq=0x");
        out.hex(layer.sequenceNumber);
        out.ascii(",icv=0x");
        out.hexBytes(
          layer.data,
          Math.min(layer.offset + 12, layer.offset + layer.headerLength),
          layer.offset + layer.headerLength,
        );
        out.ascii("): ");
        return;
      }
      case "esp": {
        const out = this.#out;
        out.ascii("ESP(spi=0x");
        out.hex(layer.spi, 8);
        out.ascii(",seq=0x");
        out.hex(layer.sequenceNumber);
        out.ascii("), length ");
        out.uint(this.#ipEnd - layer.offset);
        this.#done = true;
        return;
      }
      case "gre":
        return this.#gre(layer, next);
      case "pppoe-discovery":
        return this.#pppoeDiscovery(layer);
      case "pppoe-session":
        return this.#pppoeSession(layer);
      case "ppp":
        return this.#ppp(layer);
      case "ethernet":
        // An Ethernet frame inside a tunnel (GRE's transparent Ethernet bridging).
        if (this.#link) this.#tunneledEthernet(layer);
        return;
      case "tcp":
        return this.#tcp(layer, next);
      case "udp":
        return this.#udp(layer, next);
      case "icmp":
        return this.#icmp(layer);
      case "icmpv6":
        return this.#icmpv6(layer);
      case "arp":
        return this.#arp(layer);
      default:
        return;
    }
  }

  /** GRE as tcpdump's gre_print() writes it: version 0 (RFC 2784, 2890) or 1 (PPTP). */
  #gre(gre: Gre, next: Layer | undefined): void {
    const out = this.#out;
    const verbose = this.#verbose > 0;
    const length = this.#network ? this.#ipEnd - gre.offset : gre.end - gre.offset;
    const word = gre.flagsAndVersion;
    const protocol = gre.protocolType;
    out.ascii(gre.version === 1 ? "GREv1" : "GREv0");
    if (verbose) {
      const names: string[] = [];
      for (const [bit, name] of GRE_FLAG_NAMES) if ((word & bit) !== 0) names.push(name);
      out.ascii(", Flags [");
      out.ascii(names.length === 0 ? "none" : names.join(", "));
      out.byte(0x5d);
    }
    if (gre.version === 0) {
      if (gre.checksum !== undefined) {
        if (verbose) {
          out.ascii(", sum 0x");
          out.hex(gre.checksum);
        }
        out.ascii(", off 0x");
        out.hex(gre.routingOffset ?? 0);
      }
      if (gre.key !== undefined) {
        out.ascii(", key=0x");
        out.hex(gre.key);
      }
      if (gre.sequenceNumber !== undefined) {
        out.ascii(", seq ");
        out.uint(gre.sequenceNumber);
      }
    } else {
      if (gre.callId !== undefined) {
        out.ascii(", call ");
        out.uint(gre.callId);
      }
      if (gre.sequenceNumber !== undefined) {
        out.ascii(", seq ");
        out.uint(gre.sequenceNumber);
      }
      if (gre.acknowledgmentNumber !== undefined) {
        out.ascii(", ack ");
        out.uint(gre.acknowledgmentNumber);
      }
      if (gre.sequenceNumber === undefined) out.ascii(", no-payload");
    }
    if (this.#link) {
      out.ascii(", proto ");
      out.ascii(ETHERTYPE_NAMES.get(protocol) ?? "unknown");
      out.ascii(" (0x");
      out.hex(protocol, 4);
      out.byte(0x29);
    }
    out.ascii(", length ");
    out.uint(length);
    this.#tunnelLength = length - gre.headerLength;
    if (gre.version === 1 && gre.sequenceNumber === undefined) {
      this.#done = true;
      return;
    }
    out.ascii(verbose ? "\n\t" : ": ");
    // tcpdump goes on with the payloads it prints (of those wirekit decodes: IPv4, IPv6
    // and bridged Ethernet in version 0, PPP in version 1); it names the protocol of any
    // other.
    const printed = gre.version === 0
      ? protocol === 0x0800 || protocol === 0x86dd || protocol === 0x6558
      : protocol === 0x880b;
    if (!printed || (next === undefined && this.#error === undefined)) {
      if (protocol !== 0x880b || gre.version !== 1) {
        out.ascii("gre-proto-0x");
        out.hex(protocol);
      }
      this.#done = true;
    }
  }

  /** The PPPoE header as tcpdump's pppoe_print() writes it; returns the payload length. */
  #pppoeHeader(pppoe: PppoeDiscovery | PppoeSession): number {
    const out = this.#out;
    const remaining = this.#originalLength - (pppoe.offset + 6 - this.#start);
    let length = pppoe.length;
    out.ascii("PPPoE ");
    out.ascii(PPPOE_CODE_NAMES.get(pppoe.code) ?? `PAD-${pppoe.code.toString(16)}`);
    if (pppoe.code === 0x09 && length > 1484 - 6) out.ascii(` [len ${length}!]`);
    if (length > remaining) {
      out.ascii(` [len ${length} > ${remaining}!]`);
      length = remaining;
    }
    if (pppoe.version !== 1) out.ascii(` [ver ${pppoe.version}]`);
    if (pppoe.type !== 1) out.ascii(` [type ${pppoe.type}]`);
    if (pppoe.sessionId !== 0) out.ascii(` [ses 0x${pppoe.sessionId.toString(16)}]`);
    return length;
  }

  /** A PPPoE discovery packet and its tags. */
  #pppoeDiscovery(pppoe: PppoeDiscovery): void {
    const out = this.#out;
    this.#done = true;
    const length = this.#pppoeHeader(pppoe);
    if (pppoe.code === 0) {
      out.byte(0x20);
      return;
    }
    const d = pppoe.data;
    const start = pppoe.offset + 6;
    const end = start + length;
    let at = start;
    let type = 0xffff;
    while (type !== 0 && at < end) {
      if (at + 4 > this.#end) {
        out.ascii(" [|pppoe]");
        return;
      }
      type = (d[at]! << 8) | d[at + 1]!;
      const tagLength = (d[at + 2]! << 8) | d[at + 3]!;
      at += 4;
      const name = PPPOE_TAG_NAMES.get(type) ?? `TAG-0x${type.toString(16)}`;
      if (tagLength === 0) out.ascii(` [${name}]`);
      else {
        if (at + tagLength > this.#end) {
          out.ascii(" [|pppoe]");
          return;
        }
        let text = "";
        let printable = 0;
        for (let i = 0; i < tagLength && i < 79; i++) {
          const b = d[at + i]!;
          if (b >= 0x20 && b < 0x7f) {
            text += String.fromCharCode(b);
            printable++;
          } else text += ".";
        }
        if (printable > text.length - printable) out.ascii(` [${name} "${text}"]`);
        else {
          out.ascii(` [${name} 0x`);
          for (let i = 0; i < tagLength; i++) {
            out.ascii(d[at + i]!.toString(16).toUpperCase().padStart(2, "0"));
          }
          out.byte(0x5d);
        }
      }
      at += tagLength;
    }
  }

  /** A PPPoE session header; the PPP frame follows. */
  #pppoeSession(pppoe: PppoeSession): void {
    const length = this.#pppoeHeader(pppoe);
    if (pppoe.code !== 0) {
      this.#done = true;
      return;
    }
    this.#out.byte(0x20);
    this.#tunnelLength = length;
  }

  /** PPP as tcpdump's ppp_print() writes it: the protocol with `-e`, then the payload. */
  #ppp(ppp: Ppp): void {
    const out = this.#out;
    const first = ppp.offset === this.#start;
    const length = first ? this.#originalLength : this.#tunnelLength;
    const protocol = ppp.protocol;
    const name = PPP_PROTOCOL_NAMES.get(protocol);
    if (this.#link) {
      out.ascii(name ?? "unknown");
      out.ascii(" (0x");
      out.hex(protocol, 4);
      out.ascii("), length ");
      out.uint(length);
      if (name === undefined) {
        this.#done = true;
        return;
      }
      out.ascii(": ");
    }
    if (protocol === 0x0021 || protocol === 0x0057) return;
    this.#done = true;
    const d = ppp.data;
    const at = ppp.offset + ppp.headerLength;
    const remaining = length - ppp.headerLength;
    if (CONTROL_PROTOCOLS.has(protocol)) {
      out.ascii(name ?? `unknown ctrl-proto (0x${protocol.toString(16).padStart(4, "0")})`);
      out.ascii(", ");
      if (remaining < 4 || at + 2 > this.#end) {
        out.ascii(" [|ppp]");
        return;
      }
      const code = d[at]!;
      out.ascii(CONTROL_CODE_NAMES[code] ?? "Unknown Opcode");
      out.ascii(" (0x");
      out.hex(code, 2);
      out.ascii("), id ");
      out.uint(d[at + 1]!);
      out.ascii(", length ");
      out.uint(remaining + 2);
      if (this.#verbose > 0) this.#controlPacket(d, at, remaining);
      return;
    }
    if (name !== undefined) out.ascii(`${name} `);
    else out.ascii(`unknown PPP protocol (0x${protocol.toString(16).padStart(4, "0")}) `);
  }

  /**
   * With `-v`, the encoded length of a control protocol packet and, for the codes that
   * carry one, the magic number and trailing data. The options of Conf-Request and the
   * other Conf-* codes are not printed (tcpdump decodes them per protocol).
   */
  #controlPacket(d: Uint8Array, at: number, length: number): void {
    const out = this.#out;
    if (at + 4 > this.#end) return;
    const encoded = (d[at + 2]! << 8) | d[at + 3]!;
    if (encoded < 4) {
      out.ascii(`\n\tencoded length ${encoded} (< 4))`);
      return;
    }
    if (encoded > length) {
      out.ascii(`\n\tencoded length ${encoded} (> packet length ${length}))`);
      return;
    }
    out.ascii(`\n\tencoded length ${encoded} (=Option(s) length ${encoded - 4})`);
    const code = d[at]!;
    // Echo-Request, Echo-Reply and Discard-Request: a magic number, then data.
    if ((code === 9 || code === 10 || code === 11) && encoded >= 8) {
      if (at + 8 > this.#end) return;
      const magic = ((d[at + 4]! << 24) | (d[at + 5]! << 16) | (d[at + 6]! << 8) | d[at + 7]!) >>>
        0;
      out.ascii("\n\t  Magic-Num 0x");
      out.hex(magic, 8);
      if (encoded > 8) {
        out.ascii("\n\t  -----trailing data-----");
        const end = Math.min(at + encoded, this.#end);
        const text = hexdump(d.subarray(at + 8, end), { ascii: false });
        for (const line of text.split("\n")) out.ascii(`\n\t  ${line.slice(1)}`);
      }
    }
  }

  /** The header of an Ethernet frame in a tunnel, with `-e`. */
  #tunneledEthernet(ethernet: Ethernet): void {
    const out = this.#out;
    const d = ethernet.data;
    out.mac(d, ethernet.offset + 6);
    out.ascii(" > ");
    out.mac(d, ethernet.offset);
    out.ascii(", ");
    if (ethernet.etherType === undefined) out.ascii("802.3");
    else this.#etherType(ethernet.etherType);
    out.ascii(", length ");
    out.uint(this.#tunnelLength);
    out.ascii(": ");
  }

  #optionsHeader(layer: Ipv6HopByHop | Layer & { kind: "ipv6-destination" }, name: string): void {
    const out = this.#out;
    out.ascii(name);
    out.byte(0x20);
    if (this.#verbose === 0) return;
    // With -v, tcpdump lists the options: (rtalert: 0x0000) (padn)...
    const d = layer.data;
    const end = layer.offset + layer.headerLength;
    let at = layer.offset + 2;
    while (at < end) {
      const type = d[at]!;
      if (type === 0) {
        out.ascii("(pad1) ");
        at++;
        continue;
      }
      if (at + 1 >= end) break;
      const length = d[at + 1]! + 2;
      if (at + length > end) break;
      switch (type) {
        case 1:
          out.ascii("(padn) ");
          break;
        case 5:
          if (length === 4) {
            out.ascii("(rtalert: 0x");
            out.hex((d[at + 2]! << 8) | d[at + 3]!, 4);
            out.ascii(") ");
          } else out.ascii("(rtalert: invalid len ");
          break;
        case 0xc2:
          out.ascii("(jumbo: ");
          out.uint(
            ((d[at + 2]! << 24) | (d[at + 3]! << 16) | (d[at + 4]! << 8) | d[at + 5]!) >>> 0,
          );
          // tcpdump leaves an extra space after a jumbo payload option.
          out.ascii(")  ");
          break;
        default:
          out.ascii("(type 0x");
          out.hex(type, 2);
          out.ascii(": len=");
          out.uint(length - 2);
          out.ascii(") ");
      }
      at += length;
    }
  }

  #ipv4(ip: Ipv4, next: Layer | undefined): void {
    const out = this.#out;
    const verbose = this.#verbose > 0;
    this.#network = true;
    this.#addressAt = ip.offset + 12;
    this.#ipVersion = 4;
    this.#fragment = ip.fragmentOffset !== 0 || ip.moreFragments;
    const length = ip.totalLength;
    this.#ipEnd = length === 0 ? ip.end : ip.offset + length;
    if (!this.#link) out.ascii("IP ");
    if (length === 0) {
      // tcpdump 4.99 does not guess a TSO length: a total length of 0 is too short.
      out.ascii("bad-len 0");
      this.#done = true;
      return;
    }
    const wire = this.#originalLength - (ip.offset - this.#start);
    if (length > wire) {
      out.ascii("truncated-ip - ");
      out.uint(length - wire);
      out.ascii(" bytes missing! ");
    }
    if (verbose) {
      out.ascii("(tos 0x");
      out.hex(ip.tos);
      const ecn = ip.ecn;
      if (ecn !== 0) out.ascii(ecn === 1 ? ",ECT(1)" : ecn === 2 ? ",ECT(0)" : ",CE");
      if (ip.timeToLive > 0) {
        out.ascii(", ttl ");
        out.uint(ip.timeToLive);
      }
      out.ascii(", id ");
      out.uint(ip.identification);
      out.ascii(", offset ");
      out.uint(ip.fragmentOffset * 8);
      out.ascii(", flags [");
      const flags: string[] = [];
      if (ip.moreFragments) flags.push("+");
      if (ip.dontFragment) flags.push("DF");
      if (ip.reservedFlag) flags.push("rsvd");
      out.ascii(flags.length === 0 ? "none" : flags.join(", "));
      out.ascii("], proto ");
      out.ascii(IP_PROTOCOL_NAMES.get(ip.protocol) ?? "unknown");
      out.ascii(" (");
      out.uint(ip.protocol);
      out.ascii("), length ");
      out.uint(length);
      if (ip.headerLength > 20) this.#ipv4Options(ip);
      const sum = foldChecksum(sumWords(ip.data, ip.offset, ip.offset + ip.headerLength, 0));
      if (sum !== 0) {
        out.ascii(", bad cksum ");
        out.hex(ip.headerChecksum);
        out.ascii(" (->");
        out.hex(expectedChecksum(ip.headerChecksum, sum));
        out.ascii(")!");
      }
      out.ascii(")\n    ");
    }
    if (ip.fragmentOffset !== 0) {
      out.ipv4(ip.data, ip.offset + 12);
      out.ascii(" > ");
      out.ipv4(ip.data, ip.offset + 16);
      out.ascii(": ");
      this.#protocolFallback(ip.protocol, -1);
      this.#done = true;
      return;
    }
    this.#pending = ip.protocol === 6 || ip.protocol === 17;
    if (!this.#pending) {
      out.ipv4(ip.data, ip.offset + 12);
      out.ascii(" > ");
      out.ipv4(ip.data, ip.offset + 16);
      out.ascii(": ");
    }
    if (next === undefined && ip.protocol === 2) {
      this.#igmp(ip.offset + ip.headerLength, Math.min(this.#ipEnd, ip.end));
      this.#done = true;
    } else if (next === undefined && !this.#pending && !knownIpProtocol(ip.protocol)) {
      this.#protocolFallback(ip.protocol, this.#ipEnd - (ip.offset + ip.headerLength));
      this.#done = true;
    }
  }

  /** IGMP (RFC 1112, 2236, 3376), which wirekit does not decode into a layer. */
  #igmp(at: number, end: number): void {
    const out = this.#out;
    const d = this.#data;
    if (end - at < 8) {
      out.ascii(" [|igmp]");
      return;
    }
    const type = d[at]!;
    const code = d[at + 1]!;
    const group = at + 4;
    const groupSet = d[group] !== 0 || d[group + 1] !== 0 || d[group + 2] !== 0 ||
      d[group + 3] !== 0;
    const length = this.#ipEnd - at;
    switch (type) {
      case 0x11: {
        if (length >= 12) {
          out.ascii("igmp query v3");
          const mrt = code < 128 ? code : ((code & 0x0f) | 0x10) << (((code >> 4) & 7) + 3);
          if (mrt !== 100) {
            out.ascii(" [max resp time ");
            if (mrt < 600) out.ascii(`${(mrt / 10).toFixed(1)}s`);
            else out.ascii(relativeTime(Math.floor(mrt / 10)));
            out.byte(0x5d);
          }
          if (end - at >= 12) {
            const sources = (d[at + 10]! << 8) | d[at + 11]!;
            if (groupSet) {
              out.ascii(" [gaddr ");
              out.ipv4(d, group);
            }
            if (sources > 0) out.ascii(` [${sources} source(s)]`);
            if (groupSet) out.byte(0x5d);
          }
        } else if (code === 0) {
          out.ascii("igmp query v1");
          if (groupSet) {
            out.ascii(" [gaddr ");
            out.ipv4(d, group);
            out.byte(0x5d);
          }
        } else {
          out.ascii("igmp query v2");
          if (code !== 100) out.ascii(` [max resp time ${code}]`);
          if (groupSet) {
            out.ascii(" [gaddr ");
            out.ipv4(d, group);
            out.byte(0x5d);
          }
        }
        break;
      }
      case 0x12:
      case 0x16:
        out.ascii(type === 0x12 ? "igmp v1 report " : "igmp v2 report ");
        out.ipv4(d, group);
        break;
      case 0x17:
        out.ascii("igmp leave ");
        out.ipv4(d, group);
        break;
      case 0x22: {
        const records = (d[at + 6]! << 8) | d[at + 7]!;
        out.ascii(`igmp v3 report, ${records} group record(s)`);
        if (this.#verbose === 0) break;
        let p = at + 8;
        for (let i = 0; i < records; i++) {
          if (p + 8 > end) {
            out.ascii(" [|igmp]");
            return;
          }
          const sources = (d[p + 2]! << 8) | d[p + 3]!;
          out.ascii(" [gaddr ");
          out.ipv4(d, p + 4);
          out.byte(0x20);
          out.ascii(MLD_RECORD_TYPES[d[p]!] ?? `[invalid type ${d[p]}]`);
          out.ascii(`, ${sources} source(s)]`);
          p += 8 + 4 * sources + 4 * d[p + 1]!;
        }
        break;
      }
      default:
        out.ascii(`igmp-${type}`);
    }
    if (this.#verbose > 0 && !this.#fragment && this.#ipEnd <= this.#end) {
      const sum = foldChecksum(sumWords(d, at, this.#ipEnd, 0));
      if (sum !== 0) {
        out.ascii(" bad igmp cksum ");
        out.hex(expectedChecksum((d[at + 2]! << 8) | d[at + 3]!, sum));
        out.byte(0x21);
      }
    }
  }

  /** What tcpdump prints for an IP protocol it does not decode. */
  #protocolFallback(protocol: number, length: number): void {
    const out = this.#out;
    if (length < 0) {
      out.ascii("ip-proto-");
      out.uint(protocol);
      return;
    }
    out.ascii(" ip-proto-");
    out.uint(protocol);
    out.byte(0x20);
    out.uint(length);
  }

  #ipv4Options(ip: Ipv4): void {
    const out = this.#out;
    out.ascii(", options (");
    const d = ip.data;
    const end = ip.offset + ip.headerLength;
    let at = ip.offset + 20;
    let first = true;
    while (at < end) {
      if (!first) out.byte(0x2c);
      first = false;
      const type = d[at]!;
      out.ascii(IP_OPTION_NAMES.get(type) ?? `unknown ${type}`);
      if (type === 0 || type === 1) {
        at++;
        continue;
      }
      const length = at + 1 < end ? d[at + 1]! : 0;
      if (length < 2 || at + length > end) {
        out.ascii(` [bad length ${length}]`);
        break;
      }
      if (type === 148) {
        if (length !== 4) out.ascii(` [bad length ${length}]`);
        else {
          const value = (d[at + 2]! << 8) | d[at + 3]!;
          if (value !== 0) out.ascii(` value ${value}`);
        }
      }
      at += length;
    }
    out.byte(0x29);
  }

  #ipv6(ip: Ipv6, next: Layer | undefined): void {
    const out = this.#out;
    this.#network = true;
    this.#addressAt = ip.offset + 8;
    this.#ipVersion = 6;
    this.#fragment = false;
    this.#ipEnd = ip.payloadLength === 0 ? ip.end : ip.offset + 40 + ip.payloadLength;
    if (!this.#link) out.ascii("IP6 ");
    if (this.#verbose > 0) {
      out.byte(0x28);
      if (ip.trafficClass !== 0) {
        out.ascii("class 0x");
        out.hex(ip.trafficClass);
        out.ascii(", ");
      }
      if (ip.flowLabel !== 0) {
        out.ascii("flowlabel 0x");
        out.hex(ip.flowLabel, 5);
        out.ascii(", ");
      }
      out.ascii("hlim ");
      out.uint(ip.hopLimit);
      out.ascii(", next-header ");
      out.ascii(IP_PROTOCOL_NAMES.get(ip.nextHeader) ?? "unknown");
      out.ascii(" (");
      out.uint(ip.nextHeader);
      out.ascii(") payload length: ");
      out.uint(ip.payloadLength);
      out.ascii(") ");
    }
    this.#pending = ip.nextHeader === 6 || ip.nextHeader === 17;
    if (!this.#pending) {
      out.ascii(formatIpv6(ip.data, ip.offset + 8));
      out.ascii(" > ");
      out.ascii(formatIpv6(ip.data, ip.offset + 24));
      out.ascii(": ");
    }
    if (next === undefined && !this.#pending && !knownIpProtocol(ip.nextHeader)) {
      this.#protocolFallback(ip.nextHeader, this.#ipEnd - (ip.offset + 40));
      this.#done = true;
    }
  }

  #addresses(): void {
    const out = this.#out;
    const d = this.#data;
    if (this.#ipVersion === 4) {
      out.ipv4(d, this.#addressAt);
      out.ascii(" > ");
      out.ipv4(d, this.#addressAt + 4);
    } else {
      out.ascii(formatIpv6(d, this.#addressAt));
      out.ascii(" > ");
      out.ascii(formatIpv6(d, this.#addressAt + 16));
    }
  }

  #ports(sourcePort: number, destinationPort: number): void {
    const out = this.#out;
    const d = this.#data;
    if (!this.#pending) {
      out.uint(sourcePort);
      out.ascii(" > ");
      out.uint(destinationPort);
      out.ascii(": ");
      return;
    }
    this.#pending = false;
    if (this.#ipVersion === 4) {
      out.ipv4(d, this.#addressAt);
      out.byte(0x2e);
      out.uint(sourcePort);
      out.ascii(" > ");
      out.ipv4(d, this.#addressAt + 4);
    } else {
      out.ascii(formatIpv6(d, this.#addressAt));
      out.byte(0x2e);
      out.uint(sourcePort);
      out.ascii(" > ");
      out.ascii(formatIpv6(d, this.#addressAt + 16));
    }
    out.byte(0x2e);
    out.uint(destinationPort);
    out.ascii(": ");
  }

  /** The transport checksum over the pseudo-header, or -1 when not all was captured. */
  #transportSum(offset: number, protocol: number): number {
    const end = this.#ipEnd;
    if (this.#fragment || end > this.#end || end < offset) return -1;
    const d = this.#data;
    const length = end - offset;
    let sum = protocol + length;
    const at = this.#addressAt;
    const words = this.#ipVersion === 4 ? 4 : 16;
    for (let i = 0; i < words; i++) sum += (d[at + 2 * i]! << 8) | d[at + 2 * i + 1]!;
    return foldChecksum(sumWords(d, offset, end, sum));
  }

  /** The text of an application layer that follows TCP or UDP, if wirekit prints it. */
  #application(next: Layer | undefined): string | undefined {
    if (next === undefined) return undefined;
    const options = { verbose: this.#verbose };
    switch (next.kind) {
      case "dns":
        return printDns(next, options);
      case "dhcp":
        return printDhcp(next, options);
      case "ntp":
        return printNtp(next, options);
      default:
        return undefined;
    }
  }

  /**
   * When a DNS, DHCP or NTP message after UDP was cut short by the snapshot length, its
   * decoder fails; tcpdump prints what was captured and `[|domain]`... The app printers
   * read only the bytes and lengths, so they get a stand-in layer over those bytes.
   */
  #cutApplication(udp: Udp): Layer | undefined {
    const error = this.#error;
    const start = udp.offset + 8;
    if (error === undefined || error.offset !== start || error.code !== "truncated") {
      return undefined;
    }
    const kind = error.layer;
    if (kind !== "dns" && kind !== "dhcp" && kind !== "ntp") return undefined;
    const sport = udp.sourcePort;
    const dport = udp.destinationPort;
    const standIn = {
      kind,
      data: udp.data,
      offset: start,
      headerLength: 0,
      end: udp.end,
      wireLength: (udp.length === 0 ? this.#ipEnd - udp.offset : udp.length) - 8,
      transport: "udp",
      multicast: (sport === 5353 || dport === 5353) && sport !== 53 && dport !== 53,
    };
    this.#error = undefined;
    return standIn as unknown as Layer;
  }

  #tcp(tcp: Tcp, next: Layer | undefined): void {
    const out = this.#out;
    this.#done = true;
    const d = tcp.data;
    this.#ports(tcp.sourcePort, tcp.destinationPort);
    const headerEnd = tcp.offset + tcp.headerLength;
    const length = this.#network ? Math.max(0, this.#ipEnd - headerEnd) : tcp.end - headerEnd;
    if (this.#quiet) {
      out.ascii("tcp ");
      out.uint(length);
      return;
    }
    const flags = tcp.flags;
    out.ascii("Flags [");
    if ((flags & 0xff) === 0) out.ascii("none");
    else {
      for (let bit = 0; bit < 8; bit++) {
        if ((flags & (1 << bit)) !== 0) out.byte(FLAG_LETTERS.charCodeAt(bit));
      }
    }
    out.byte(0x5d);
    if (this.#verbose > 0 && !this.#fragment) {
      const sum = this.#transportSum(tcp.offset, 6);
      if (sum >= 0) {
        out.ascii(", cksum 0x");
        out.hex(tcp.checksum, 4);
        if (sum === 0) out.ascii(" (correct)");
        else {
          out.ascii(" (incorrect -> 0x");
          out.hex(expectedChecksum(tcp.checksum, sum), 4);
          out.byte(0x29);
        }
      }
    }
    let seq = tcp.sequenceNumber;
    let ack = tcp.acknowledgmentNumber;
    let sackBase = -1;
    if (!this.#absolute && (flags & 0x10) !== 0 && this.#network) {
      const key = this.#connectionKey(tcp);
      const reverse = this.#reverse;
      const state = this.#connections.get(key);
      if (state === undefined || (flags & 0x02) !== 0) {
        const fresh = state ?? { forward: 0, reverse: 0 };
        if (reverse) {
          fresh.reverse = seq;
          fresh.forward = (ack - 1) >>> 0;
        } else {
          fresh.forward = seq;
          fresh.reverse = (ack - 1) >>> 0;
        }
        if (state === undefined) this.#connections.set(key, fresh);
        sackBase = reverse ? fresh.forward : fresh.reverse;
      } else {
        const own = reverse ? state.reverse : state.forward;
        const peer = reverse ? state.forward : state.reverse;
        seq = (seq - own) >>> 0;
        ack = (ack - peer) >>> 0;
        sackBase = peer;
      }
    }
    if (length > 0 || (flags & 0x07) !== 0) {
      out.ascii(", seq ");
      out.uint(seq);
      if (length > 0) {
        out.byte(0x3a);
        out.uint((seq + length) >>> 0);
      }
    }
    if ((flags & 0x10) !== 0) {
      out.ascii(", ack ");
      out.uint(ack);
    }
    out.ascii(", win ");
    out.uint(tcp.window);
    if ((flags & 0x20) !== 0) {
      out.ascii(", urg ");
      out.uint(tcp.urgentPointer);
    }
    if (tcp.headerLength > 20) this.#tcpOptions(d, tcp.offset + 20, headerEnd, sackBase);
    out.ascii(", length ");
    out.uint(length);
    const text = this.#application(next);
    if (text !== undefined) {
      out.ascii(text);
    } else if (
      length > 0 && (flags & 0x04) === 0 &&
      (tcp.sourcePort === 80 || tcp.destinationPort === 80 || tcp.sourcePort === 8080 ||
        tcp.destinationPort === 8080)
    ) {
      this.#http(headerEnd, Math.min(tcp.end, headerEnd + length), length);
    }
  }

  /** HTTP as tcpdump prints a text protocol: its name, and a request or status line. */
  #http(start: number, end: number, length: number): void {
    const out = this.#out;
    const d = this.#data;
    out.ascii(": HTTP");
    const first = token(d, start, end);
    let known = first !== undefined && HTTP_METHODS.has(first.text.toUpperCase());
    if (first !== undefined) {
      const second = token(d, first.next, end);
      if (second !== undefined && /^[0-9]{3}$/.test(second.text)) known = true;
    }
    if (!known) return;
    if (this.#verbose > 0) {
      // With -v tcpdump prints every line of the payload; wirekit prints the length only.
      out.ascii(`, length: ${length}`);
      return;
    }
    for (let i = start; i < end; i++) {
      const c = d[i]!;
      if (c === 0x0a || (c === 0x0d && i + 1 < end && d[i + 1] === 0x0a)) {
        out.ascii(": ");
        out.ascii(String.fromCharCode(...d.subarray(start, i)));
        return;
      }
      if ((c < 0x20 || c > 0x7e) && c !== 0x09) return;
    }
    out.ascii(": ");
    out.ascii(String.fromCharCode(...d.subarray(start, end)));
    out.ascii(" [|http]");
  }

  /**
   * The connection key, the same both ways: the addresses and ports in tcpdump's order.
   * Sets `#reverse` when the packet goes the other way.
   */
  #connectionKey(tcp: Tcp): string {
    const d = this.#data;
    const at = this.#addressAt;
    const size = this.#ipVersion === 4 ? 4 : 16;
    let reverse = tcp.sourcePort > tcp.destinationPort;
    if (tcp.sourcePort === tcp.destinationPort) {
      for (let i = 0; i < size; i++) {
        const a = d[at + i]!;
        const b = d[at + size + i]!;
        if (a !== b) {
          reverse = a > b;
          break;
        }
      }
    }
    this.#reverse = reverse;
    let key = size === 4 ? "4" : "6";
    const first = reverse ? at + size : at;
    const second = reverse ? at : at + size;
    for (let i = 0; i < size; i++) key += String.fromCharCode(d[first + i]!);
    for (let i = 0; i < size; i++) key += String.fromCharCode(d[second + i]!);
    const low = reverse ? tcp.destinationPort : tcp.sourcePort;
    const high = reverse ? tcp.sourcePort : tcp.destinationPort;
    return key + String.fromCharCode(low, high);
  }

  #tcpOptions(d: Uint8Array, start: number, end: number, sackBase: number): void {
    const out = this.#out;
    out.ascii(", options [");
    let at = start;
    let first = true;
    while (at < end) {
      const kind = d[at]!;
      if (!first) out.byte(0x2c);
      first = false;
      if (kind === 0) {
        out.ascii("eol");
        break;
      }
      if (kind === 1) {
        out.ascii("nop");
        at++;
        continue;
      }
      const length = at + 1 < end ? d[at + 1]! : 0;
      if (length < 2 || at + length > end) {
        out.ascii("[bad opt]");
        out.byte(0x5d);
        return;
      }
      const u32 = (p: number) =>
        ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
      switch (kind) {
        case 2:
          out.ascii("mss");
          if (length === 4) {
            out.byte(0x20);
            out.uint((d[at + 2]! << 8) | d[at + 3]!);
          } else out.ascii(` [bad opt]`);
          break;
        case 3:
          out.ascii("wscale");
          if (length === 3) {
            out.byte(0x20);
            out.uint(d[at + 2]!);
          } else out.ascii(` [bad opt]`);
          break;
        case 4:
          out.ascii("sackOK");
          break;
        case 5: {
          out.ascii("sack");
          const blocks = (length - 2) / 8;
          if (length % 8 !== 2) {
            out.ascii(" [bad opt]");
            break;
          }
          out.byte(0x20);
          out.uint(blocks);
          out.byte(0x20);
          for (let p = at + 2; p < at + length; p += 8) {
            let left = u32(p);
            let right = u32(p + 4);
            if (sackBase >= 0) {
              left = (left - sackBase) >>> 0;
              right = (right - sackBase) >>> 0;
            }
            out.byte(0x7b);
            out.uint(left);
            out.byte(0x3a);
            out.uint(right);
            out.byte(0x7d);
          }
          break;
        }
        case 8:
          out.ascii("TS");
          if (length === 10) {
            out.ascii(" val ");
            out.uint(u32(at + 2));
            out.ascii(" ecr ");
            out.uint(u32(at + 6));
          } else out.ascii(" [bad opt]");
          break;
        case 19:
          out.ascii("md5");
          if (length === 18) {
            if (this.#verbose > 0) {
              out.ascii(" shared secret not supplied with -M, can't check - ");
              out.hexBytes(d, at + 2, at + 18);
            }
          } else out.ascii(" [bad opt]");
          break;
        case 28:
          out.ascii("uto");
          if (length === 4) {
            // tcpdump reads the granularity from the low bit: " 0x<raw> <seconds>".
            const value = (d[at + 2]! << 8) | d[at + 3]!;
            out.ascii(" 0x");
            out.hex(value);
            out.byte(0x20);
            out.uint((value & 1) !== 0 ? (value >> 1) * 60 : value >> 1);
          } else out.ascii(" [bad opt]");
          break;
        case 34:
          out.ascii("tfo");
          if (length === 2) out.ascii("  cookiereq");
          else if (length >= 6 && length <= 18 && length % 2 === 0) {
            out.ascii("  cookie ");
            out.hexBytes(d, at + 2, at + length);
          } else out.ascii(" [bad opt]");
          break;
        case 30:
          out.ascii("mptcp");
          if (length > 2) {
            out.ascii(" 0x");
            out.hexBytes(d, at + 2, at + length);
          }
          break;
        default:
          out.ascii("unknown-");
          out.uint(kind);
          if (length > 2) {
            out.ascii(" 0x");
            out.hexBytes(d, at + 2, at + length);
          }
      }
      at += length;
    }
    out.byte(0x5d);
  }

  #udp(udp: Udp, next: Layer | undefined): void {
    const out = this.#out;
    this.#done = true;
    this.#ports(udp.sourcePort, udp.destinationPort);
    const available = this.#network ? this.#ipEnd - udp.offset : udp.end - udp.offset;
    const length = udp.length === 0 ? available : udp.length;
    // tcpdump checks IPv4 UDP checksums from -vv on, IPv6 ones (mandatory) from -v.
    const check = this.#ipVersion === 4 ? this.#verbose > 1 : this.#verbose > 0;
    if (check && this.#network && !this.#fragment && this.#ipVersion === 4 && udp.checksum === 0) {
      out.ascii("[no cksum] ");
    } else if (check && this.#network && !this.#fragment && length <= available) {
      const sum = this.#transportSum(udp.offset, 17);
      if (sum === 0) out.ascii("[udp sum ok] ");
      else if (sum > 0) {
        out.ascii("[bad udp cksum 0x");
        out.hex(udp.checksum, 4);
        out.ascii(" -> 0x");
        out.hex(expectedChecksum(udp.checksum, sum), 4);
        out.ascii("!] ");
      }
    }
    if (this.#quiet) {
      out.ascii("UDP, length ");
      out.uint(Math.max(0, length - 8));
      return;
    }
    if (
      next === undefined && (udp.sourcePort === 53 || udp.destinationPort === 53) &&
      length - 8 < 12 && length <= available
    ) {
      out.ascii(`domain [length ${length - 8} < 12] (invalid)`);
      return;
    }
    const text = this.#application(next ?? this.#cutApplication(udp));
    if (text !== undefined) {
      out.ascii(text);
      return;
    }
    if (length > available && !this.#fragment) {
      out.ascii("UDP, bad length ");
      out.uint(length - 8);
      out.ascii(" > ");
      out.uint(available - 8);
      return;
    }
    out.ascii("UDP, length ");
    out.uint(length - 8);
  }

  #icmp(icmp: Icmp): void {
    const out = this.#out;
    this.#done = true;
    const length = this.#network ? this.#ipEnd - icmp.offset : icmp.end - icmp.offset;
    out.ascii("ICMP ");
    out.ascii(icmpText(icmp));
    out.ascii(", length ");
    out.uint(length);

    if (this.#verbose > 0 && !this.#fragment && this.#ipEnd <= this.#end) {
      const sum = foldChecksum(sumWords(icmp.data, icmp.offset, this.#ipEnd, 0));
      if (sum !== 0) {
        out.ascii(" (wrong icmp cksum ");
        out.hex(icmp.checksum);
        out.ascii(" (->");
        out.hex(expectedChecksum(icmp.checksum, sum));
        out.ascii(")!)");
      }
    }
    const type = icmp.type;
    if (
      this.#verbose > 0 && (type === 3 || type === 4 || type === 5 || type === 11 || type === 12)
    ) {
      this.#quoted(icmp);
    }
  }

  /** With -v, tcpdump prints the IP datagram that an ICMP error quotes. */
  #quoted(icmp: Icmp): void {
    const out = this.#out;
    const data = this.#data;
    const start = this.#start;
    const end = this.#end;
    const linkEnd = this.#linkEnd;
    const originalLength = this.#originalLength;
    const ipEnd = this.#ipEnd;
    const inner = decode(LINKTYPE_IPV4, icmp.data.subarray(icmp.offset + 8, icmp.end));
    out.ascii("\n\t");
    this.#data = inner.data;
    this.#start = 0;
    this.#end = inner.data.length;
    this.#linkEnd = -1;
    this.#originalLength = Infinity;
    this.#done = false;
    const layers = inner.layers;
    for (let i = 0; i < layers.length && !this.#done; i++) {
      this.#printLayer(layers[i]!, layers[i + 1]);
    }
    if (!this.#done && inner.error !== undefined) this.#printError(inner.error);
    this.#done = true;
    this.#data = data;
    this.#start = start;
    this.#end = end;
    this.#linkEnd = linkEnd;
    this.#originalLength = originalLength;
    this.#ipEnd = ipEnd;
  }

  #icmpv6(icmp: Icmpv6): void {
    const out = this.#out;
    this.#done = true;
    const length = this.#network ? this.#ipEnd - icmp.offset : icmp.end - icmp.offset;
    const verbose = this.#verbose > 0;
    if (verbose && !this.#fragment) {
      const sum = this.#transportSum(icmp.offset, 58);
      if (sum === 0) out.ascii("[icmp6 sum ok] ");
      else if (sum > 0) {
        out.ascii("[bad icmp6 cksum 0x");
        out.hex(icmp.checksum, 4);
        out.ascii(" -> 0x");
        out.hex(expectedChecksum(icmp.checksum, sum), 4);
        out.ascii("!] ");
      }
    }
    out.ascii("ICMP6, ");
    const name = ICMPV6_NAMES.get(icmp.type);
    out.ascii(name ?? `unknown icmp6 type (${icmp.type})`);
    const type = icmp.type;
    if (verbose && type >= 133 && type <= 137) {
      out.ascii(", length ");
      out.uint(length);
      this.#ndpVerbose(icmp);
      return;
    }
    out.ascii(icmpv6Detail(icmp, verbose));
    if (!verbose) {
      out.ascii(", length ");
      out.uint(length);
    }
  }

  #ndpVerbose(icmp: Icmpv6): void {
    const out = this.#out;
    const d = icmp.data;
    const o = icmp.offset;
    let options = o + 8;
    switch (icmp.type) {
      case 133:
        break;
      case 134: {
        if (o + 16 > icmp.end) return;
        const flags = d[o + 5]!;
        out.ascii("\n\thop limit ");
        out.uint(d[o + 4]!);
        out.ascii(", Flags [");
        const names: string[] = [];
        if (flags & 0x80) names.push("managed");
        if (flags & 0x40) names.push("other stateful");
        if (flags & 0x20) names.push("home agent");
        if (flags & 0x04) names.push("proxy");
        out.ascii(names.length === 0 ? "none" : names.join(", "));
        out.ascii("], pref ");
        out.ascii(["medium", "high", "reserved", "low"][(flags >> 3) & 3]!);
        out.ascii(", router lifetime ");
        out.uint((d[o + 6]! << 8) | d[o + 7]!);
        out.ascii("s, reachable time ");
        out.uint(u32(d, o + 8));
        out.ascii("ms, retrans timer ");
        out.uint(u32(d, o + 12));
        out.ascii("ms");
        options = o + 16;
        break;
      }
      case 135:
        if (o + 24 > icmp.end) return;
        out.ascii(", who has ");
        out.ascii(formatIpv6(d, o + 8));
        options = o + 24;
        break;
      case 136: {
        if (o + 24 > icmp.end) return;
        out.ascii(", tgt is ");
        out.ascii(formatIpv6(d, o + 8));
        const flags = d[o + 4]!;
        const names: string[] = [];
        if (flags & 0x80) names.push("router");
        if (flags & 0x40) names.push("solicited");
        if (flags & 0x20) names.push("override");
        out.ascii(", Flags [");
        out.ascii(names.length === 0 ? "none" : names.join(", "));
        out.byte(0x5d);
        options = o + 24;
        break;
      }
      case 137:
        if (o + 40 > icmp.end) return;
        out.ascii(", ");
        out.ascii(formatIpv6(d, o + 24));
        out.ascii(" to ");
        out.ascii(formatIpv6(d, o + 8));
        options = o + 40;
        break;
    }
    const end = Math.min(icmp.end, this.#ipEnd);
    let at = options;
    while (at < end) {
      if (at + 2 > end) {
        out.ascii(" [|icmp6]");
        return;
      }
      const type = d[at]!;
      const units = d[at + 1]!;
      const length = units * 8;
      if (length === 0) {
        out.ascii("\n\t  ");
        out.ascii(NDP_OPTION_NAMES.get(type) ?? "unknown option");
        out.ascii(` option (${type}), length 0 (0)`);
        return;
      }
      out.ascii("\n\t  ");
      out.ascii(NDP_OPTION_NAMES.get(type) ?? "unknown option");
      out.ascii(` option (${type}), length ${length} (${units}): `);
      if (at + length > end) {
        out.ascii("[|icmp6]");
        return;
      }
      switch (type) {
        case 1:
        case 2:
          out.mac(d, at + 2, length - 2 - trailingZeros(d, at + 2, at + length, 6));
          break;
        case 3:
          if (length === 32) {
            out.ascii(formatIpv6(d, at + 16));
            out.byte(0x2f);
            out.uint(d[at + 2]!);
            const flags = d[at + 3]!;
            const names: string[] = [];
            if (flags & 0x80) names.push("onlink");
            if (flags & 0x40) names.push("auto");
            if (flags & 0x20) names.push("router");
            out.ascii(", Flags [");
            out.ascii(names.length === 0 ? "none" : names.join(", "));
            out.ascii("], valid time ");
            lifetime(out, u32(d, at + 4));
            out.ascii(", pref. time ");
            lifetime(out, u32(d, at + 8));
          }
          break;
        case 5:
          out.byte(0x20);
          out.uint(u32(d, at + 4));
          break;
        case 25: {
          out.ascii("lifetime ");
          lifetime(out, u32(d, at + 4));
          out.ascii(", addr: ");
          for (let p = at + 8, n = 0; p + 16 <= at + length; p += 16, n++) {
            if (n > 0) out.ascii(", ");
            out.ascii(formatIpv6(d, p));
          }
          break;
        }
        default:
          out.ascii("\n\t    0x0000:  ");
          for (let p = at + 2; p < at + length; p++) {
            out.hex(d[p]!, 2);
            if ((p - at) % 2 === 1 && p + 1 < at + length) out.byte(0x20);
          }
      }
      at += length;
    }
  }

  #arp(arp: Arp): void {
    const out = this.#out;
    this.#done = true;
    this.#network = true;
    const d = arp.data;
    const o = arp.offset;
    const length = this.#originalLength - (arp.offset - this.#start);
    const hln = arp.hardwareAddressLength;
    const pln = arp.protocolAddressLength;
    const pro = arp.protocolType;
    const verbose = this.#verbose > 0;
    if (!this.#link) out.ascii("ARP, ");
    const ipv4 = (pro === 0x0800 || pro === 0x1000) && pln === 4;
    if (!ipv4 || hln === 0 || verbose) {
      const hrd = arp.hardwareType;
      out.ascii(ARPHRD_NAMES.get(hrd) ?? `Unknown Hardware (${hrd})`);
      out.ascii(` (len ${hln}), `);
      out.ascii(
        pro === 0x0800
          ? "IPv4"
          : ETHERTYPE_NAMES.get(pro) ?? `Unknown Protocol (0x${pro.toString(16).padStart(4, "0")})`,
      );
      out.ascii(` (len ${pln})`);
      if (!verbose) {
        out.ascii(", length ");
        out.uint(length);
        return;
      }
      out.ascii(", ");
    }
    const sha = o + 8;
    const spa = sha + hln;
    const tha = spa + pln;
    const tpa = tha + hln;
    const hardware = (at: number) => {
      if (hln === 0) out.ascii("<empty>");
      else out.mac(d, at, hln);
    };
    const protocol = (at: number) => {
      if (!ipv4) out.ascii("<wrong proto type>");
      else out.ipv4(d, at);
    };
    switch (arp.operation) {
      case 1: {
        out.ascii("Request who-has ");
        protocol(tpa);
        let zero = true;
        for (let i = 0; i < hln; i++) if (d[tha + i] !== 0) zero = false;
        if (!zero) {
          out.ascii(" (");
          hardware(tha);
          out.byte(0x29);
        }
        out.ascii(" tell ");
        protocol(spa);
        break;
      }
      case 2:
        out.ascii("Reply ");
        protocol(spa);
        out.ascii(" is-at ");
        hardware(sha);
        break;
      case 3:
        out.ascii("Reverse Request who-is ");
        hardware(tha);
        out.ascii(" tell ");
        hardware(sha);
        break;
      case 4:
        out.ascii("Reverse Reply ");
        hardware(tha);
        out.ascii(" at ");
        protocol(tpa);
        break;
      case 8:
        out.ascii("Inverse Request who-is ");
        protocol(tpa);
        out.ascii(" tell ");
        protocol(spa);
        break;
      case 9:
        out.ascii("Inverse Reply ");
        hardware(sha);
        out.ascii(" at ");
        protocol(spa);
        break;
      default: {
        // tcpdump names the operation, then dumps the ARP bytes in hex.
        out.ascii(`Unknown (${arp.operation}) `);
        if (this.#hex === 0) {
          const text = hexdump(d.subarray(o, arp.end), { ascii: true });
          if (text !== "") {
            out.byte(0x0a);
            out.ascii(text);
          }
        }
        return;
      }
    }
    out.ascii(", length ");
    out.uint(length);
  }

  // ---- what did not decode ----------------------------------------------------------

  #printError(error: DecodeError): void {
    const out = this.#out;
    const name = TRUNCATED_NAMES.get(error.layer) ?? error.layer;
    if (error.code === "malformed") {
      this.#printMalformed(error, name);
      return;
    }
    if (error.layer === "ipv4") {
      if (!this.#link) out.ascii("IP ");
    } else if (error.layer === "ipv6") {
      // tcpdump prints " [|ip6]" without the "IP6 " of a complete header.
    } else if (
      error.layer === "tcp" && this.#network && this.#end - error.offset >= 20 &&
      this.#ipEnd - error.offset < error.required
    ) {
      // The header is longer than the IP payload: tcpdump prints the flags, then says so.
      const d = this.#data;
      const at = error.offset;
      this.#ports((d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
      out.ascii("Flags [");
      const flags = d[at + 13]!;
      if (flags === 0) out.ascii("none");
      for (let bit = 0; bit < 8; bit++) {
        if ((flags & (1 << bit)) !== 0) out.byte(FLAG_LETTERS.charCodeAt(bit));
      }
      out.ascii(`] [bad hdr length ${error.required} - too long, > ${this.#ipEnd - at}]`);
      return;
    } else if (
      (error.layer === "tcp" || error.layer === "udp") && this.#pending &&
      this.#end - error.offset >= 4
    ) {
      const d = this.#data;
      const at = error.offset;
      this.#ports((d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
    } else if (this.#pending) {
      this.#addresses();
      out.ascii(": ");
    }
    out.ascii(" [|");
    out.ascii(name);
    out.byte(0x5d);
  }

  #printMalformed(error: DecodeError, name: string): void {
    const out = this.#out;
    const d = this.#data;
    const at = error.offset;
    const ipPrefix = !this.#link;
    switch (error.layer) {
      case "ipv4": {
        const version = d[at]! >> 4;
        if (version !== 4) {
          if (version === 6) out.ascii("IP6, wrong link-layer encapsulation (invalid)");
          else out.ascii(`IP${version} [|ip]`);
          return;
        }
        if (ipPrefix) out.ascii("IP ");
        const headerLength = (d[at]! & 0x0f) * 4;
        if (headerLength < 20) out.ascii(`bad-hlen ${headerLength}`);
        else out.ascii(`bad-len ${(d[at + 2]! << 8) | d[at + 3]!}`);
        return;
      }
      case "ipv6":
        out.ascii(`IP6 version error: ${d[at]! >> 4} != 6`);
        return;
      case "tcp": {
        if (!this.#network || this.#end - at < 20) break;
        const headerLength = (d[at + 12]! >> 4) * 4;
        const length = this.#ipEnd - at;
        this.#ports((d[at]! << 8) | d[at + 1]!, (d[at + 2]! << 8) | d[at + 3]!);
        out.ascii(` tcp ${(length - headerLength) >>> 0} [bad hdr length ${headerLength}`);
        out.ascii(" - too short, < 20]");
        return;
      }
    }
    out.ascii(` [${name}: ${error.message}]`);
  }

  #printNoLink(): void {
    const out = this.#out;
    const first = this.#linkType;
    if (first === 1) out.ascii(" [|ether]");
  }

  #printUndecoded(layers: readonly Layer[], count: number): void {
    const out = this.#out;
    const last = layers[count - 1]!;
    const first = layers[0]!;
    if (first.kind === "ethernet" && !this.#link) {
      const type = "etherType" in last ? last.etherType : undefined;
      if (typeof type === "number") {
        out.mac(first.data, first.offset + 6);
        out.ascii(" > ");
        out.mac(first.data, first.offset);
        out.ascii(", ethertype ");
        out.ascii(ETHERTYPE_NAMES.get(type) ?? "Unknown");
        out.ascii(" (0x");
        out.hex(type, 4);
        out.ascii("), length ");
        out.uint(this.#originalLength);
        out.ascii(": ");
      }
    } else if (last.kind === "loopback" && !this.#link) {
      out.ascii(`AF Unknown (${last.family}), length ${this.#originalLength}: `);
    }
    if (this.#hex === 0) {
      // tcpdump's default print: the undecoded bytes in hex and ASCII.
      const start = last.offset + last.headerLength;
      const text = hexdump(this.#data.subarray(start, this.#end), { ascii: true });
      if (text !== "") {
        out.byte(0x0a);
        out.ascii(text);
      }
    }
  }

  #hexdump(end: number): void {
    const from = this.#hex >= 2 ? this.#start : this.#linkEnd;
    if (end <= from) return;
    const text = hexdump(this.#data.subarray(from, end), { ascii: this.#ascii });
    this.#out.byte(0x0a);
    this.#out.ascii(text);
  }
}

/** PPPoE codes as tcpdump names them (0 is the session stage). */
const PPPOE_CODE_NAMES = new Map<number, string>([
  [0x00, ""],
  [0x07, "PADO"],
  [0x09, "PADI"],
  [0x19, "PADR"],
  [0x65, "PADS"],
  [0xa7, "PADT"],
]);

/** PPPoE discovery tag names, as tcpdump prints them. */
const PPPOE_TAG_NAMES = new Map<number, string>([
  [0x0000, "EOL"],
  [0x0101, "Service-Name"],
  [0x0102, "AC-Name"],
  [0x0103, "Host-Uniq"],
  [0x0104, "AC-Cookie"],
  [0x0105, "Vendor-Specific"],
  [0x0110, "Relay-Session-ID"],
  [0x0201, "Service-Name-Error"],
  [0x0202, "AC-System-Error"],
  [0x0203, "Generic-Error"],
]);

/** PPP protocol names (tcpdump's ppptype2str, the protocols it is most often given). */
const PPP_PROTOCOL_NAMES = new Map<number, string>([
  [0x0021, "IP"],
  [0x0057, "IP6"],
  [0x002b, "IPX"],
  [0x002d, "VJC"],
  [0x002f, "VJNC"],
  [0x003d, "ML"],
  [0x00fd, "comp"],
  [0x0281, "MPLS"],
  [0x8021, "IPCP"],
  [0x8023, "OSICP"],
  [0x8057, "IP6CP"],
  [0x80fd, "CCP"],
  [0xc021, "LCP"],
  [0xc023, "PAP"],
  [0xc025, "LQM"],
  [0xc223, "CHAP"],
  [0xc02b, "BACP"],
  [0xc02d, "BAP"],
]);

/** The PPP control protocols whose packets tcpdump's handle_ctrl_proto() prints. */
const CONTROL_PROTOCOLS = new Set([0xc021, 0x8021, 0x8023, 0x8281, 0x8057, 0x80fd, 0xc02b]);

/** Control protocol codes (RFC 1661, 1570, 1962, 2153), as tcpdump names them. */
const CONTROL_CODE_NAMES: readonly (string | undefined)[] = [
  "Vendor-Extension",
  "Conf-Request",
  "Conf-Ack",
  "Conf-Nack",
  "Conf-Reject",
  "Term-Request",
  "Term-Ack",
  "Code-Reject",
  "Prot-Reject",
  "Echo-Request",
  "Echo-Reply",
  "Disc-Req",
  "Ident",
  "Time-Rem",
  "Reset-Req",
  "Reset-Ack",
];

/** The flag bits that tcpdump names in GRE's first word, in its order. */
const GRE_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x8000, "checksum present"],
  [0x4000, "routing present"],
  [0x2000, "key present"],
  [0x1000, "sequence# present"],
  [0x0800, "source routing present"],
  [0x0080, "ack present"],
];

const NDP_OPTION_NAMES = new Map<number, string>([
  [1, "source link-address"],
  [2, "destination link-address"],
  [3, "prefix info"],
  [4, "redirected header"],
  [5, "mtu"],
  [7, "advertisement interval"],
  [8, "homeagent information"],
  [24, "route info"],
  [25, "rdnss"],
  [31, "dnssl"],
  [38, "pref64"],
]);

function u32(d: Uint8Array, at: number): number {
  return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
}

function trailingZeros(d: Uint8Array, start: number, end: number, keep: number): number {
  let n = 0;
  for (let p = end - 1; p >= start + keep && d[p] === 0; p--) n++;
  return n;
}

function lifetime(out: ByteWriter, value: number): void {
  if (value === 0xffffffff) out.ascii("infinity");
  else {
    out.uint(value);
    out.byte(0x73);
  }
}

/** The checksum the sender should have put, given the folded sum over what it put. */
function expectedChecksum(field: number, computed: number): number {
  // `computed` is the complement of the folded sum S over the message with `field` in
  // it; the right checksum is the complement of S without the field: ~(S - field).
  let s = (~computed & 0xffff) + (~field & 0xffff);
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The protocols whose header wirekit decodes after an IP header. */
function knownIpProtocol(protocol: number): boolean {
  switch (protocol) {
    case 0:
    case 1:
    case 4:
    case 6:
    case 17:
    case 41:
    case 43:
    case 44:
    case 47:
    case 50:
    case 51:
    case 58:
    case 60:
      return true;
    default:
      return false;
  }
}

function icmpText(icmp: Icmp): string {
  const { type, code } = icmp;
  switch (type) {
    case 0:
    case 8:
      return `echo ${
        type === 0 ? "reply" : "request"
      }, id ${icmp.identifier}, seq ${icmp.sequenceNumber}`;
    case 3: {
      const original = icmp.original;
      if (original === undefined) return "unreachable";
      const inner = original.ip;
      switch (code) {
        case 0:
          return `net ${inner.destination} unreachable`;
        case 1:
          return `host ${inner.destination} unreachable`;
        case 2:
          return `${inner.destination} protocol ${inner.protocol} unreachable`;
        case 3: {
          const port = original.destinationPort;
          if (port === undefined) return `${inner.destination} port unreachable`;
          if (inner.protocol === 6) return `${inner.destination} tcp port ${port} unreachable`;
          if (inner.protocol === 17) return `${inner.destination} udp port ${port} unreachable`;
          return `${inner.destination} protocol ${inner.protocol} port ${port} unreachable`;
        }
        case 4:
          return `${inner.destination} unreachable - need to frag (mtu ${icmp.nextHopMtu})`;
        case 5:
          return `${inner.destination} unreachable - source route failed`;
        case 6:
          return `${inner.destination} unreachable - unknown net`;
        case 7:
          return `${inner.destination} unreachable - unknown host`;
        case 9:
          return `net ${inner.destination} unreachable - admin prohibited`;
        case 10:
          return `host ${inner.destination} unreachable - admin prohibited`;
        case 13:
          return `${inner.destination} unreachable - admin prohibited filter`;
        default:
          return `${inner.destination} unreachable - #${code}`;
      }
    }
    case 4:
      return "source quench";
    case 5: {
      const original = icmp.original;
      const kinds = ["net", "host", "tos-net", "tos-host"];
      const target = original?.ip.destination ?? "?";
      return `redirect ${target} to ${kinds[code] ?? `#${code}`} ${icmp.gateway}`;
    }
    case 9: {
      const lifetime = (icmp.data[icmp.offset + 6]! << 8) | icmp.data[icmp.offset + 7]!;
      const entries = (icmp.routerAddresses ?? [])
        .map((entry) => `{${entry.address} ${entry.preference >>> 0}}`).join(" ");
      const time = lifetime < 60
        ? `${lifetime}`
        : lifetime < 3600
        ? `${Math.floor(lifetime / 60)}:${two(lifetime % 60)}`
        : `${Math.floor(lifetime / 3600)}:${two(Math.floor(lifetime / 60) % 60)}:${
          two(lifetime % 60)
        }`;
      return `router advertisement lifetime ${time} ${icmp.addressCount}: ${entries}`;
    }
    case 10:
      return "router solicitation";
    case 11:
      return code === 1 ? "ip reassembly time exceeded" : "time exceeded in-transit";
    case 12:
      return code === 0
        ? `parameter problem - octet ${icmp.pointer}`
        : `parameter problem - code ${code}`;
    case 13:
      return `time stamp query id ${icmp.identifier} seq ${icmp.sequenceNumber}`;
    case 15:
      return "information request";
    case 16:
      return "information reply";
    case 17:
      return "address mask request";
    case 18: {
      const d = icmp.data;
      const at = icmp.offset + 8;
      const mask = at + 4 > icmp.end ? 0 : u32(d, at);
      return `address mask is 0x${mask.toString(16).padStart(8, "0")}`;
    }
    default:
      return `type-#${type}`;
  }
}

function icmpv6Detail(icmp: Icmpv6, verbose: boolean): string {
  switch (icmp.type) {
    case 1: {
      const inner = icmp.original;
      const destination = inner?.ip.destination ?? "";
      switch (icmp.code) {
        case 0:
          return `, unreachable route ${destination}`;
        case 1:
          return `, unreachable prohibited ${destination}`;
        case 2:
          return `, beyond scope ${destination}`;
        case 3:
          return `, unreachable address ${destination}`;
        case 4: {
          const port = inner?.destinationPort;
          const protocol = inner?.ip.nextHeader;
          if (port === undefined) return ", unreachable port";
          if (protocol === 6) return `, unreachable port, ${destination} tcp port ${port}`;
          if (protocol === 17) return `, unreachable port, ${destination} udp port ${port}`;
          return `, unreachable port, ${destination} protocol ${protocol} port ${port}`;
        }
        default:
          return `, unknown unreach code (${icmp.code})`;
      }
    }
    case 2:
      return `, mtu ${icmp.mtu}`;
    case 3:
      if (icmp.code === 0) return ` in-transit for ${icmp.original?.ip.destination ?? ""}`;
      return icmp.code === 1 ? " (reassembly)" : `, unknown code (${icmp.code})`;
    case 4: {
      const names = ["erroneous", "next header", "option"];
      const what = names[icmp.code];
      return what === undefined ? `, code-#${icmp.code}` : `, ${what} - octet ${icmp.pointer}`;
    }
    case 128:
    case 129:
      return `, id ${icmp.identifier}, seq ${icmp.sequenceNumber}`;
    case 135:
      return `, who has ${icmp.target}`;
    case 136:
      return `, tgt is ${icmp.target}`;
    case 137:
      return `, ${icmp.destination} to ${icmp.target}`;
    case 130:
    case 131:
    case 132: {
      // tcpdump prints these without a separator after the type name.
      if (icmp.offset + 24 > icmp.end) return "";
      const d = icmp.data;
      const delay = (d[icmp.offset + 4]! << 8) | d[icmp.offset + 5]!;
      return `max resp delay: ${delay} addr: ${formatIpv6(d, icmp.offset + 8)}`;
    }
    case 143: {
      const at = icmp.offset + 6;
      if (at + 2 > icmp.end) return "";
      const records = (icmp.data[at]! << 8) | icmp.data[at + 1]!;
      let text = `, ${records} group record(s)`;
      if (verbose) text += mldv2Records(icmp, records);
      return text;
    }
    default:
      return "";
  }
}

const HTTP_METHODS = new Set([
  "GET",
  "PUT",
  "COPY",
  "HEAD",
  "LOCK",
  "MOVE",
  "POLL",
  "POST",
  "BCOPY",
  "BMOVE",
  "MKCOL",
  "TRACE",
  "LABEL",
  "MERGE",
  "DELETE",
  "SEARCH",
  "UNLOCK",
  "REPORT",
  "UPDATE",
  "NOTIFY",
  "BDELETE",
  "CONNECT",
  "OPTIONS",
  "CHECKIN",
  "PROPFIND",
  "CHECKOUT",
  "BPROPFIND",
  "BPROPPATCH",
  "PROPPATCH",
  "SUBSCRIBE",
  "MKACTIVITY",
  "MKWORKSPACE",
  "UNSUBSCRIBE",
  "RPC_CONNECT",
  "VERSION-CONTROL",
  "BASELINE-CONTROL",
]);

/**
 * The printable token at `at` (up to a space or line end) and where the next one starts,
 * as tcpdump's text-protocol printer reads it; `undefined` when there is none.
 */
function token(
  d: Uint8Array,
  at: number,
  end: number,
): { text: string; next: number } | undefined {
  let i = at;
  let text = "";
  for (; i < end; i++) {
    const c = d[i]!;
    if (c === 0x20 || c === 0x0d || c === 0x0a) break;
    if (c < 0x20 || c > 0x7e) return undefined;
    if (text.length >= 127) return undefined;
    text += String.fromCharCode(c);
  }
  if (i >= end || text === "") return undefined;
  while (i < end && d[i] === 0x20) i++;
  return { text, next: i };
}

const ARPHRD_NAMES = new Map<number, string>([
  [1, "Ethernet"],
  [6, "TokenRing"],
  [7, "ArcNet"],
  [15, "FrameRelay"],
  [19, "ATM"],
  [23, "Strip"],
  [24, "IEEE 1394"],
]);

const IP_OPTION_NAMES = new Map<number, string>([
  [0, "EOL"],
  [1, "NOP"],
  [7, "RR"],
  [68, "TS"],
  [130, "SEC"],
  [131, "LSRR"],
  [133, "E-SEC"],
  [134, "CIPSO"],
  [136, "SID"],
  [137, "SSRR"],
  [148, "RA"],
]);

/** Seconds as tcpdump's unsigned_relts_print() writes them: `1h2m3s`. */
function relativeTime(seconds: number): string {
  if (seconds === 0) return "0s";
  const units: readonly [number, string][] = [
    [31_536_000, "y"],
    [604_800, "w"],
    [86_400, "d"],
    [3600, "h"],
    [60, "m"],
    [1, "s"],
  ];
  let text = "";
  for (const [size, unit] of units) {
    if (seconds >= size) {
      text += `${Math.floor(seconds / size)}${unit}`;
      seconds %= size;
    }
  }
  return text;
}

const MLD_RECORD_TYPES = ["", "is_in", "is_ex", "to_in", "to_ex", "allow", "block"];

function mldv2Records(icmp: Icmpv6, records: number): string {
  const d = icmp.data;
  let at = icmp.offset + 8;
  let text = "";
  for (let i = 0; i < records; i++) {
    if (at + 20 > icmp.end) return `${text} [|icmp6]`;
    const type = d[at]!;
    const auxiliary = d[at + 1]! * 4;
    const sources = (d[at + 2]! << 8) | d[at + 3]!;
    text += ` [gaddr ${formatIpv6(d, at + 4)} ${
      MLD_RECORD_TYPES[type] ?? `[invalid type ${type}]`
    }`;
    text += ` ${sources} source(s)]`;
    at += 20 + sources * 16 + auxiliary;
  }
  return text.replace(/ (\d+) source\(s\)\]/g, ", $1 source(s)]");
}

/**
 * Summarizes a decoded packet on one line, as `tcpdump -n -S` prints it (without the
 * hex dump tcpdump adds for undecoded link types): the time of day, then the headers.
 *
 * @param packet The decoded packet: a `Packet`, or a `PacketParser` right after `parse()`.
 * @param record The capture metadata: timestamp and length on the wire.
 * @param options Whether to print the time, and where the packet starts in a parser's data.
 * @returns The line, without a newline.
 *
 * @example Summarize a TCP SYN
 * ```ts
 * import { packetSummary } from "./summary.ts";
 * import { decode } from "../decode.ts";
 * import { LinkType } from "../link_type.ts";
 * import assert from "node:assert/strict";
 *
 * // Ethernet, IPv4 10.0.0.1 > 10.0.0.2, TCP 1234 > 80 SYN with an MSS option.
 * const frame = new Uint8Array([
 *   2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
 *   0x45, 0, 0, 44, 0, 1, 0, 0, 64, 6, 0x66, 0xc6, 10, 0, 0, 1, 10, 0, 0, 2,
 *   0x04, 0xd2, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x60, 0x02, 0x02, 0, 0, 0, 0, 0,
 *   2, 4, 0x05, 0xb4,
 * ]);
 * const line = packetSummary(decode(LinkType.EN10MB, frame), {
 *   timestamp: 1_000_000_000n,
 *   originalLength: frame.length,
 * });
 * assert.equal(
 *   line,
 *   "00:00:01.000000 IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1, win 512, " +
 *     "options [mss 1460], length 0",
 * );
 * ```
 */
export function packetSummary(
  packet: DecodedPacket,
  record: SummaryRecord,
  options: SummaryOptions = {},
): string {
  const time = options.time ?? true;
  const printer = time ? summaryPrinterWithTime : summaryPrinterWithoutTime;
  const timestamp = record.timestamp;
  let seconds = timestamp / 1_000_000_000n;
  let nanoseconds = timestamp % 1_000_000_000n;
  if (nanoseconds < 0n) {
    seconds -= 1n;
    nanoseconds += 1_000_000_000n;
  }
  const text = printer.format(packet, {
    seconds: Number(seconds),
    nanoseconds: Number(nanoseconds),
    originalLength: record.originalLength,
  }, options.start ?? 0);
  // The summary is one line: drop the default hex print of undecoded bytes.
  const newline = text.indexOf("\n");
  return newline < 0 ? text : text.slice(0, newline);
}

const summaryPrinterWithTime = new TcpdumpPrinter({ absoluteSequence: true, utc: true });
const summaryPrinterWithoutTime = new TcpdumpPrinter({
  absoluteSequence: true,
  utc: true,
  timestamps: "none",
});
