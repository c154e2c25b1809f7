/**
 * tcpdump's `-T TYPE`: every UDP datagram (and, for a few types, every TCP segment) is
 * printed as one protocol, whatever its ports, as Wireshark's "Decode As" does.
 *
 * @module
 */

/** Where a `-T` type applies: the layer kind it decodes UDP and TCP payloads as. */
export interface PacketTypeBinding {
  /** The layer kind of every UDP payload, or `undefined`: tcpdump prints nothing after IP. */
  readonly udp?: string;
  /** The layer kind of every TCP payload, or `undefined`: no payload is printed. */
  readonly tcp?: string;
  /** The layer kinds of IP protocol numbers, in place of their own (`carp`: 112). */
  readonly ipProtocols?: Readonly<Record<number, string>>;
  /** What PGM's ODATA and RDATA data is printed as (`pgm_zmtp1`: ZeroMQ datagrams). */
  readonly pgmData?: "zmtp1";
  /** The type's printer reads on past the UDP length, to the IP packet's captured end. */
  readonly pastLength?: boolean;
}

/**
 * The `-T` types that wirekit prints, by tcpdump's names: what tcpdump 4.99's udp_print()
 * and tcp_print() decode with each.
 */
export const PACKET_TYPES: Readonly<Record<string, PacketTypeBinding>> = {
  aodv: { udp: "aodv" },
  carp: { ipProtocols: { 112: "carp" } },
  cnfp: { udp: "cnfp", pastLength: true },
  domain: { udp: "dns", tcp: "dns" },
  lmp: { udp: "lmp" },
  pgm: { udp: "pgm" },
  pgm_zmtp1: { udp: "pgm", pgmData: "zmtp1" },
  ptp: { udp: "ptp" },
  radius: { udp: "radius" },
  resp: { tcp: "resp" },
  rtcp: { udp: "rtcp", pastLength: true },
  rtp: { udp: "rtp" },
  snmp: { udp: "snmp" },
  someip: { udp: "someip" },
  tftp: { udp: "tftp" },
  vat: { udp: "vat" },
  vxlan: { udp: "vxlan" },
  wb: { udp: "wb" },
  zmtp1: { tcp: "zmtp1" },
};

/** tcpdump's other `-T` types, which wirekit does not print. */
export const UNSUPPORTED_PACKET_TYPES: readonly string[] = [
  "rpc",
];

/**
 * Looks a `-T` type up, as tcpdump does (case-insensitively).
 *
 * @param name The type's name, as given to `-T`.
 * @returns Its binding.
 * @throws {TypeError} For a type tcpdump does not know, or one wirekit does not print.
 *
 * @example Look up DNS
 * ```ts
 * import { packetTypeBinding } from "./packet_type.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(packetTypeBinding("DOMAIN"), { udp: "dns", tcp: "dns" });
 * assert.throws(() => packetTypeBinding("xyz"), /unknown packet type/);
 * ```
 */
export function packetTypeBinding(name: string): PacketTypeBinding {
  const type = name.toLowerCase();
  const binding = Object.hasOwn(PACKET_TYPES, type) ? PACKET_TYPES[type] : undefined;
  if (binding !== undefined) return binding;
  const supported = Object.keys(PACKET_TYPES).join(", ");
  if (UNSUPPORTED_PACKET_TYPES.includes(type)) {
    throw new TypeError(
      `Cannot use -T ${name}: wirekit does not print that packet type yet; it prints ${supported}`,
    );
  }
  throw new TypeError(`Cannot use -T ${name}: unknown packet type, use one of ${supported}`);
}
