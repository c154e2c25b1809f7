/**
 * The network of the benchmark traffic generator (`_traffic.ts`): its seedable PRNG, two
 * LANs (one on VLAN 20) behind a router, 64 hosts, the remote servers and the pool of
 * random payload bytes, built from the PRNG in a fixed order so that a seed always gives
 * the same network.
 *
 * Private to `bench/`.
 *
 * @module
 */

/** A small, fast, seedable PRNG (mulberry32). */
export class Random {
  #state: number;

  /**
   * Seeds the generator.
   *
   * @param seed Any 32-bit integer.
   */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /**
   * Returns the next 32-bit unsigned integer.
   *
   * @returns An integer in `[0, 2**32)`.
   */
  uint32(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /**
   * Returns an integer below `n`.
   *
   * @param n The bound, at most 2**32.
   * @returns An integer in `[0, n)`.
   */
  int(n: number): number {
    return Math.floor((this.uint32() / 0x100000000) * n);
  }

  /**
   * Returns `true` with probability `p`.
   *
   * @param p The probability.
   * @returns The outcome.
   */
  chance(p: number): boolean {
    return this.uint32() < p * 0x100000000;
  }

  /**
   * Picks an element.
   *
   * @param items A non-empty array.
   * @returns One of its elements.
   */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A LAN: its VLAN and its router. */
export interface Lan {
  /** Its 802.1Q VLAN, or `undefined` when untagged. */
  vlanId: number | undefined;
  /** The router's MAC address. */
  gatewayMac: Uint8Array;
  /** The router's IPv4 address. */
  gatewayIpv4: Uint8Array;
  /** The router's global IPv6 address. */
  gatewayIpv6: Uint8Array;
  /** The router's link-local IPv6 address. */
  gatewayLinkLocal: Uint8Array;
}

/** A host of a LAN. */
export interface Host {
  /** The LAN it is on. */
  lan: Lan;
  /** Its MAC address. */
  mac: Uint8Array;
  /** Its IPv4 address. */
  ipv4: Uint8Array;
  /** Its global IPv6 address. */
  ipv6: Uint8Array;
  /** Its link-local IPv6 address. */
  linkLocal: Uint8Array;
  /** Offset of the host's TCP timestamp clock. */
  tsOffset: number;
  /** Next IPv4 identification. */
  ipId: number;
}

/** The names the hosts look up (the servers of the DNS scenario). */
export const DNS_NAMES = [
  "www.example.com",
  "example.org",
  "api.github.com",
  "github.com",
  "objects.githubusercontent.com",
  "www.google.com",
  "fonts.gstatic.com",
  "www.wikipedia.org",
  "en.wikipedia.org",
  "upload.wikimedia.org",
  "deb.debian.org",
  "security.debian.org",
  "registry.npmjs.org",
  "jsr.io",
  "deno.land",
  "dl.deno.land",
  "pypi.org",
  "files.pythonhosted.org",
  "time.cloudflare.com",
  "connectivity-check.ubuntu.com",
  "login.microsoftonline.com",
  "outlook.office365.com",
  "www.youtube.com",
  "i.ytimg.com",
  "static.xx.fbcdn.net",
  "mail.example.net",
  "imap.example.net",
  "cdn.jsdelivr.net",
  "unpkg.com",
  "s3.amazonaws.com",
  "ocsp.digicert.com",
  "tcpdump.org",
];

/** What {@linkcode buildNetwork} builds. */
export interface Network {
  /** The LANs. */
  lans: Lan[];
  /** The hosts of the LANs. */
  hosts: Host[];
  /** Remote IPv4 servers. */
  remote4: Uint8Array[];
  /** Remote IPv6 servers. */
  remote6: Uint8Array[];
  /** Random bytes that payloads are views of. */
  pool: Uint8Array;
}

/**
 * Builds the LANs, hosts, remote servers and payload pool from the PRNG.
 *
 * @param random The generator's PRNG (its state advances).
 * @returns The network.
 */
export function buildNetwork(random: Random): Network {
  const router = bytes(0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x01);
  const hosts: Host[] = [];
  const remote4: Uint8Array[] = [];
  const remote6: Uint8Array[] = [];
  const lans: Lan[] = [
    {
      vlanId: undefined,
      gatewayMac: router,
      gatewayIpv4: bytes(192, 168, 1, 1),
      gatewayIpv6: ipv6([0x20, 0x01, 0x0d, 0xb8, 0, 1], [1]),
      gatewayLinkLocal: ipv6([0xfe, 0x80], [0x02, 0x1b, 0x21, 0xff, 0xfe, 0x3a, 0x4f, 0x01]),
    },
    {
      vlanId: 20,
      gatewayMac: router,
      gatewayIpv4: bytes(10, 20, 0, 1),
      gatewayIpv6: ipv6([0x20, 0x01, 0x0d, 0xb8, 0, 20], [1]),
      gatewayLinkLocal: ipv6([0xfe, 0x80], [0x02, 0x1b, 0x21, 0xff, 0xfe, 0x3a, 0x4f, 0x01]),
    },
  ];
  for (let i = 0; i < 64; i++) {
    const lan = lans[i < 56 ? 0 : 1]!;
    const mac = bytes(0x3c, 0x22, 0xfb, random.int(256), random.int(256), i);
    const n = 10 + i;
    const ip4 = lan.gatewayIpv4.slice();
    ip4[3] = n;
    const ip6 = lan.gatewayIpv6.slice();
    ip6.set([random.int(256), random.int(256), random.int(256), n], 12);
    const iid = [mac[0]! ^ 2, mac[1]!, mac[2]!, 0xff, 0xfe, mac[3]!, mac[4]!, mac[5]!];
    hosts.push({
      lan,
      mac,
      ipv4: ip4,
      ipv6: ip6,
      linkLocal: ipv6([0xfe, 0x80], iid),
      tsOffset: random.uint32(),
      ipId: random.int(65536),
    });
  }
  const prefixes4 = [[93, 184], [151, 101], [142, 250], [104, 16], [13, 107], [52, 84]];
  const prefixes6 = [
    [0x26, 0x06, 0x47, 0x00],
    [0x2a, 0x00, 0x14, 0x50],
    [0x2a, 0x04, 0x4e, 0x42],
    [0x26, 0x20, 0x01, 0xec],
  ];
  for (let i = 0; i < 48; i++) {
    const p4 = random.pick(prefixes4);
    remote4.push(bytes(p4[0]!, p4[1]!, random.int(256), 1 + random.int(254)));
    const tail = [random.int(256), random.int(256), random.int(256), random.int(256)];
    remote6.push(ipv6(random.pick(prefixes6), tail));
  }
  const pool = new Uint8Array(65536);
  for (let i = 0; i < pool.length; i += 4) {
    const v = random.uint32();
    pool[i] = v & 0xff;
    pool[i + 1] = (v >>> 8) & 0xff;
    pool[i + 2] = (v >>> 16) & 0xff;
    pool[i + 3] = v >>> 24;
  }
  return { lans, hosts, remote4, remote6, pool };
}

/** The bytes of the arguments. */
export function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

/** An IPv6 address: a prefix, zeros, then a tail. */
export function ipv6(prefix: number[], tail: number[]): Uint8Array {
  const address = new Uint8Array(16);
  address.set(prefix, 0);
  address.set(tail, 16 - tail.length);
  return address;
}

/** Solicited-node multicast address (RFC 4291) of an IPv6 address. */
export function solicitedNode(address: Uint8Array): Uint8Array {
  return ipv6([0xff, 0x02], [0, 0, 0, 0, 0, 1, 0xff, address[13]!, address[14]!, address[15]!]);
}

/** The Ethernet multicast address of an IPv6 multicast address (RFC 2464). */
export function ipv6MulticastMac(address: Uint8Array): Uint8Array {
  return bytes(0x33, 0x33, address[12]!, address[13]!, address[14]!, address[15]!);
}
