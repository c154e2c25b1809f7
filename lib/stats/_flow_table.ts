/**
 * {@linkcode FlowTable}, the accumulator of flows: an open-addressing table of flow keys
 * with per-flow counters in typed arrays.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import type { Packet, PacketParser } from "../decode.ts";
import type { Layer } from "../layer_map.ts";
import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import {
  A_IS_LOW,
  ACK,
  FIN,
  flowProtocolName,
  homeAddressOffset,
  KEY_HIGH,
  KEY_LOW,
  KEY_PORTS,
  KEY_SIZE,
  nanoseconds,
  RETIRED,
  RST,
  SYN,
  TCP_FIN_A,
  TCP_FIN_B,
  TCP_RST,
  TCP_SYN,
  TCP_SYN_ACK,
} from "./_flow_key.ts";
import type { Flow, FlowResultOptions, FlowSummary, FlowTableOptions } from "./flows.ts";
import type { Tcp } from "../transport/tcp.ts";
import { FlowReassemblyCounts } from "./_flow_reassembly.ts";
import { grown } from "../_grown.ts";

/**
 * Builds the flow table of a capture, packet by packet, as Wireshark's conversation
 * statistics count it:
 *
 * - A TCP or UDP packet belongs to the flow of its (innermost) IP version, addresses and
 *   ports, in either direction. Packets of other IP protocols (ICMP, ICMPv6, ESP, GRE...)
 *   form flows keyed by the protocol and the two addresses, without ports; so do TCP and
 *   UDP packets whose header is absent (IP fragments after the first) or did not decode.
 *   The transport header quoted inside an ICMP or ICMPv6 error counts for the ICMP flow,
 *   not for the quoted conversation (Wireshark does not count it either).
 * - IPv6 addresses are those the upper layers see: the final destination of a routing
 *   header with segments left, and the home address option's address as the source
 *   (RFC 6275), as Wireshark takes them.
 * - Packets without a decoded IPv4 or IPv6 header are counted in `totals.other`.
 * - Bytes are the packets' lengths on the wire (tshark's frame length); times are kept to
 *   the nanosecond.
 *
 * Adding a packet allocates nothing: give it the layers of a reused `PacketParser`, the
 * time as seconds and nanoseconds (a `CaptureBatch`'s `seconds[i]` and `nanoseconds[i]`)
 * and the length on the wire.
 *
 * With `reassembly: true`, each TCP flow's segments also go through a `TcpReassembler`
 * (its innermost TCP header, as stream reassembly takes it), and the flow gets
 * {@linkcode Flow.reassembly}: bytes delivered in order, gaps and their bytes, and the
 * bytes of retransmitted segments. Out-of-order bytes are then copied while they wait, and
 * {@linkcode FlowTable.prototype.result} closes the streams: call it after the last packet.
 *
 * @example Count a UDP exchange and an ARP request
 * ```ts
 * import { FlowTable } from "./flows.ts";
 * import { PacketParser } from "../decode.ts";
 * import { buildArp, buildEthernet, buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const mac = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };
 * function udp(source: string, destination: string, sourcePort: number, destinationPort: number) {
 *   const segment = buildUdp({ source, destination, sourcePort, destinationPort });
 *   const ip = buildIpv4({ source, destination, protocol: 17, payload: segment });
 *   return buildEthernet({ ...mac, etherType: 0x0800, payload: ip });
 * }
 * const arp = buildEthernet({
 *   ...mac,
 *   etherType: 0x0806,
 *   payload: buildArp({ operation: "request", senderMac: mac.source, senderIp: "10.0.0.1", targetIp: "10.0.0.2" }),
 * });
 * const parser = new PacketParser();
 * const table = new FlowTable();
 * const packets = [udp("10.0.0.1", "10.0.0.2", 5353, 53), udp("10.0.0.2", "10.0.0.1", 53, 5353), arp];
 * packets.forEach((frame, i) => {
 *   parser.parse(1, frame);
 *   table.add(parser, 100 + i, 0, frame.length);
 * });
 * const { flows, totals } = table.result();
 * assert.equal(flows.length, 1);
 * assert.equal(flows[0]?.protocol, "udp");
 * assert.equal(`${flows[0]?.addressA}:${flows[0]?.portA}`, "10.0.0.1:5353");
 * assert.equal(flows[0]?.packetsAToB, 1);
 * assert.equal(flows[0]?.packetsBToA, 1);
 * assert.equal(flows[0]?.duration, 1);
 * assert.equal(totals.other, 1);
 * ```
 */
export class FlowTable {
  // The flow of each key: an open-addressing table of flow index + 1 (0: empty).
  #slots = new Int32Array(1024);
  #hashes = new Uint32Array(256);
  #keys = new Uint8Array(256 * KEY_SIZE);
  #flags = new Uint8Array(256);
  #packetsA = new Float64Array(256);
  #bytesA = new Float64Array(256);
  #packetsB = new Float64Array(256);
  #bytesB = new Float64Array(256);
  #firstSeconds = new Float64Array(256);
  #firstNanoseconds = new Float64Array(256);
  #lastSeconds = new Float64Array(256);
  #lastNanoseconds = new Float64Array(256);
  // The first TCP sequence number seen from A and from B (NaN: none yet), as tshark's base_seq.
  #baseA = new Float64Array(256).fill(NaN);
  #baseB = new Float64Array(256).fill(NaN);
  // What stream reassembly finds per flow, with `reassembly: true`.
  readonly #reassembly: FlowReassemblyCounts | undefined;
  // The slot where #find found its flow.
  #slot = 0;
  #count = 0;
  readonly #key = new Uint8Array(KEY_SIZE);
  #packets = 0;
  #bytes = 0;
  #other = 0;
  #otherBytes = 0;
  #startSeconds = 0;
  #startNanoseconds = 0;

  /**
   * Makes an empty table.
   *
   * @param options Whether TCP flows are reassembled too.
   */
  constructor(options: FlowTableOptions = {}) {
    this.#reassembly = options.reassembly === true ? new FlowReassemblyCounts() : undefined;
  }

  /** How many flows there are so far. */
  get size(): number {
    return this.#count;
  }

  /**
   * Adds one decoded packet.
   *
   * @param packet A `PacketParser` right after `parse()` (the fast path), or a `Packet`
   * from `decode()`.
   * @param seconds The packet time: whole seconds since the epoch.
   * @param nanoseconds The packet time: nanoseconds within the second.
   * @param originalLength The packet's length on the wire, in bytes.
   * @returns Nothing.
   */
  add(
    packet: PacketParser | Packet,
    seconds: number,
    nanoseconds: number,
    originalLength: number,
  ): void {
    if (this.#packets++ === 0) {
      this.#startSeconds = seconds;
      this.#startNanoseconds = nanoseconds;
    }
    this.#bytes += originalLength;
    const layers: readonly Layer[] = packet.layers;
    const count = "count" in packet ? packet.count : layers.length;
    // The innermost IP header: tunnels (IP in IP, 6in4) count as their inner conversation.
    // A tunnel over UDP or TCP (VXLAN, Geneve, L2TP...) is a conversation of its own as
    // well, as tshark lists both: an outer IP header whose transport carries another IP
    // header is counted too.
    let inner = -1;
    let transportSeen = false;
    for (let i = count - 1; i >= 0; i--) {
      const kind = layers[i]!.kind;
      if (kind === "ipv4" || kind === "ipv6") {
        if (inner < 0 || transportSeen) {
          this.#addConversation(layers, count, i, inner < 0, seconds, nanoseconds, originalLength);
        }
        if (inner < 0) inner = i;
        transportSeen = false;
      } else if (kind === "udp" || kind === "tcp") transportSeen = true;
    }
    if (inner < 0) {
      this.#other++;
      this.#otherBytes += originalLength;
    }
  }

  /** Counts the packet in the conversation of the IP header at `ipIndex`. */
  #addConversation(
    layers: readonly Layer[],
    count: number,
    ipIndex: number,
    innermost: boolean,
    seconds: number,
    nanoseconds: number,
    originalLength: number,
  ): void {
    const ip = layers[ipIndex] as Ipv4 | Ipv6;
    let tcp: Tcp | undefined;
    const v6 = ip.kind === "ipv6";
    let protocol = v6 ? ip.nextHeader : ip.protocol;
    let sourcePort = 0;
    let destinationPort = 0;
    let hasPorts = false;
    let tcpFlags = -1;
    let tcpSequence = 0;
    const data = ip.data;
    const length = v6 ? 16 : 4;
    let source = ip.offset + (v6 ? 8 : 12);
    // IPv6: the final destination of a routing header with segments left, as transport
    // checksums (and Wireshark's conversations) take it.
    const destination = v6 ? ip.checksumDestinationOffset : source + 4;
    scan: for (let i = ipIndex + 1; i < count; i++) {
      const layer = layers[i]!;
      switch (layer.kind) {
        case "ipv6-destination": {
          // A home address option (RFC 6275) stands for the source, for the upper layers.
          const home = homeAddressOffset(
            layer.data,
            layer.offset,
            layer.offset + layer.headerLength,
          );
          if (home >= 0 && layer.data === data) source = home;
          protocol = layer.nextHeader;
          break;
        }
        case "ipv6-hop-by-hop":
        case "ipv6-routing":
        case "ipv6-fragment":
        case "ah":
          protocol = layer.nextHeader;
          break;
        case "tcp":
          protocol = 6;
          // A header cut short (a partial decode) counts as tshark counts it: no ports.
          if (layer.truncated) break scan;
          tcp = layer;
          tcpFlags = layer.flags;
          tcpSequence = layer.sequenceNumber;
          sourcePort = layer.sourcePort;
          destinationPort = layer.destinationPort;
          hasPorts = true;
          break scan;
        case "udp":
          protocol = 17;
          sourcePort = layer.sourcePort;
          destinationPort = layer.destinationPort;
          hasPorts = true;
          break scan;
        case "icmp":
          protocol = 1;
          break scan;
        case "icmpv6":
          protocol = 58;
          break scan;
        case "esp":
          protocol = 50;
          break scan;
        default:
          break scan;
      }
    }

    // The key: the lower (address, port) end first, so that both directions share it.
    const key = this.#key;
    let order = 0;
    for (let i = 0; i < length && order === 0; i++) {
      order = data[source + i]! - data[destination + i]!;
    }
    if (order === 0) order = sourcePort - destinationPort;
    const sourceIsLow = order <= 0;
    const low = sourceIsLow ? source : destination;
    const high = sourceIsLow ? destination : source;
    key.fill(0);
    key[0] = v6 ? 6 : 4;
    key[1] = protocol;
    key[2] = hasPorts ? 1 : 0;
    for (let i = 0; i < length; i++) {
      key[KEY_LOW + i] = data[low + i]!;
      key[KEY_HIGH + i] = data[high + i]!;
    }
    const lowPort = sourceIsLow ? sourcePort : destinationPort;
    const highPort = sourceIsLow ? destinationPort : sourcePort;
    key[KEY_PORTS] = lowPort >> 8;
    key[KEY_PORTS + 1] = lowPort & 0xff;
    key[KEY_PORTS + 2] = highPort >> 8;
    key[KEY_PORTS + 3] = highPort & 0xff;

    let flow = this.#find(key, sourceIsLow, seconds, nanoseconds);
    let fromA = ((this.#flags[flow]! & A_IS_LOW) !== 0) === sourceIsLow;
    if (tcpFlags >= 0) {
      // tshark's tcp.stream: a SYN whose sequence number is not the one this side began
      // with starts a new conversation on the same addresses and ports ("port reused").
      const base = (fromA ? this.#baseA : this.#baseB)[flow]!;
      if ((tcpFlags & (SYN | ACK)) === SYN && !Number.isNaN(base) && base !== tcpSequence) {
        flow = this.#restart(flow, key, sourceIsLow, seconds, nanoseconds);
        fromA = true;
      }
      const bases = fromA ? this.#baseA : this.#baseB;
      if (Number.isNaN(bases[flow]!)) {
        bases[flow] = (tcpFlags & SYN) !== 0 ? tcpSequence : (tcpSequence - 1) >>> 0;
      }
    }
    if (tcp !== undefined && innermost) {
      this.#reassembly?.add(flow, ip, tcp, seconds + nanoseconds / 1e9);
    }
    if (fromA) {
      this.#packetsA[flow]!++;
      this.#bytesA[flow]! += originalLength;
    } else {
      this.#packetsB[flow]!++;
      this.#bytesB[flow]! += originalLength;
    }
    if (
      seconds < this.#firstSeconds[flow]! ||
      (seconds === this.#firstSeconds[flow]! && nanoseconds < this.#firstNanoseconds[flow]!)
    ) {
      this.#firstSeconds[flow] = seconds;
      this.#firstNanoseconds[flow] = nanoseconds;
    }
    if (
      seconds > this.#lastSeconds[flow]! ||
      (seconds === this.#lastSeconds[flow]! && nanoseconds > this.#lastNanoseconds[flow]!)
    ) {
      this.#lastSeconds[flow] = seconds;
      this.#lastNanoseconds[flow] = nanoseconds;
    }
    if (tcpFlags >= 0) {
      let seen = 0;
      if ((tcpFlags & SYN) !== 0) seen |= (tcpFlags & ACK) !== 0 ? TCP_SYN_ACK : TCP_SYN;
      if ((tcpFlags & FIN) !== 0) seen |= fromA ? TCP_FIN_A : TCP_FIN_B;
      if ((tcpFlags & RST) !== 0) seen |= TCP_RST;
      this.#flags[flow]! |= seen;
    }
  }

  /** Finds the flow of a key, or makes it (its A being the packet's source). */
  #find(key: Uint8Array, sourceIsLow: boolean, seconds: number, nanoseconds: number): number {
    // FNV-1a over the key.
    let hash = 0x811c9dc5;
    for (let i = 0; i < KEY_SIZE; i++) hash = Math.imul(hash ^ key[i]!, 0x01000193);
    hash >>>= 0;
    const slots = this.#slots;
    const mask = slots.length - 1;
    const keys = this.#keys;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const flow = entry - 1;
      if (this.#hashes[flow] === hash) {
        const base = flow * KEY_SIZE;
        let i = 0;
        while (i < KEY_SIZE && keys[base + i] === key[i]) i++;
        if (i === KEY_SIZE) {
          this.#slot = slot;
          return flow;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.#create(hash, key, slot, sourceIsLow, seconds, nanoseconds);
  }

  /** Replaces a flow by a new one with the same key, found at the slot of the last #find. */
  #restart(
    old: number,
    key: Uint8Array,
    sourceIsLow: boolean,
    seconds: number,
    nanoseconds: number,
  ): number {
    this.#flags[old]! |= RETIRED;
    return this.#create(this.#hashes[old]!, key, this.#slot, sourceIsLow, seconds, nanoseconds);
  }

  /** Makes a flow (its A being the packet's source) and puts it at `slot`. */
  #create(
    hash: number,
    key: Uint8Array,
    slot: number,
    sourceIsLow: boolean,
    seconds: number,
    nanoseconds: number,
  ): number {
    const flow = this.#count++;
    if (flow === this.#hashes.length) this.#grow();
    this.#hashes[flow] = hash;
    this.#keys.set(key, flow * KEY_SIZE);
    this.#flags[flow] = sourceIsLow ? A_IS_LOW : 0;
    this.#packetsA[flow] = 0;
    this.#bytesA[flow] = 0;
    this.#packetsB[flow] = 0;
    this.#bytesB[flow] = 0;
    this.#firstSeconds[flow] = seconds;
    this.#firstNanoseconds[flow] = nanoseconds;
    this.#lastSeconds[flow] = seconds;
    this.#lastNanoseconds[flow] = nanoseconds;
    this.#baseA[flow] = NaN;
    this.#baseB[flow] = NaN;
    if (this.#count * 2 > this.#slots.length) this.#rehash();
    else this.#slots[slot] = flow + 1;
    return flow;
  }

  #grow(): void {
    const capacity = this.#hashes.length * 2;
    this.#hashes = grown(this.#hashes, capacity);
    this.#keys = grown(this.#keys, capacity * KEY_SIZE);
    this.#flags = grown(this.#flags, capacity);
    this.#packetsA = grown(this.#packetsA, capacity);
    this.#bytesA = grown(this.#bytesA, capacity);
    this.#packetsB = grown(this.#packetsB, capacity);
    this.#bytesB = grown(this.#bytesB, capacity);
    this.#firstSeconds = grown(this.#firstSeconds, capacity);
    this.#firstNanoseconds = grown(this.#firstNanoseconds, capacity);
    this.#lastSeconds = grown(this.#lastSeconds, capacity);
    this.#lastNanoseconds = grown(this.#lastNanoseconds, capacity);
    this.#baseA = grown(this.#baseA, capacity);
    this.#baseB = grown(this.#baseB, capacity);
  }

  /** Doubles the slot table and puts every flow back (the new one included). */
  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let flow = 0; flow < this.#count; flow++) {
      if ((this.#flags[flow]! & RETIRED) !== 0) continue;
      let slot = this.#hashes[flow]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = flow + 1;
    }
    this.#slots = slots;
  }

  /**
   * Returns the flows and the totals of the packets added so far.
   *
   * @param options The order of the flows: tshark's (most packets first) by default.
   * @returns Plain objects (times as `bigint`; `jsonReplacer` writes them as strings).
   */
  result(options: FlowResultOptions = {}): FlowSummary {
    // The holes still open are gaps now, and the bytes waiting after them delivered.
    this.#reassembly?.finish();
    const order = options.order ?? "packets";
    const indexes = Array.from({ length: this.#count }, (_, i) => i);
    if (order === "packets") {
      const packets = (i: number) => this.#packetsA[i]! + this.#packetsB[i]!;
      indexes.sort((a, b) => packets(b) - packets(a) || a - b);
    } else if (order === "bytes") {
      const bytes = (i: number) => this.#bytesA[i]! + this.#bytesB[i]!;
      indexes.sort((a, b) => bytes(b) - bytes(a) || a - b);
    }
    let flowPackets = 0;
    for (let i = 0; i < this.#count; i++) flowPackets += this.#packetsA[i]! + this.#packetsB[i]!;
    return {
      flows: indexes.map((i) => this.#flow(i)),
      totals: {
        packets: this.#packets,
        bytes: this.#bytes,
        flows: this.#count,
        flowPackets,
        other: this.#other,
        otherBytes: this.#otherBytes,
        firstTimestamp: this.#packets === 0
          ? null
          : nanoseconds(this.#startSeconds, this.#startNanoseconds),
      },
    };
  }

  #flow(i: number): Flow {
    const keys = this.#keys;
    const base = i * KEY_SIZE;
    const v6 = keys[base] === 6;
    const protocolNumber = keys[base + 1]!;
    const hasPorts = keys[base + 2] === 1;
    const flags = this.#flags[i]!;
    const aIsLow = (flags & A_IS_LOW) !== 0;
    const format = v6 ? formatIpv6 : formatIpv4;
    const low = format(keys, base + KEY_LOW);
    const high = format(keys, base + KEY_HIGH);
    const lowPort = (keys[base + KEY_PORTS]! << 8) | keys[base + KEY_PORTS + 1]!;
    const highPort = (keys[base + KEY_PORTS + 2]! << 8) | keys[base + KEY_PORTS + 3]!;
    const first = nanoseconds(this.#firstSeconds[i]!, this.#firstNanoseconds[i]!);
    const last = nanoseconds(this.#lastSeconds[i]!, this.#lastNanoseconds[i]!);
    const flow: Flow = {
      ipVersion: v6 ? 6 : 4,
      protocol: flowProtocolName(protocolNumber),
      protocolNumber,
      addressA: aIsLow ? low : high,
      portA: hasPorts ? (aIsLow ? lowPort : highPort) : null,
      addressB: aIsLow ? high : low,
      portB: hasPorts ? (aIsLow ? highPort : lowPort) : null,
      packetsAToB: this.#packetsA[i]!,
      bytesAToB: this.#bytesA[i]!,
      packetsBToA: this.#packetsB[i]!,
      bytesBToA: this.#bytesB[i]!,
      firstTimestamp: first,
      lastTimestamp: last,
      duration: Number(last - first) / 1e9,
    };
    if (hasPorts && protocolNumber === 6) {
      flow.tcp = {
        syn: (flags & TCP_SYN) !== 0,
        synAck: (flags & TCP_SYN_ACK) !== 0,
        finFromA: (flags & TCP_FIN_A) !== 0,
        finFromB: (flags & TCP_FIN_B) !== 0,
        rst: (flags & TCP_RST) !== 0,
      };
      if (this.#reassembly !== undefined) flow.reassembly = this.#reassembly.result(i);
    }
    return flow;
  }
}
