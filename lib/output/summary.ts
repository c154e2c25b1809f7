/**
 * One-line packet summaries in the style of `tcpdump -n -S` (tcpdump 4.99, default
 * verbosity): the time of day, then the network and transport headers, such as
 * `12:00:00.000001 IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1, win 512, length 0`.
 *
 * The common cases match tcpdump byte for byte: IPv4, IPv6 and their extension headers,
 * TCP (flags, sequence numbers, window, options), UDP, ICMP, ICMPv6, ARP, AH, ESP,
 * tunnels, truncated headers (`[|tcp]`), and the link layers tcpdump omits without `-e`
 * (Ethernet, VLAN, Linux SLL, loopback, raw IP). Application protocols (DNS, HTTP...)
 * are not decoded: where tcpdump goes on to print them, the summary stops at the
 * transport header.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import type { Packet, PacketParser } from "../decode.ts";
import type { DecodeError } from "../errors.ts";
import type { Layer } from "../layer_map.ts";
import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Arp } from "../net/arp.ts";
import type { Icmp } from "../net/icmp.ts";
import type { Icmpv6 } from "../net/icmpv6.ts";
import type { Tcp, TcpOption } from "../transport/tcp.ts";
import type { Udp } from "../transport/udp.ts";
import type { LinuxSll2 } from "../link/sll2.ts";
import type { Ethernet } from "../link/ethernet.ts";

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

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function hex(n: number, width = 0): string {
  return n.toString(16).padStart(width, "0");
}

function hexBytes(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += hex(b, 2);
  return out;
}

/** tcpdump's names for truncated headers: `[|ip]`, `[|tcp]`... */
const truncatedNames: Record<string, string> = {
  ethernet: "ether",
  llc: "llc",
  vlan: "vlan",
  sll: "sll",
  sll2: "sll2",
  loopback: "null",
  arp: "arp",
  ipv4: "ip",
  ipv6: "ip6",
  "ipv6-hop-by-hop": "hbhopt",
  "ipv6-routing": "srcrt",
  "ipv6-fragment": "frag",
  "ipv6-destination": "dstopt",
  ah: "AH",
  esp: "ESP",
  icmp: "icmp",
  icmpv6: "icmp6",
  tcp: "tcp",
  udp: "udp",
};

const tcpFlagLetters: readonly (readonly [number, string])[] = [
  [0x01, "F"],
  [0x02, "S"],
  [0x04, "R"],
  [0x08, "P"],
  [0x10, "."],
  [0x20, "U"],
  [0x40, "E"],
  [0x80, "W"],
];

const SLL_DIRECTIONS = ["In", "B", "M", "P", "Out"];

/** What the network layer hands to the next one while a line is built. */
interface Line {
  text: string;
  /** The source and destination of the IP header, printed with ports by TCP and UDP. */
  source: string;
  destination: string;
  /** Whether the addresses still wait to be printed by the transport layer. */
  pendingAddresses: boolean;
  /** Where the innermost IP packet ends on the wire (from its length field). */
  ipEnd: number;
  /** Whether a network layer was printed at all. */
  network: boolean;
  /** Whether the line is complete (nothing more to print after this layer). */
  done: boolean;
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
  const count = "count" in packet ? packet.count : packet.layers.length;
  const layers = packet.layers;
  const start = options.start ?? 0;
  const line: Line = {
    text: "",
    source: "",
    destination: "",
    pendingAddresses: false,
    ipEnd: 0,
    network: false,
    done: false,
  };
  for (let i = 0; i < count && !line.done; i++) {
    printLayer(line, layers[i]!, i + 1 < count ? layers[i + 1] : undefined, record, start);
  }
  const error = packet.error;
  if (error !== undefined && !line.done) {
    const end = "payloadEnd" in packet ? packet.payloadEnd : packet.data.length;
    printError(line, error, packet.data, end);
  } else if (!line.network && !line.done && count > 0) printUndecoded(line, layers, count, record);
  const time = options.time ?? true;
  return time ? `${formatTimeOfDay(record.timestamp)} ${line.text}` : line.text;
}

function printLayer(
  line: Line,
  layer: Layer,
  next: Layer | undefined,
  record: SummaryRecord,
  start: number,
): void {
  switch (layer.kind) {
    case "sll2":
      line.text += sll2Prefix(layer);
      return;
    case "ipv4":
      return printIpv4(line, layer, next);
    case "ipv6":
      return printIpv6(line, layer, next);
    case "ipv6-hop-by-hop":
      line.text += "HBH ";
      return;
    case "ipv6-destination":
      line.text += "DSTOPT ";
      return;
    case "ipv6-routing": {
      const addresses = layer.routingType === 0 || layer.routingType === 2
        ? layer.addresses.map((address, i) => `, [${i}]${address}`).join("")
        : "";
      line.text += `RT6 (len=${layer.extensionLength}, type=${layer.routingType}${
        layer.routingType === 0 ? " [Deprecated]" : ""
      }, segleft=${layer.segmentsLeft}${addresses}) `;
      return;
    }
    case "ipv6-fragment": {
      const length = line.ipEnd - (layer.offset + layer.headerLength);
      line.text += `frag (${layer.fragmentOffset * 8}|${length})`;
      if (layer.fragmentOffset !== 0) line.done = true;
      else line.text += " ";
      return;
    }
    case "ah":
      line.text += `AH(spi=0x${hex(layer.spi, 8)},seq=0x${hex(layer.sequenceNumber)},icv=0x${
        hexBytes(layer.icv)
      }): `;
      return;
    case "esp":
      line.text += `ESP(spi=0x${hex(layer.spi, 8)},seq=0x${hex(layer.sequenceNumber)}), length ${
        line.ipEnd - layer.offset
      }`;
      line.done = true;
      return;
    case "tcp":
      return printTcp(line, layer);
    case "udp":
      return printUdp(line, layer);
    case "icmp":
      return printIcmp(line, layer);
    case "icmpv6":
      return printIcmpv6(line, layer);
    case "arp":
      return printArp(line, layer, record.originalLength - (layer.offset - start));
    default:
      return;
  }
}

function sll2Prefix(layer: LinuxSll2): string {
  // tcpdump names the interface with if_indextoname() on the reading host; wirekit
  // cannot, and prints "?" as tcpdump does for an index the host does not have.
  const direction = SLL_DIRECTIONS[layer.packetType] ?? "?";
  return `${"?".padEnd(5)} ${direction.padEnd(3)} `;
}

function printIpv4(line: Line, ip: Ipv4, next: Layer | undefined): void {
  line.network = true;
  line.source = ip.source;
  line.destination = ip.destination;
  line.ipEnd = ip.totalLength === 0 ? ip.end : ip.offset + ip.totalLength;
  line.text += "IP ";
  if (ip.fragmentOffset !== 0) {
    line.text += `${ip.source} > ${ip.destination}: ip-proto-${ip.protocol}`;
    line.done = true;
    return;
  }
  line.pendingAddresses = ip.protocol === 6 || ip.protocol === 17;
  if (!line.pendingAddresses) line.text += `${ip.source} > ${ip.destination}: `;
  if (next === undefined && !line.pendingAddresses && !knownIpProtocol(ip.protocol)) {
    line.text += ` ip-proto-${ip.protocol} ${line.ipEnd - (ip.offset + ip.headerLength)}`;
    line.done = true;
  }
}

function printIpv6(line: Line, ip: Ipv6, next: Layer | undefined): void {
  line.network = true;
  line.source = ip.source;
  line.destination = ip.destination;
  line.ipEnd = ip.payloadLength === 0 ? ip.end : ip.offset + 40 + ip.payloadLength;
  line.text += "IP6 ";
  line.pendingAddresses = ip.nextHeader === 6 || ip.nextHeader === 17;
  if (!line.pendingAddresses) line.text += `${ip.source} > ${ip.destination}: `;
  if (next === undefined && !line.pendingAddresses && !knownIpProtocol(ip.nextHeader)) {
    line.text += ` ip-proto-${ip.nextHeader} ${line.ipEnd - (ip.offset + 40)}`;
    line.done = true;
  }
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
    case 50:
    case 51:
    case 58:
    case 60:
      return true;
    default:
      return false;
  }
}

function ports(line: Line, sourcePort: number, destinationPort: number): string {
  if (!line.pendingAddresses) return `${sourcePort} > ${destinationPort}: `;
  line.pendingAddresses = false;
  return `${line.source}.${sourcePort} > ${line.destination}.${destinationPort}: `;
}

function printTcp(line: Line, tcp: Tcp): void {
  line.done = true;
  let text = ports(line, tcp.sourcePort, tcp.destinationPort);
  const flags = tcp.flags;
  let letters = "";
  for (const [bit, letter] of tcpFlagLetters) if ((flags & bit) !== 0) letters += letter;
  text += `Flags [${letters === "" ? "none" : letters}]`;
  const length = line.network
    ? Math.max(0, line.ipEnd - (tcp.offset + tcp.headerLength))
    : tcp.end - (tcp.offset + tcp.headerLength);
  if (length > 0 || (flags & 0x07) !== 0) {
    text += length > 0
      ? `, seq ${tcp.sequenceNumber}:${(tcp.sequenceNumber + length) >>> 0}`
      : `, seq ${tcp.sequenceNumber}`;
  }
  if ((flags & 0x10) !== 0) text += `, ack ${tcp.acknowledgmentNumber}`;
  text += `, win ${tcp.window}`;
  if ((flags & 0x20) !== 0) text += `, urg ${tcp.urgentPointer}`;
  if (tcp.headerLength > 20) text += `, options [${tcpOptions(tcp.options)}]`;
  line.text += `${text}, length ${length}`;
}

function tcpOptions(options: readonly TcpOption[]): string {
  const parts: string[] = [];
  for (const option of options) {
    switch (option.name) {
      case "eol":
        parts.push("eol");
        return parts.join(",");
      case "nop":
        parts.push("nop");
        break;
      case "mss":
        parts.push(`mss ${option.mss}`);
        break;
      case "window-scale":
        parts.push(`wscale ${option.shift}`);
        break;
      case "sack-permitted":
        parts.push("sackOK");
        break;
      case "sack":
        parts.push(
          `sack ${option.blocks.length} ${
            option.blocks.map((block) => `{${block.left}:${block.right}}`).join("")
          }`,
        );
        break;
      case "timestamps":
        parts.push(`TS val ${option.value} ecr ${option.echo}`);
        break;
      case "md5":
        parts.push("md5");
        break;
      case "user-timeout":
        parts.push(`uto ${option.minutes ? option.timeout * 60 : option.timeout}`);
        break;
      case "fast-open":
        parts.push(
          option.cookie.length === 0 ? "tfo  cookiereq" : `tfo  cookie ${hexBytes(option.cookie)}`,
        );
        break;
      case "raw": {
        const name = option.kind === 30 ? "mptcp" : `unknown-${option.kind}`;
        parts.push(option.data.length === 0 ? name : `${name} 0x${hexBytes(option.data)}`);
        break;
      }
      case "malformed":
        return `${parts.join(",")}${parts.length > 0 ? "," : ""}[bad opt]`;
    }
  }
  return parts.join(",");
}

function printUdp(line: Line, udp: Udp): void {
  line.done = true;
  let text = ports(line, udp.sourcePort, udp.destinationPort);
  const available = line.network ? line.ipEnd - udp.offset : udp.end - udp.offset;
  const length = udp.length === 0 ? available : udp.length;
  text += length > available
    ? `UDP, bad length ${length - 8} > ${available - 8}`
    : `UDP, length ${length - 8}`;
  line.text += text;
}

function printIcmp(line: Line, icmp: Icmp): void {
  line.done = true;
  const length = line.network ? line.ipEnd - icmp.offset : icmp.end - icmp.offset;
  line.text += `ICMP ${icmpText(icmp)}, length ${length}`;
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
    case 18:
      return `address mask is 0x${hex(maskOf(icmp), 8)}`;
    default:
      return `type-#${type}`;
  }
}

function maskOf(icmp: Icmp): number {
  const d = icmp.data;
  const at = icmp.offset + 8;
  if (at + 4 > icmp.end) return 0;
  return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
}

const icmpv6Names: Record<number, string> = {
  1: "destination unreachable",
  2: "packet too big",
  3: "time exceeded",
  4: "parameter problem",
  128: "echo request",
  129: "echo reply",
  130: "multicast listener query",
  131: "multicast listener report",
  132: "multicast listener done",
  133: "router solicitation",
  134: "router advertisement",
  135: "neighbor solicitation",
  136: "neighbor advertisement",
  137: "redirect",
  138: "router renumbering",
  139: "node information query",
  140: "node information reply",
  141: "inverse neighbor solicitation",
  142: "inverse neighbor advertisement",
  143: "multicast listener report v2",
  144: "ha discovery request",
  145: "ha discovery reply",
  146: "mobile router solicitation",
  147: "mobile router advertisement",
  148: "certification path solicitation",
  149: "certification path advertisement",
  151: "multicast router advertisement",
  152: "multicast router solicitation",
  153: "multicast router termination",
  200: "mtrace response",
  201: "mtrace",
};

function printIcmpv6(line: Line, icmp: Icmpv6): void {
  line.done = true;
  const length = line.network ? line.ipEnd - icmp.offset : icmp.end - icmp.offset;
  const name = icmpv6Names[icmp.type] ?? `unknown icmp6 type (${icmp.type})`;
  line.text += `ICMP6, ${name}${icmpv6Detail(icmp)}, length ${length}`;
}

function icmpv6Detail(icmp: Icmpv6): string {
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
      return `, ${(icmp.data[at]! << 8) | icmp.data[at + 1]!} group record(s)`;
    }
    default:
      return "";
  }
}

function printArp(line: Line, arp: Arp, length: number): void {
  line.done = true;
  line.network = true;
  const ethernetIpv4 = arp.hardwareType === 1 && arp.protocolType === 0x0800 &&
    arp.hardwareAddressLength === 6 && arp.protocolAddressLength === 4;
  let text: string;
  if (!ethernetIpv4) {
    text = `ARP, hardware type ${arp.hardwareType}, protocol type 0x${hex(arp.protocolType, 4)}`;
  } else {
    const targetMac = arp.targetHardwareAddress;
    switch (arp.operation) {
      case 1:
        text = `ARP, Request who-has ${arp.targetProtocolAddress}${
          targetMac === "00:00:00:00:00:00" ? "" : ` (${targetMac})`
        } tell ${arp.senderProtocolAddress}`;
        break;
      case 2:
        text = `ARP, Reply ${arp.senderProtocolAddress} is-at ${arp.senderHardwareAddress}`;
        break;
      case 3:
        text = `ARP, Reverse Request who-is ${targetMac} tell ${arp.senderHardwareAddress}`;
        break;
      case 4:
        text = `ARP, Reverse Reply ${targetMac} at ${arp.targetProtocolAddress}`;
        break;
      case 8:
        text =
          `ARP, Inverse Request who-is ${arp.targetProtocolAddress} tell ${arp.senderProtocolAddress}`;
        break;
      case 9:
        text = `ARP, Inverse Reply ${arp.senderHardwareAddress} at ${arp.senderProtocolAddress}`;
        break;
      default:
        text = `ARP, Unknown (${arp.operation})`;
    }
  }
  line.text += `${text}, length ${length}`;
}

function printError(line: Line, error: DecodeError, data: Uint8Array, end: number): void {
  const name = truncatedNames[error.layer] ?? error.layer;
  if (error.code === "malformed") {
    line.text += ` [${name}: ${error.message}]`;
    return;
  }
  if (error.layer === "ipv4") {
    line.text += "IP ";
  } else if (
    (error.layer === "tcp" || error.layer === "udp") && line.pendingAddresses &&
    end - error.offset >= 4
  ) {
    const at = error.offset;
    line.text += ports(
      line,
      (data[at]! << 8) | data[at + 1]!,
      (data[at + 2]! << 8) | data[at + 3]!,
    );
  } else if (line.pendingAddresses) {
    line.text += `${line.source} > ${line.destination}: `;
  }
  line.text += ` [|${name}]`;
}

function printUndecoded(
  line: Line,
  layers: readonly Layer[],
  count: number,
  record: SummaryRecord,
): void {
  const last = layers[count - 1]!;
  const ethernet = layers[0]!.kind === "ethernet" ? layers[0] as Ethernet : undefined;
  const type = "etherType" in last ? last.etherType : undefined;
  if (ethernet !== undefined && typeof type === "number") {
    line.text += `${ethernet.source} > ${ethernet.destination}, ethertype Unknown (0x${
      hex(type, 4)
    }), length ${record.originalLength}: `;
  } else if (last.kind === "loopback") {
    line.text += `AF Unknown (${last.family}), length ${record.originalLength}: `;
  } else {
    line.text += `${last.kind}, length ${record.originalLength}`;
  }
}
