/**
 * Cisco's VLAN Query Protocol as tcpdump's vqp_print() writes it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Vqp, type VqpObject, VqpObjectType } from "../../app/vqp.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { printCharsUntilNul } from "../_chars.ts";
import { unknownData } from "../_hex.ts";
import { readUint32 } from "../../_bytes.ts";

const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "Request, Join Port"],
  [2, "Response, VLAN"],
  [3, "Request, Reconfirm"],
  [4, "Response, Reconfirm"],
]);

const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [0, "No error"],
  [3, "Access denied"],
  [4, "Shutdown port"],
  [5, "Wrong VTP domain"],
]);

const OBJECT_NAMES: ReadonlyMap<number, string> = new Map([
  [VqpObjectType.IP_ADDRESS, "Client IP Address"],
  [VqpObjectType.PORT_NAME, "Port Name"],
  [VqpObjectType.VLAN_NAME, "VLAN Name"],
  [VqpObjectType.VTP_DOMAIN, "VTP Domain"],
  [VqpObjectType.ETHERNET_PACKET, "Ethernet Packet"],
  [VqpObjectType.MAC_NULL, "MAC Null"],
  [VqpObjectType.MAC_ADDRESS, "MAC Address"],
]);

/** The objects whose value tcpdump prints as a string (stopping at a NUL). */
const NAMES = new Set<number>([
  VqpObjectType.PORT_NAME,
  VqpObjectType.VLAN_NAME,
  VqpObjectType.VTP_DOMAIN,
  VqpObjectType.ETHERNET_PACKET,
]);

/**
 * Prints a VQP message after its UDP header.
 *
 * @param ctx The print context.
 * @param vqp The layer.
 */
export function printVqp(ctx: PrintContext, vqp: Vqp): void {
  const out = ctx.out;
  ctx.done = true;
  // The header's capture is checked before the message's length.
  if (!vqp.headerCaptured) return truncatedRead(ctx, "vqp");
  if (vqp.wireLength < 8) return invalid(ctx);
  if (vqp.version !== 1) {
    out.ascii(`VQP version ${vqp.version} packet not supported`);
    return;
  }
  const type = MESSAGE_TYPES.get(vqp.messageType) ?? `unknown (${vqp.messageType})`;
  const error = `error-code ${ERROR_CODES.get(vqp.errorCode) ?? "unknown"} (${vqp.errorCode})`;
  if (ctx.verbose < 1) {
    out.ascii(`VQPv1 ${type} Message, ${error}, length ${vqp.wireLength}`);
    return;
  }
  out.ascii(`\n\tVQPv1, ${type} Message, ${error}, seq 0x`);
  out.hex(vqp.sequence, 8);
  out.ascii(`, items ${vqp.itemCount}, length ${vqp.wireLength}`);
  const { objects, cut } = vqp.objects();
  for (const object of objects) {
    out.ascii(`\n\t  ${OBJECT_NAMES.get(object.type) ?? "Unknown"} Object (0x`);
    out.hex(object.type, 8);
    out.ascii(`), length ${object.length}, value: `);
    const status = object.status;
    if (status === "ok") printValue(ctx, vqp, object);
    else if (status === "capture") return truncatedRead(ctx, "vqp");
    else if (status !== "null") return invalid(ctx);
  }
  if (cut === "capture") truncatedRead(ctx, "vqp");
  else if (cut === "length") invalid(ctx);
}

/** Prints an object's value (captured and inside the message) by its type. */
function printValue(ctx: PrintContext, vqp: Vqp, object: VqpObject): void {
  const out = ctx.out;
  const d = vqp.data;
  const { type, valueAt, length } = object;
  if (type === VqpObjectType.IP_ADDRESS) {
    out.ipv4(d, valueAt);
    out.ascii(" (0x");
    out.hex(readUint32(d, valueAt), 8);
    out.byte(0x29);
  } else if (NAMES.has(type)) printCharsUntilNul(out, d, valueAt, length);
  else if (type === VqpObjectType.MAC_ADDRESS || type === VqpObjectType.MAC_NULL) {
    out.mac(d, valueAt);
  } else if (ctx.verbose <= 1) unknownData(ctx, valueAt, length, "\n\t    ", vqp.snapEnd);
}
