/**
 * The Realtek protocols of EtherType `0x8899` as tcpdump's rtl_print() and rrcp_print()
 * write them: the link addresses (also with `-e`, after the Ethernet header's), then the
 * protocol's name, and for RRCP the opcode and its fields, the same at every verbosity.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Realtek, RealtekProtocol, RrcpOpcode } from "../../link/realtek.ts";
import { truncatedRead } from "../_truncation.ts";

/** The RRCP opcodes' names (tcpdump's `opcode_values`). */
const OPCODES: readonly string[] = ["hello", "get", "set"];

/**
 * Prints a Realtek protocol message.
 *
 * @param ctx The print context.
 * @param rtl The layer.
 */
export function printRealtek(ctx: PrintContext, rtl: Realtek): void {
  ctx.done = true;
  const out = ctx.out;
  // tcpdump's ethertype_print() hands rtl_print() the addresses of the frame's link header
  // (none from a cooked header, Frame Relay or Geneve), which it prints even after -e's.
  if (ctx.macAt >= 0) {
    out.mac(ctx.data, ctx.sourceMacAt >= 0 ? ctx.sourceMacAt : ctx.macAt + 6);
    out.ascii(" > ");
    out.mac(ctx.data, ctx.macAt);
    out.ascii(", ");
  }
  const protocol = rtl.protocol;
  if (protocol < 0) return truncatedRead(ctx, "rtl");
  if (protocol === RealtekProtocol.RRCP) return printRrcp(ctx, rtl);
  if (protocol === RealtekProtocol.REP) out.ascii("REP");
  else if (protocol === RealtekProtocol.RLDP || protocol === RealtekProtocol.RLDP2) {
    out.ascii("RLDP");
  } else if (protocol === RealtekProtocol.DSA) out.ascii("Realtek 8-byte DSA tag");
  else if ((protocol & 0xf0) === RealtekProtocol.RTL8306_DSA) {
    out.ascii("Realtek RTL8306 4-byte DSA tag");
  } else if ((protocol & 0xf0) === RealtekProtocol.RTL8366RB_DSA) {
    out.ascii("Realtek RTL8366RB 4-byte DSA tag");
  } else {
    out.ascii("Realtek unknown type 0x");
    out.hex(protocol, 2);
  }
}

/** Prints an RRCP message, each group of fields only when all of them were captured. */
function printRrcp(ctx: PrintContext, rrcp: Realtek): void {
  const out = ctx.out;
  const opcode = rrcp.opcode;
  // tcpdump reads each field as it prints it: the first one past the capture ends the packet.
  if (opcode < 0) return truncatedRead(ctx, "rrcp");
  out.ascii(rrcp.isReply ? "RRCP reply: " : "RRCP query: ");
  const name = OPCODES[opcode];
  if (name !== undefined) out.ascii(name);
  else {
    out.ascii("unknown opcode (0x");
    out.hex(opcode, 2);
    out.byte(0x29);
  }
  const register = opcode === RrcpOpcode.GET || opcode === RrcpOpcode.SET;
  if (register) {
    const address = rrcp.registerAddress;
    const data = rrcp.registerData;
    if (address < 0 || data < 0) return truncatedRead(ctx, "rrcp");
    out.ascii(" addr=0x");
    out.hex(address, 4);
    out.ascii(", data=0x");
    out.hex(data, 8);
  }
  const auth = rrcp.authKey;
  if (auth < 0) return truncatedRead(ctx, "rrcp");
  out.ascii(", auth=0x");
  out.hex(auth, 4);
  if (register) {
    const cookie1 = rrcp.cookie1;
    const cookie2 = rrcp.cookie2;
    if (cookie1 < 0 || cookie2 < 0) return truncatedRead(ctx, "rrcp");
    // tcpdump prints the second cookie first.
    out.ascii(", cookie=0x");
    out.hex(cookie2, 8);
    out.hex(cookie1, 8);
    out.byte(0x20);
  } else if (opcode === RrcpOpcode.HELLO && rrcp.isReply) {
    const mac = rrcp.uplinkMacOffset;
    const vendor = rrcp.vendorId;
    const chip = rrcp.chipId;
    if (mac < 0 || vendor < 0 || chip < 0) return truncatedRead(ctx, "rrcp");
    out.ascii(" downlink_port=");
    out.uint(rrcp.downlinkPort);
    out.ascii(", uplink_port=");
    out.uint(rrcp.uplinkPort);
    out.ascii(", uplink_mac=");
    out.mac(rrcp.data, mac);
    // tcpdump's format puts the comma after the space.
    out.ascii(", vendor_id=");
    out.hex(vendor, 8);
    out.ascii(" ,chip_id=");
    out.hex(chip, 4);
    out.byte(0x20);
  }
}
