/**
 * LWAPP as tcpdump's lwapp_control_print() and lwapp_data_print() write it.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { Lwapp } from "../../app/lwapp.ts";
import { truncated } from "../_truncation.ts";
import { bitNames } from "../_shared.ts";
import { unknownData } from "../_hex.ts";

const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x01, "Last Fragment Bit"],
  [0x02, "Fragment Bit"],
  [0x04, "Control Bit"],
];

const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "Discovery req"],
  [2, "Discovery resp"],
  [3, "Join req"],
  [4, "Join resp"],
  [5, "Join ack"],
  [6, "Join confirm"],
  [10, "Configure req"],
  [11, "Configure resp"],
  [12, "Update req"],
  [13, "Update resp"],
  [14, "WTP event req"],
  [15, "WTP event resp"],
  [16, "Change state event req"],
  [17, "Change state event resp"],
  [22, "Echo req"],
  [23, "Echo resp"],
  [24, "Image data req"],
  [25, "Image data resp"],
  [26, "Channel status req"],
  [27, "Channel status resp"],
  [30, "Key update req"],
  [31, "Key update resp"],
  [32, "Primary discovery req"],
  [33, "Primary discovery resp"],
  [34, "Data transfer req"],
  [35, "Data transfer resp"],
  [36, "Clear config ind"],
  [37, "Wlan config req"],
  [38, "Wlan config resp"],
  [39, "Mobile config req"],
  [40, "Mobile config resp"],
]);

/**
 * Prints an LWAPP frame after its UDP header.
 *
 * @param ctx The print context.
 * @param lwapp The layer.
 */
export function printLwapp(ctx: PrintContext, lwapp: Lwapp): void {
  ctx.done = true;
  const name = lwapp.mode === "data" ? "lwapp_data" : "lwapp_control";
  // Both printers test the header's capture (no read that ends the packet).
  if (!lwapp.headerCaptured) return void truncated(ctx, name);
  const out = ctx.out;
  const version = lwapp.version;
  if (version !== 0) {
    out.ascii(`LWAPP version ${version} packet not supported`);
    return;
  }
  const kind = lwapp.controlBit ? "Control" : "Data";
  const flags = bitNames(FLAG_NAMES, lwapp.flags);
  if (ctx.verbose < 1) {
    out.ascii(`LWAPPv0, ${kind} frame, Flags [${flags}], length ${lwapp.wireLength}`);
    return;
  }
  if (lwapp.mode === "data") return printData(ctx, lwapp, kind, flags);
  out.ascii(
    `LWAPPv0, ${kind} frame, Radio-id ${lwapp.radioId}, Flags [${flags}], ` +
      `Frag-id ${lwapp.fragmentId}, length ${lwapp.length}`,
  );
  if (lwapp.apIdentityAt >= 0) {
    out.ascii("\n\tAP identity: ");
    out.mac(lwapp.data, lwapp.apIdentityAt);
  }
  const { messages, cut } = lwapp.messages();
  for (const m of messages) {
    out.ascii(
      `\n\t  Msg type: ${MESSAGE_TYPES.get(m.type) ?? "Unknown"} (${m.type}), ` +
        `Seqnum: ${m.sequence}, Msg len: ${m.length}, Session: 0x`,
    );
    out.hex(m.session, 8);
    if (!m.captured) return void truncated(ctx, name);
  }
  if (cut === "capture") truncated(ctx, name);
  else if (cut === "pdu") out.ascii("\n\t  Msg goes past end of PDU");
}

/** The verbose line of a data frame (two spaces before its numbers), then its hex dump. */
function printData(ctx: PrintContext, lwapp: Lwapp, kind: string, flags: string): void {
  const out = ctx.out;
  const length = lwapp.length;
  if (length < 6) {
    out.ascii(
      `LWAPPv0, ${kind} frame, Radio-id  ${lwapp.radioId}, Flags [${flags}], ` +
        `length ${length} < transport header length`,
    );
    return;
  }
  out.ascii(
    `LWAPPv0, ${kind} frame, Radio-id  ${lwapp.radioId}, Flags [${flags}], ` +
      `Frag-id  ${lwapp.fragmentId}, length ${length}`,
  );
  unknownData(ctx, lwapp.payloadAt, length - 6, "\n\t", lwapp.snapEnd);
}
