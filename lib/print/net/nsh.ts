/**
 * NSH as tcpdump's nsh_print() writes it: the flags (with `-vv` the version and next
 * protocol, with `-vvv` the TTL, length and MD type), the service path and index, with
 * `-vvv` the context headers (MD type 1) or TLVs (MD type 2), then the packet inside.
 *
 * @module
 */

import { invalid, readCut, truncatedRead } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import type { Nsh } from "../../net/nsh.ts";
import { packetAfterHeader } from "./_ether_tunnel.ts";

/**
 * Prints an NSH header.
 *
 * @param ctx The print context.
 * @param nsh The layer.
 * @param next The layer after it.
 */
export function printNsh(ctx: PrintContext, nsh: Nsh, next: Layer | undefined): void {
  const out = ctx.out;
  const length = linkPayloadLength(ctx, nsh.offset);
  if (length < 8) return stop(ctx, ` (packet length ${length} < 8)`);
  // Each field is read with a bounds-checked read, printed once read.
  if (nsh.version < 0) return truncatedRead(ctx, "nsh");
  out.ascii("NSH, ");
  if (ctx.verbose > 1) out.ascii(`ver ${nsh.version}, `);
  if (nsh.version !== 0) {
    ctx.done = true;
    return;
  }
  out.ascii(nsh.oam ? "flags [O], " : "flags [none], ");
  if (ctx.verbose > 2) {
    out.ascii(`TTL ${nsh.ttl}, length ${nsh.length}, md type ${MD_TYPES[nsh.mdType] ?? ""}`);
    if (MD_TYPES[nsh.mdType] === undefined) out.ascii(`unknown (0x${hex2(nsh.mdType)})`);
    out.ascii(", ");
  }
  if (ctx.verbose > 1) {
    const name = NEXT_PROTOCOLS.get(nsh.nextProtocol) ?? `unknown (0x${hex2(nsh.nextProtocol)})`;
    out.ascii(`next-protocol ${name}, `);
  }
  if (length < nsh.length * 4) return stop(ctx, ` (too many headers for packet length ${length})`);
  if (nsh.servicePathId < 0) return truncatedRead(ctx, "nsh");
  out.ascii("service-path-id 0x");
  out.hex(nsh.servicePathId, 6);
  out.ascii(", ");
  if (nsh.serviceIndex < 0) return truncatedRead(ctx, "nsh");
  out.ascii("service-index 0x");
  out.hex(nsh.serviceIndex);
  if (nsh.length < 2) return stop(ctx, " (less than two headers)");
  const shown = ctx.verbose > 2 && (nsh.mdType === 1 || nsh.mdType === 2);
  if (shown && !contextHeaders(ctx, nsh)) return;
  if (!shown && !nsh.whole) return truncatedRead(ctx, "nsh");
  out.ascii(ctx.verbose > 0 ? "\n    " : ": ");
  packetAfterHeader(ctx, nsh, nsh.nextProtocol, length, nsh.length * 4, next, false);
}

/** Prints `text`, then ` (invalid)`, and ends the packet. */
function stop(ctx: PrintContext, text: string): void {
  ctx.out.ascii(text);
  invalid(ctx);
  ctx.done = true;
}

/**
 * Prints the MD type 1 context headers or the MD type 2 TLVs (`-vvv`).
 *
 * @returns Whether the packet goes on.
 */
function contextHeaders(ctx: PrintContext, nsh: Nsh): boolean {
  const out = ctx.out;
  if (nsh.mdType === 1) {
    if (nsh.length !== 6) {
      stop(ctx, " (invalid length for the MD type)");
      return false;
    }
    const words = nsh.contextHeaders;
    words.forEach((word, n) => {
      out.ascii(`\n        Context[${n < 10 ? "0" : ""}${n}]: 0x`);
      out.hex(word, 8);
    });
    if (words.length < 4) truncatedRead(ctx, "nsh");
    return words.length === 4;
  }
  for (const tlv of nsh.tlvs) {
    out.ascii(`\n        TLV Class ${tlv.tlvClass}, Type ${tlv.type}, Len ${tlv.length}`);
    if (tlv.tooBig) {
      stop(ctx, " (length too big)");
      return false;
    }
    if (tlv.length === 0) continue;
    out.ascii("\n            Value: ");
    tlv.value.forEach((byte, i) => {
      out.ascii(i === 0 ? "0x" : ":");
      out.hex(byte, 2);
    });
    if (!tlv.paddingCaptured) {
      return readCut(ctx, "nsh");
    }
  }
  if (nsh.tlvsCut) truncatedRead(ctx, "nsh");
  return !nsh.tlvsCut;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/** tcpdump's names of the MD types (`md_str`). */
const MD_TYPES: Record<number, string> = { 0: "reserved", 1: "1", 2: "2", 15: "experimental" };

/** tcpdump's names of the next protocols (`np_str`). */
const NEXT_PROTOCOLS = new Map([
  [1, "IPv4"],
  [2, "IPv6"],
  [3, "Ethernet"],
  [4, "NSH"],
  [5, "MPLS"],
  [0xfe, "Experiment 1"],
  [0xff, "Experiment 2"],
]);
