/**
 * What tcpdump's udp_print() and tcp_print() print for a datagram or segment on a port
 * they know when no byte of the payload was decoded: an empty datagram (UDP length 8), a
 * payload the capture did not keep, or one cut before the application header's first
 * field that wirekit's decoder needs. tcpdump still hands it to the port's printer, which
 * says what is missing. No packet byte is read here: the text depends on the lengths
 * alone. Private to `lib/print/`.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type PortChoice, type PortRanks, UNRANKED_PORT } from "../../layer.ts";
import { invalid, truncated, truncatedRead } from "../_truncation.ts";
import { addresses } from "../_shared.ts";

/**
 * Writes the text of one protocol for a payload of `length` bytes, on `port`, of which
 * `captured` bytes lie in the IP packet's captured bytes (past the UDP length too).
 */
type EmptyPrinter = (ctx: PrintContext, length: number, port: number, captured: number) => void;

/** One row of {@linkcode UDP_PORT_PRINTERS} or {@linkcode TCP_PORT_PRINTERS}. */
interface PortPrinter {
  readonly ports: readonly number[];
  readonly print: EmptyPrinter;
  /** The layer kind of the protocol, for `-T`, which picks the row by it. */
  readonly kind?: string;
  /** tcpdump tries the port as the destination only. */
  readonly destinationOnly?: boolean;
  /** tcpdump tries the port as the source only. */
  readonly sourceOnly?: boolean;
  /**
   * Fewer captured bytes than this (and than the decoder needs) print as none: the size
   * of what the printer checks or reads first (default 1: only an uncaptured payload).
   */
  readonly firstRead?: number | ((length: number) => number);
}

/** A printer that reads its first field with a bounds-checked read: `[|proto]`, then the packet ends. */
const cutRead = (name: string): EmptyPrinter => (ctx) => truncatedRead(ctx, name);

/** A printer that checks the bytes it needs first: `[|proto]`, and the dump goes on. */
const cut = (name: string): EmptyPrinter => (ctx) => truncated(ctx, name);

/**
 * A printer that names the protocol, then calls a payload shorter than `minimum` invalid
 * before it reads the first field.
 */
const named = (label: string, name: string, minimum: number): EmptyPrinter => (ctx, length) => {
  ctx.out.ascii(label);
  if (length < minimum) {
    ctx.out.ascii(" (invalid)");
    ctx.done = true;
  } else truncatedRead(ctx, name);
};

/**
 * The first read of a printer that checks the payload's length first: a length below
 * `minimum` prints as no payload, whatever bytes the capture holds past the UDP length.
 */
const lengthFirst = (minimum: number) => (length: number): number =>
  length < minimum ? Infinity : 1;

const dns: EmptyPrinter = (ctx, length) => {
  if (length < 12) {
    ctx.out.ascii(`domain [length ${length} < 12] (invalid)`);
    ctx.done = true;
  } else truncated(ctx, "domain");
};

const snmp: EmptyPrinter = (ctx, length) => {
  if (length === 0) {
    ctx.out.ascii(" [nothing to parse]");
    ctx.done = true;
  } else {
    // asn1_parse() names the element it could not read (none here) before the mark.
    ctx.out.byte(0x20);
    truncatedRead(ctx, "snmp");
  }
};

const ptp: EmptyPrinter = (ctx, length) => {
  if (length < 34) {
    ctx.out.ascii(` [length ${length} < 34] (invalid)`);
    ctx.done = true;
  } else truncatedRead(ctx, "ptp");
};

const ldp: EmptyPrinter = (ctx, length) => {
  // ldp_print() loops while a PDU is left: an empty datagram prints nothing.
  if (length === 0) ctx.done = true;
  else truncatedRead(ctx, "ldp");
};

const lspping: EmptyPrinter = (ctx, length) => {
  // lspping_print() checks the length before the captured header.
  if (length < 32) {
    ctx.out.ascii("\n\t\t packet is too short");
    ctx.done = true;
  } else truncatedRead(ctx, "lspping");
};

const bfd: EmptyPrinter = (ctx, length, port) => {
  if (port === 3785) {
    ctx.out.ascii(`BFD, Echo, length: ${length}`);
    ctx.done = true;
  } else truncatedRead(ctx, "bfd");
};

const tftp: EmptyPrinter = (ctx, length) => {
  ctx.out.ascii(`TFTP, length ${length}`);
  // tftp_print() checks the length before it reads the opcode.
  if (length < 2) truncated(ctx, "tftp");
  else truncatedRead(ctx, "tftp");
};

const rx: EmptyPrinter = (ctx, length) => {
  truncated(ctx, "rx");
  ctx.out.ascii(` (${length})`);
};

const geneve: EmptyPrinter = (ctx, length) => {
  if (length < 8) {
    ctx.out.ascii(`Geneve [length ${length} < 8] (invalid)`);
    ctx.done = true;
  } else {
    ctx.out.ascii("Geneve");
    truncated(ctx, "geneve");
  }
};

const isakmp = cut("isakmp");

/** isakmp_rfc3948_print() reads the non-ESP marker of a payload long enough for one. */
const natTraversal: EmptyPrinter = (ctx, length) => {
  if (length < 4) truncated(ctx, "isakmp_rfc3948");
  else truncatedRead(ctx, "isakmp_rfc3948");
};
const babel: EmptyPrinter = (ctx) => {
  ctx.out.ascii("babel");
  truncated(ctx, "babel");
};
const dhcp6: EmptyPrinter = (ctx) => {
  ctx.out.ascii("dhcp6");
  truncated(ctx, "dhcp6");
};
/** hncp_print() names the packet, then checks the first TLV's header (on its own line with -v). */
const hncp: EmptyPrinter = (ctx, length) => {
  ctx.out.ascii(`hncp (${length})`);
  if (length === 0) {
    ctx.done = true;
    return;
  }
  if (ctx.verbose > 0) ctx.out.ascii("\n\t");
  truncated(ctx, "hncp");
};
const bcmLi: EmptyPrinter = (ctx, length) => {
  if (length < 4) {
    ctx.out.ascii(` (length ${length} < 4) (invalid)`);
    ctx.done = true;
  } else truncatedRead(ctx, "bcm_li");
};
/** olsr_print() names the packet and its IP version, then checks the 4-byte header. */
const olsr: EmptyPrinter = (ctx) => {
  ctx.out.ascii(ctx.ipVersion === 6 ? "OLSRv6" : "OLSRv4");
  truncated(ctx, "olsr");
};
/** zephyr_print() finds no field in no byte, and reads the first byte of one. */
const zephyr: EmptyPrinter = (ctx, length) => {
  if (length === 0) {
    invalid(ctx);
    ctx.done = true;
  } else truncatedRead(ctx, "zephyr");
};
/** vat_print() checks the length before it reads the first word. */
const vat: EmptyPrinter = (ctx, length) => {
  if (length < 2) {
    ctx.out.ascii(`udp/va/vat, length ${length} < 2`);
    ctx.done = true;
  } else truncatedRead(ctx, "vat");
};
/** wb_print() checks the length before it reads the header. */
const wb: EmptyPrinter = (ctx, length) => {
  if (length < 12) {
    ctx.out.ascii(" (invalid)");
    ctx.done = true;
  } else truncatedRead(ctx, "wb");
};
/** rtp_print() checks the length before it reads the header. */
const rtp: EmptyPrinter = (ctx, length) => {
  if (length < 8) {
    ctx.out.ascii(`udp/rtp, length ${length} < 8`);
    ctx.done = true;
  } else truncatedRead(ctx, "rtp");
};
/** cisco_autorp_print() checks the 8-byte header's length, then names it and reads the type. */
const autoRp: EmptyPrinter = (ctx, length) => {
  if (length < 8) truncated(ctx, "cisco_autorp");
  else {
    ctx.out.ascii(" auto-rp ");
    truncatedRead(ctx, "cisco_autorp");
  }
};
/**
 * vqp_print() checks that the 8-byte header was captured (up to the IP packet's end), then
 * that the message holds it.
 */
const vqp: EmptyPrinter = (ctx, _length, _port, captured) => {
  if (captured < 8) return truncatedRead(ctx, "vqp");
  ctx.out.ascii(" (invalid)");
  ctx.done = true;
};
/**
 * What otv_print() prints, after its name, for a message shorter than its 8-byte header:
 * the lengths, invalid, and the truncation mark when the capture does not hold the
 * message's `length` bytes (a read: the whole frame is dumped).
 *
 * @param ctx The print context.
 * @param length The message's length.
 * @param captured How many of its bytes the capture holds.
 */
export function otvTooShort(ctx: PrintContext, length: number, captured: number): void {
  ctx.out.ascii(`[length ${length} < 8]`);
  invalid(ctx);
  ctx.done = true;
  if (captured < length) truncatedRead(ctx, "otv");
}
/** otv_print() names itself, checks the length, then reads the flags. */
const otv: EmptyPrinter = (ctx, length, _port, captured) => {
  ctx.out.ascii("OTV, ");
  if (length < 8) otvTooShort(ctx, length, captured);
  else truncatedRead(ctx, "otv");
};
/**
 * What vxlan_gpe_print() prints, after its name, for a message shorter than its 8-byte
 * header: the lengths and invalid; it reads nothing.
 *
 * @param ctx The print context.
 * @param length The message's length.
 */
export function vxlanGpeTooShort(ctx: PrintContext, length: number): void {
  ctx.out.ascii(` (len ${length} < 8)`);
  invalid(ctx);
  ctx.done = true;
}
/** vxlan_gpe_print() names itself, checks the length, then reads the flags. */
const vxlanGpe: EmptyPrinter = (ctx, length) => {
  ctx.out.ascii("VXLAN-GPE, ");
  if (length < 8) vxlanGpeTooShort(ctx, length);
  else truncatedRead(ctx, "vxlan_gpe");
};
const nothing: EmptyPrinter = (ctx) => {
  ctx.done = true;
};
const sip: EmptyPrinter = (ctx) => {
  ctx.out.ascii("SIP");
  ctx.done = true;
};

/**
 * PGM over UDP (`-T pgm` alone, no port): pgm_print() names the IP addresses without ports
 * when it cannot read the ports.
 */
const pgmOverUdp: EmptyPrinter = (ctx) => {
  addresses(ctx);
  ctx.out.byte(0x3a);
  truncated(ctx, "pgm");
};

/**
 * The ports in the order udp_print() tries them, each with its printer; a datagram goes
 * to the first entry whose port is the source or destination (VAT, WB, HSRP and BFD:
 * destination only; Broadcom LI: source only) and that the registry binds to a decoder.
 */
const UDP_PORT_PRINTERS: readonly PortPrinter[] = [
  // domain_print() checks the length before it reads the header.
  { ports: [53, 5353], kind: "dns", print: dns, firstRead: (length) => length < 12 ? Infinity : 1 },
  // timed_print() reads the type byte first, with no length check.
  { ports: [525], print: cutRead("timed") },
  { ports: [69], kind: "tftp", print: tftp, firstRead: lengthFirst(2) },
  { ports: [67, 68], print: cutRead("bootp") },
  { ports: [520], print: cut("rip") },
  // aodv_print() reads the message type first.
  { ports: [654], kind: "aodv", print: cutRead("aodv") },
  { ports: [500], print: isakmp },
  { ports: [4500], print: natTraversal },
  { ports: [7500, 8500], print: isakmp },
  { ports: [161, 162], kind: "snmp", print: snmp, firstRead: lengthFirst(1) },
  { ports: [123], print: cutRead("ntp") },
  { ports: [88, 750], print: cut("krb") },
  { ports: [1701], print: cutRead("l2tp"), firstRead: 2 },
  { ports: [3456], kind: "vat", print: vat, destinationOnly: true },
  // zephyr_print() finds no version field in an empty notice, and reads a cut one.
  { ports: [2103, 2104], print: zephyr },
  { ports: [7000, 7001, 7002, 7003, 7004, 7005, 7006, 7007, 7008, 7009], print: rx },
  { ports: [521], print: cutRead("ripng") },
  { ports: [547, 546], print: dhcp6 },
  { ports: [5359], print: named("AHCP", "ahcp", 2) },
  { ports: [6696, 6697], print: babel },
  { ports: [8231], print: hncp },
  { ports: [4567], kind: "wb", print: wb, destinationOnly: true },
  { ports: [496], print: autoRp },
  // radius_print() checks the 20-byte header before it reads a field.
  {
    ports: [1645, 1812, 1646, 1813, 1700, 3799],
    kind: "radius",
    print: cut("radius"),
    firstRead: 20,
  },
  { ports: [1985], print: cutRead("hsrp"), destinationOnly: true },
  // lwres_print() checks the 28-byte header first, a check that ends the packet.
  { ports: [921], print: cutRead("lwres"), firstRead: 28 },
  { ports: [646], print: ldp, firstRead: 10 },
  { ports: [698], print: olsr, firstRead: 4 },
  { ports: [3503], print: lspping },
  // bcm_li_print() checks the length before it reads the shim.
  {
    ports: [49152],
    print: bcmLi,
    sourceOnly: true,
    firstRead: (length) => length < 4 ? Infinity : 1,
  },
  { ports: [3784, 4784, 6784, 3785], print: bfd, destinationOnly: true },
  // lmp_print() checks its 8-byte header before it reads a field.
  { ports: [701], kind: "lmp", print: cutRead("lmp") },
  // vqp_print() checks the 8-byte header's capture first.
  { ports: [1589], print: vqp, firstRead: Infinity },
  { ports: [6343], print: cutRead("sflow"), firstRead: 8 },
  // lwapp_control_print() (the AP identity first when sent to the port) and
  // lwapp_data_print() test the header's capture before they read it.
  { ports: [12223], print: cut("lwapp_control") },
  { ports: [12222], print: cut("lwapp_data") },
  { ports: [5060], print: sip },
  { ports: [514], print: cutRead("syslog") },
  { ports: [8472], print: otv, firstRead: Infinity },
  {
    ports: [4789],
    kind: "vxlan",
    print: named("VXLAN", "vxlan", 8),
    firstRead: lengthFirst(8),
  },
  { ports: [6081], print: geneve, firstRead: 8 },
  // lisp_print() checks the 16-byte header before it reads a field.
  { ports: [4342], print: cut("lisp"), firstRead: 16 },
  { ports: [4790], print: vxlanGpe, firstRead: Infinity },
  { ports: [6635], print: named("MPLS", "mpls", 4), firstRead: 4 },
  // ptp_print() checks the length before it reads the message type and version.
  { ports: [319, 320], kind: "ptp", print: ptp, firstRead: (length) => length < 34 ? Infinity : 2 },
  {
    ports: [30490],
    kind: "someip",
    print: named("SOMEIP", "someip", 16),
    firstRead: lengthFirst(16),
  },
  // -T alone, no port: rtp_print() checks the length first; udp_print() loops over RTCP
  // packets while a byte is captured (none: nothing); cnfp_print() reads the version first;
  // pgm_print() the two ports.
  { ports: [], kind: "rtp", print: rtp, firstRead: lengthFirst(8) },
  { ports: [], kind: "rtcp", print: nothing },
  { ports: [], kind: "cnfp", print: cutRead("cnfp") },
  { ports: [], kind: "pgm", print: pgmOverUdp, firstRead: 4 },
];

/** What a text protocol's printer (txtproto_print()) writes when it finds no line. */
const text = (name: string): EmptyPrinter => (ctx, length) => {
  ctx.out.ascii(`: ${name.toUpperCase()}`);
  if (ctx.verbose > 0) ctx.out.ascii(`, length: ${length}`);
  truncatedRead(ctx, name);
};

/** A printer that names the protocol and stops: it loops over no message. */
const label = (words: string): EmptyPrinter => (ctx) => {
  ctx.out.ascii(words);
  ctx.done = true;
};

const dnsOverTcp: EmptyPrinter = (ctx, length) => {
  if (length < 2) {
    ctx.out.ascii(` [DNS over TCP: length ${length} < 2] (invalid)`);
    ctx.done = true;
  } else truncatedRead(ctx, "domain");
};

const rpkiRtr: EmptyPrinter = (ctx) => {
  if (ctx.verbose > 0) return truncatedRead(ctx, "rpki_rtr");
  ctx.out.ascii(", RPKI-RTR");
  ctx.done = true;
};

/** The same for tcp_print(), which calls no printer for an empty segment. */
const TCP_PORT_PRINTERS: readonly PortPrinter[] = [
  { ports: [23], print: cutRead("telnet") },
  { ports: [25], print: text("smtp") },
  { ports: [43], print: text("whois") },
  { ports: [179], print: label(": BGP") },
  { ports: [1723], print: named(": pptp", "pptp", 0) },
  // resp_print() reads the first type byte.
  { ports: [6379], kind: "resp", print: named(": RESP", "resp", 0) },
  // zmtp1_print() loops over no frame (-T zmtp1 only: no port).
  { ports: [], kind: "zmtp1", print: label(": ZMTP/1.0") },
  { ports: [22], print: cutRead("ssh") },
  { ports: [6633, 6653], print: named(": OpenFlow", "openflow", 0) },
  { ports: [21], print: text("ftp") },
  // http_print() prints its lines only after it recognized the first.
  { ports: [80, 8080], print: label(": HTTP") },
  { ports: [554, 8554], print: label(": RTSP") },
  { ports: [53], kind: "dns", print: dnsOverTcp },
  // rpki_rtr_print() names the protocol without -v, and with -v reads the first version.
  { ports: [323], print: rpkiRtr },
  { ports: [646], print: ldp, firstRead: 10 },
];

/**
 * Each port's row in a table (its first), by destination and by source (where the row
 * takes the destination only, the source is not ranked; the source only, the destination).
 */
function portRanks(rows: readonly PortPrinter[]): PortRanks {
  const destination = new Uint8Array(65536).fill(UNRANKED_PORT);
  const source = new Uint8Array(65536).fill(UNRANKED_PORT);
  rows.forEach(({ ports, destinationOnly, sourceOnly }, rank) => {
    for (const port of ports) {
      if (!sourceOnly && destination[port] === UNRANKED_PORT) destination[port] = rank;
      if (!destinationOnly && source[port] === UNRANKED_PORT) source[port] = rank;
    }
  });
  return { destination, source };
}

/**
 * The order in which the printing pipeline tries the ports of a packet whose two ports it
 * knows, as tcpdump picks the printer: the first row of its list that either port hits.
 */
export const tcpdumpPortChoice: PortChoice = {
  tcp: portRanks(TCP_PORT_PRINTERS),
  udp: portRanks(UDP_PORT_PRINTERS),
};

/**
 * Prints what tcpdump prints for a UDP datagram or TCP segment whose payload was not
 * decoded, when one of its ports leads tcpdump to a protocol's printer that wirekit has a
 * decoder for.
 *
 * @param ctx The print context.
 * @param tcp A TCP segment, not a UDP datagram.
 * @param sourcePort The source port.
 * @param destinationPort The destination port.
 * @param length The payload's length.
 * @param captured How many payload bytes were captured.
 * @returns Whether it printed.
 */
export function printEmptyPayload(
  ctx: PrintContext,
  tcp: boolean,
  sourcePort: number,
  destinationPort: number,
  length: number,
  captured: number,
): boolean {
  const rows = tcp ? TCP_PORT_PRINTERS : UDP_PORT_PRINTERS;
  const forced = ctx.packetType;
  if (forced !== undefined) {
    // -T: the type's printer, whatever the ports.
    const kind = tcp ? forced.tcp : forced.udp;
    const row = kind === undefined ? undefined : rows.find((row) => row.kind === kind);
    return row !== undefined && printRow(ctx, row, length, captured, destinationPort);
  }
  const bound = tcp ? ctx.registry.tcpPorts : ctx.registry.udpPorts;
  for (const row of rows) {
    const { ports, destinationOnly, sourceOnly } = row;
    for (const port of ports) {
      const hit = (!sourceOnly && port === destinationPort) ||
        (!destinationOnly && port === sourcePort);
      if (hit && bound.has(port)) return printRow(ctx, row, length, captured, port);
    }
  }
  return false;
}

/** Prints a row's text unless the decoder had the bytes it needs; returns whether it did. */
function printRow(
  ctx: PrintContext,
  row: PortPrinter,
  length: number,
  captured: number,
  port: number,
): boolean {
  const { firstRead = 1 } = row;
  if (captured >= (typeof firstRead === "number" ? firstRead : firstRead(length))) return false;
  row.print(ctx, length, port, captured);
  return true;
}
