/**
 * A deterministic generator of realistic LAN traffic for the benchmarks: TCP connections
 * over IPv4 and IPv6 (Linux SYNs with mss/sackOK/timestamps/nop/wscale, Windows SYNs,
 * bulk data with timestamps, delayed ACKs, FIN handshakes), DNS queries and responses,
 * QUIC-like and NTP datagrams, ICMP and ICMPv6 echo, NDP, router advertisements, MLDv2
 * (IPv6 hop-by-hop), IGMPv2 (IPv4 options), ARP, and a tagged 802.1Q VLAN.
 *
 * About thirty conversations run at once and their packets interleave. The same seed
 * always gives the same frames and timestamps.
 *
 * Private to `bench/`.
 *
 * @module
 */

import {
  dnsQuery,
  dnsResponse,
  type Ipv4Spec,
  type Ipv6Spec,
  type LinkSpec,
  TcpFlags,
  TcpOptions,
  type TransportSpec,
  writeArpFrame,
  writeIpFrame,
} from "./_builders.ts";
import type { PacketToWrite } from "../lib/formats/pcap.ts";
import {
  buildNetwork,
  bytes,
  DNS_NAMES,
  type Host,
  ipv6,
  ipv6MulticastMac,
  type Lan,
  Random,
  solicitedNode,
} from "./_traffic_network.ts";

type Scenario = Generator<number, void, undefined>;

const EMPTY = new Uint8Array(0);
const BROADCAST = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const ZERO_MAC = new Uint8Array(6);

/** The TCP segment size of the small shape, in bytes of data. */
const SMALL_SEGMENT = 360;
/** The largest request or QUIC datagram of the small shape, in bytes of data. */
const SMALL_PAYLOAD = 360;

/** Options of {@linkcode TrafficGenerator}. */
export interface TrafficOptions {
  /** The PRNG seed (default 1). */
  seed?: number;
  /** The first timestamp, in microseconds since the epoch (default 2023-11-14T22:13:20Z). */
  startMicros?: number;
  /** How many conversations run at once (default 32). */
  concurrency?: number;
  /** The packet sizes: {@linkcode TrafficShape} (default `"lan"`). */
  shape?: TrafficShape;
}

/**
 * The packet sizes of the traffic: `"lan"` sends full-size TCP segments and QUIC datagrams
 * (mean frame about 750 bytes); `"small"` has the same conversations and protocol mix with
 * TCP segments, requests and QUIC datagrams of at most 360 bytes of data (mean frame about
 * 250 bytes).
 */
export type TrafficShape = "lan" | "small";

/** The shapes {@linkcode TrafficGenerator} knows. */
export const TRAFFIC_SHAPES: readonly TrafficShape[] = ["lan", "small"];

/**
 * Generates frames one at a time into {@linkcode TrafficGenerator.prototype.frame}.
 *
 * @example Generate three frames
 * ```ts ignore
 * const traffic = new TrafficGenerator({ seed: 7 });
 * for (let i = 0; i < 3; i++) {
 *   const length = traffic.next();
 *   console.log(traffic.micros, traffic.frame.subarray(0, length));
 * }
 * ```
 */
export class TrafficGenerator {
  /** The buffer the last frame was written to (reused by every `next()`). */
  readonly frame: Uint8Array = new Uint8Array(2048);
  /** The last frame's timestamp in microseconds since the epoch (strictly increasing). */
  micros: number;
  readonly #random: Random;
  readonly #lans: Lan[];
  readonly #hosts: Host[];
  readonly #remote4: Uint8Array[];
  readonly #remote6: Uint8Array[];
  readonly #pool: Uint8Array;
  readonly #active: Scenario[] = [];
  readonly #small: boolean;

  /**
   * Builds the hosts, servers and first conversations.
   *
   * @param options The seed, start time and concurrency.
   */
  constructor(options: TrafficOptions = {}) {
    const random = (this.#random = new Random(options.seed ?? 1));
    this.#small = options.shape === "small";
    this.micros = options.startMicros ?? 1_700_000_000_000_000;
    const network = buildNetwork(random);
    this.#lans = network.lans;
    this.#hosts = network.hosts;
    this.#remote4 = network.remote4;
    this.#remote6 = network.remote6;
    this.#pool = network.pool;
    const concurrency = options.concurrency ?? 32;
    for (let i = 0; i < concurrency; i++) this.#active.push(this.#newScenario());
  }

  /**
   * Writes the next frame to `frame` and advances `micros`.
   *
   * @returns The frame's length in bytes.
   */
  next(): number {
    const random = this.#random;
    this.micros += 1 + random.int(40);
    while (true) {
      const i = random.int(this.#active.length);
      const step = this.#active[i]!.next();
      if (step.done !== true) return step.value;
      this.#active[i] = this.#newScenario();
    }
  }

  #newScenario(): Scenario {
    const random = this.#random;
    const host = random.pick(this.#hosts);
    const w = random.int(1000);
    if (w < 200) return this.#tcpFlow(host, random.chance(0.3));
    if (w < 560) return this.#dnsLookup(host, random.chance(0.25));
    if (w < 630) return this.#quic(host, random.chance(0.3));
    if (w < 680) return this.#ntp(host);
    if (w < 770) return this.#ping(host, random.chance(0.3));
    if (w < 880) return this.#arp(host);
    if (w < 960) return this.#neighbourDiscovery(host);
    if (w < 973) return this.#routerAdvertisement(host.lan);
    if (w < 986) return this.#mldReport(host);
    return this.#igmpReport(host);
  }

  /** `length` pseudo-random bytes (a view of a shared pool). */
  #data(length: number): Uint8Array {
    const start = this.#random.int(this.#pool.length - length + 1);
    return this.#pool.subarray(start, start + length);
  }

  /** Application data of `length` bytes, cut to {@linkcode SMALL_PAYLOAD} in the small shape. */
  #payload(length: number): Uint8Array {
    return this.#data(this.#small ? Math.min(length, SMALL_PAYLOAD) : length);
  }

  #ip(link: LinkSpec, net: Ipv4Spec | Ipv6Spec, transport: TransportSpec, payload: Uint8Array) {
    return writeIpFrame(this.frame, link, net, transport, payload);
  }

  #links(host: Host): [LinkSpec, LinkSpec] {
    const lan = host.lan;
    const up: LinkSpec = { source: host.mac, destination: lan.gatewayMac };
    const down: LinkSpec = { source: lan.gatewayMac, destination: host.mac };
    if (lan.vlanId !== undefined) {
      up.vlanId = lan.vlanId;
      down.vlanId = lan.vlanId;
    }
    return [up, down];
  }

  /** The IP headers of a conversation between a host and a remote (or LAN) peer. */
  #nets(host: Host, v6: boolean, peer4: Uint8Array, peer6: Uint8Array, peerTtl: number) {
    const random = this.#random;
    const up: Ipv4Spec | Ipv6Spec = v6
      ? { version: 6, source: host.ipv6, destination: peer6, hopLimit: 64 }
      : { version: 4, source: host.ipv4, destination: peer4, ttl: 64, id: 0 };
    const down: Ipv4Spec | Ipv6Spec = v6
      ? { version: 6, source: peer6, destination: host.ipv6, hopLimit: peerTtl }
      : { version: 4, source: peer4, destination: host.ipv4, ttl: peerTtl, id: 0 };
    if (up.version === 6 && down.version === 6) {
      up.flowLabel = random.int(0x100000);
      down.flowLabel = random.int(0x100000);
    }
    let peerId = random.int(65536);
    return {
      /** The host's header, with the next IPv4 identification. */
      up(): Ipv4Spec | Ipv6Spec {
        if (up.version === 4) up.id = host.ipId = (host.ipId + 1) & 0xffff;
        return up;
      },
      /** The peer's header, with the next IPv4 identification. */
      down(): Ipv4Spec | Ipv6Spec {
        if (down.version === 4) down.id = peerId = (peerId + 1) & 0xffff;
        return down;
      },
    };
  }

  *#tcpFlow(host: Host, v6: boolean): Scenario {
    const random = this.#random;
    const [upLink, downLink] = this.#links(host);
    const nets = this.#nets(
      host,
      v6,
      random.pick(this.#remote4),
      random.pick(this.#remote6),
      40 + random.int(20),
    );
    const clientPort = 32768 + random.int(28232);
    const serverPort = random.pick([443, 443, 443, 443, 443, 22, 993, 8443]);
    const timestamps = random.chance(0.8);
    const mss = v6 ? 1440 : 1460;
    const segment = this.#small ? SMALL_SEGMENT : timestamps ? mss - 12 : mss;
    const serverTsOffset = random.uint32();
    const clientTs = () => (Math.floor(this.micros / 1000) + host.tsOffset) >>> 0;
    const serverTs = () => (Math.floor(this.micros / 1000) + serverTsOffset) >>> 0;
    let clientSeq = random.uint32();
    let serverSeq = random.uint32();
    let lastServerTs = 0;
    let lastClientTs = 0;
    const clientOptions = new Uint8Array(12);
    const serverOptions = new Uint8Array(12);
    const clientWindow = timestamps ? 501 + random.int(12) : 1026;
    const serverWindow = timestamps ? 235 + random.int(300) : 513;

    const client = (flags: number, payload: Uint8Array, options?: Uint8Array): number => {
      const transport: TransportSpec = {
        protocol: "tcp",
        sourcePort: clientPort,
        destinationPort: serverPort,
        seq: clientSeq,
        ack: (flags & TcpFlags.ACK) !== 0 ? serverSeq : 0,
        flags,
        window: (flags & TcpFlags.SYN) !== 0 ? 64240 : clientWindow,
      };
      if (options !== undefined) {
        transport.options = options;
      } else if (timestamps) {
        lastClientTs = clientTs();
        transport.options = TcpOptions.timestamps(clientOptions, lastClientTs, lastServerTs);
      }
      const length = this.#ip(upLink, nets.up(), transport, payload);
      clientSeq =
        (clientSeq + payload.length + ((flags & (TcpFlags.SYN | TcpFlags.FIN)) !== 0 ? 1 : 0)) >>>
        0;
      return length;
    };
    const server = (flags: number, payload: Uint8Array, options?: Uint8Array): number => {
      const transport: TransportSpec = {
        protocol: "tcp",
        sourcePort: serverPort,
        destinationPort: clientPort,
        seq: serverSeq,
        ack: clientSeq,
        flags,
        window: (flags & TcpFlags.SYN) !== 0 ? 65160 : serverWindow,
      };
      if (options !== undefined) {
        transport.options = options;
      } else if (timestamps) {
        lastServerTs = serverTs();
        transport.options = TcpOptions.timestamps(serverOptions, lastServerTs, lastClientTs);
      }
      const length = this.#ip(downLink, nets.down(), transport, payload);
      serverSeq =
        (serverSeq + payload.length + ((flags & (TcpFlags.SYN | TcpFlags.FIN)) !== 0 ? 1 : 0)) >>>
        0;
      return length;
    };

    // Three-way handshake.
    if (timestamps) {
      lastClientTs = clientTs();
      yield client(TcpFlags.SYN, EMPTY, TcpOptions.linuxSyn(mss, lastClientTs, 0, 7));
      lastServerTs = serverTs();
      yield server(
        TcpFlags.SYN | TcpFlags.ACK,
        EMPTY,
        TcpOptions.linuxSyn(mss, lastServerTs, lastClientTs, 9),
      );
    } else {
      yield client(TcpFlags.SYN, EMPTY, TcpOptions.windowsSyn(mss, 8));
      yield server(TcpFlags.SYN | TcpFlags.ACK, EMPTY, TcpOptions.windowsSyn(mss, 9));
    }
    yield client(TcpFlags.ACK, EMPTY);

    // Requests and responses; the client ACKs every second full segment.
    const rounds = 1 + random.int(3);
    for (let round = 0; round < rounds; round++) {
      yield client(TcpFlags.PSH | TcpFlags.ACK, this.#payload(80 + random.int(600)));
      let remaining = random.chance(0.06)
        ? segment * (40 + random.int(160))
        : 200 + random.int(segment * 12);
      let unacked = 0;
      while (remaining > 0) {
        const size = Math.min(segment, remaining);
        remaining -= size;
        yield server(
          remaining === 0 ? TcpFlags.PSH | TcpFlags.ACK : TcpFlags.ACK,
          this.#data(size),
        );
        if (++unacked === 2 || remaining === 0) {
          unacked = 0;
          yield client(TcpFlags.ACK, EMPTY);
        }
      }
    }

    // Close.
    yield client(TcpFlags.FIN | TcpFlags.ACK, EMPTY);
    yield server(TcpFlags.FIN | TcpFlags.ACK, EMPTY);
    yield client(TcpFlags.ACK, EMPTY);
  }

  *#dnsLookup(host: Host, v6: boolean): Scenario {
    const random = this.#random;
    const lan = host.lan;
    const [upLink, downLink] = this.#links(host);
    const nets = this.#nets(host, v6, lan.gatewayIpv4, lan.gatewayIpv6, 64);
    const name = random.pick(DNS_NAMES);
    const port = 32768 + random.int(28232);
    const types = random.chance(0.6) ? [1, 28] : [1];
    const ids = types.map(() => random.int(65536));
    for (let i = 0; i < types.length; i++) {
      yield this.#ip(
        upLink,
        nets.up(),
        { protocol: "udp", sourcePort: port, destinationPort: 53 },
        dnsQuery(ids[i]!, name, types[i]!),
      );
    }
    for (let i = 0; i < types.length; i++) {
      const type = types[i]!;
      const answers: Uint8Array[] = [];
      const count = 1 + random.int(4);
      for (let j = 0; j < count; j++) {
        answers.push(random.pick(type === 1 ? this.#remote4 : this.#remote6));
      }
      yield this.#ip(
        downLink,
        nets.down(),
        { protocol: "udp", sourcePort: 53, destinationPort: port },
        dnsResponse(ids[i]!, name, type, answers, 60 + random.int(3600)),
      );
    }
  }

  *#quic(host: Host, v6: boolean): Scenario {
    const random = this.#random;
    const [upLink, downLink] = this.#links(host);
    const nets = this.#nets(
      host,
      v6,
      random.pick(this.#remote4),
      random.pick(this.#remote6),
      50 + random.int(10),
    );
    const port = 32768 + random.int(28232);
    const up = { protocol: "udp", sourcePort: port, destinationPort: 443 } as const;
    const down = { protocol: "udp", sourcePort: 443, destinationPort: port } as const;
    yield this.#ip(upLink, nets.up(), up, this.#payload(1252));
    const handshake = 1 + random.int(3);
    for (let i = 0; i < handshake; i++) {
      yield this.#ip(downLink, nets.down(), down, this.#payload(1252));
    }
    yield this.#ip(upLink, nets.up(), up, this.#payload(40 + random.int(60)));
    const exchanges = random.int(30);
    for (let i = 0; i < exchanges; i++) {
      if (random.chance(0.7)) {
        yield this.#ip(
          downLink,
          nets.down(),
          down,
          this.#payload(random.chance(0.6) ? 1350 : 30 + random.int(1300)),
        );
      } else {
        yield this.#ip(upLink, nets.up(), up, this.#payload(30 + random.int(400)));
      }
    }
  }

  *#ntp(host: Host): Scenario {
    const random = this.#random;
    const [upLink, downLink] = this.#links(host);
    const nets = this.#nets(host, false, random.pick(this.#remote4), EMPTY, 54);
    const port = random.chance(0.5) ? 123 : 32768 + random.int(28232);
    const request = new Uint8Array(48);
    // Version 4, client mode, stratum 0, poll 2**6 s, precision 2**-23 s; then timestamps.
    request.set(this.#data(48));
    request.set([0x23, 0, 6, 0xe9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0);
    yield this.#ip(
      upLink,
      nets.up(),
      { protocol: "udp", sourcePort: port, destinationPort: 123 },
      request,
    );
    // Server mode, stratum 2, its root delay and dispersion, reference identifier.
    request.set(this.#data(48));
    request.set([0x24, 2, 6, 0xe9, 0, 0, 0, random.int(4), 0, 0, 0, random.int(64)], 0);
    yield this.#ip(downLink, nets.down(), {
      protocol: "udp",
      sourcePort: 123,
      destinationPort: port,
    }, request);
  }

  *#ping(host: Host, v6: boolean): Scenario {
    const random = this.#random;
    const [upLink, downLink] = this.#links(host);
    const nets = this.#nets(
      host,
      v6,
      random.pick(this.#remote4),
      random.pick(this.#remote6),
      50 + random.int(10),
    );
    const protocol = v6 ? "icmpv6" : "icmp";
    const id = random.int(65536);
    const count = 1 + random.int(5);
    // Identifier, sequence, then Linux ping's 56 bytes: a timestamp and 0x10, 0x11...
    const body = new Uint8Array(60);
    for (let seq = 1; seq <= count; seq++) {
      for (let i = 0; i < 48; i++) body[12 + i] = 0x10 + i;
      body.set([id >> 8, id & 0xff, seq >> 8, seq & 0xff], 0);
      body.set(this.#data(8), 4);
      yield this.#ip(upLink, nets.up(), { protocol, type: v6 ? 128 : 8, code: 0 }, body);
      yield this.#ip(downLink, nets.down(), { protocol, type: v6 ? 129 : 0, code: 0 }, body);
    }
  }

  *#arp(host: Host): Scenario {
    const random = this.#random;
    const lan = host.lan;
    const peer = random.chance(0.7)
      ? { mac: lan.gatewayMac, ipv4: lan.gatewayIpv4 }
      : random.pick(this.#hosts.filter((h) => h.lan === lan && h !== host));
    const vlan = lan.vlanId === undefined ? {} : { vlanId: lan.vlanId };
    yield writeArpFrame(this.frame, { source: host.mac, destination: BROADCAST, ...vlan }, {
      operation: 1,
      senderMac: host.mac,
      senderIp: host.ipv4,
      targetMac: ZERO_MAC,
      targetIp: peer.ipv4,
    });
    yield writeArpFrame(this.frame, { source: peer.mac, destination: host.mac, ...vlan }, {
      operation: 2,
      senderMac: peer.mac,
      senderIp: peer.ipv4,
      targetMac: host.mac,
      targetIp: host.ipv4,
    });
  }

  *#neighbourDiscovery(host: Host): Scenario {
    const lan = host.lan;
    const vlan = lan.vlanId === undefined ? {} : { vlanId: lan.vlanId };
    const target = lan.gatewayLinkLocal;
    const group = solicitedNode(target);
    const body = new Uint8Array(28);
    // Neighbour solicitation: reserved, target, source link-layer address option.
    body.fill(0, 0, 4);
    body.set(target, 4);
    body.set([1, 1], 20);
    body.set(host.mac, 22);
    yield this.#ip(
      { source: host.mac, destination: ipv6MulticastMac(group), ...vlan },
      { version: 6, source: host.linkLocal, destination: group, hopLimit: 255 },
      { protocol: "icmpv6", type: 135, code: 0 },
      body,
    );
    // Neighbour advertisement: router, solicited, override; target link-layer address.
    body.set([0xe0, 0, 0, 0], 0);
    body.set(target, 4);
    body.set([2, 1], 20);
    body.set(lan.gatewayMac, 22);
    yield this.#ip(
      { source: lan.gatewayMac, destination: host.mac, ...vlan },
      { version: 6, source: target, destination: host.linkLocal, hopLimit: 255 },
      { protocol: "icmpv6", type: 136, code: 0 },
      body,
    );
  }

  *#routerAdvertisement(lan: Lan): Scenario {
    const vlan = lan.vlanId === undefined ? {} : { vlanId: lan.vlanId };
    const allNodes = ipv6([0xff, 0x02], [1]);
    const body = new Uint8Array(60);
    body.fill(0);
    // Hop limit 64, lifetime 1800 s; then source link-layer address, MTU, prefix options.
    body.set([64, 0, 0x07, 0x08], 0);
    body.set([1, 1, ...lan.gatewayMac], 12);
    body.set([5, 1, 0, 0, 0, 0, 0x05, 0xdc], 20);
    body.set([3, 4, 64, 0xc0, 0, 0x27, 0x8d, 0, 0, 0x09, 0x3a, 0x80], 28);
    body.set(lan.gatewayIpv6.subarray(0, 8), 44);
    yield this.#ip(
      { source: lan.gatewayMac, destination: ipv6MulticastMac(allNodes), ...vlan },
      { version: 6, source: lan.gatewayLinkLocal, destination: allNodes, hopLimit: 255 },
      { protocol: "icmpv6", type: 134, code: 0 },
      body,
    );
  }

  *#mldReport(host: Host): Scenario {
    const vlan = host.lan.vlanId === undefined ? {} : { vlanId: host.lan.vlanId };
    const reports = ipv6([0xff, 0x02], [0x16]);
    const group = this.#random.chance(0.5) ? ipv6([0xff, 0x02], [0xfb]) : solicitedNode(host.ipv6);
    const body = new Uint8Array(24);
    // Reserved, one record: change to exclude mode, no sources, the group.
    body.set([0, 0, 0, 1, 4, 0, 0, 0], 0);
    body.set(group, 8);
    yield this.#ip(
      { source: host.mac, destination: ipv6MulticastMac(reports), ...vlan },
      {
        version: 6,
        source: host.linkLocal,
        destination: reports,
        hopLimit: 1,
        // Router alert (MLD), then a two-byte PadN.
        hopByHop: bytes(5, 2, 0, 0, 1, 0),
      },
      { protocol: "icmpv6", type: 143, code: 0 },
      body,
    );
  }

  *#igmpReport(host: Host): Scenario {
    const vlan = host.lan.vlanId === undefined ? {} : { vlanId: host.lan.vlanId };
    const group = this.#random.chance(0.5) ? bytes(224, 0, 0, 251) : bytes(239, 255, 255, 250);
    host.ipId = (host.ipId + 1) & 0xffff;
    yield this.#ip(
      {
        source: host.mac,
        destination: bytes(0x01, 0x00, 0x5e, group[1]! & 0x7f, group[2]!, group[3]!),
        ...vlan,
      },
      {
        version: 4,
        source: host.ipv4,
        destination: group,
        ttl: 1,
        id: host.ipId,
        tos: 0xc0,
        dontFragment: false,
        // Router alert.
        options: bytes(0x94, 4, 0, 0),
      },
      { protocol: "igmp", type: 0x16, code: 0 },
      group,
    );
  }
}

/** Options of `makeCapture()` and {@linkcode generatePackets}. */
export interface MakeCaptureOptions {
  /** How many packets (default 1,000,000). */
  count?: number;
  /** The PRNG seed (default 1). */
  seed?: number;
  /** The packet sizes (default `"lan"`). */
  shape?: TrafficShape;
}

/**
 * Generates the packets of the benchmark capture. Each packet's `data` is a view of a
 * buffer that the next iteration overwrites: copy it (as the pcap writers do) before
 * asking for the next.
 *
 * @param options The count and seed.
 * @returns The packets, in order.
 */
export function* generatePackets(
  options: MakeCaptureOptions = {},
): Generator<PacketToWrite, void, undefined> {
  const count = options.count ?? 1_000_000;
  const traffic = new TrafficGenerator({ seed: options.seed ?? 1, shape: options.shape ?? "lan" });
  const packet: PacketToWrite = { timestamp: 0n, data: traffic.frame };
  for (let i = 0; i < count; i++) {
    const length = traffic.next();
    packet.timestamp = BigInt(traffic.micros) * 1000n;
    packet.data = traffic.frame.subarray(0, length);
    yield packet;
  }
}
