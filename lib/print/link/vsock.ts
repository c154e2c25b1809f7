/**
 * Linux vsock monitor messages as tcpdump's vsock_if_print() writes them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import { type Vsock, VsockOp, VsockTransport } from "../../link/vsock.ts";
import { hexPrint } from "../_hex.ts";

const TRANSPORTS = ["UNKNOWN", "NO_INFO", "VIRTIO"];
const OPS = ["UNKNOWN", "CONNECT", "DISCONNECT", "CONTROL", "PAYLOAD"];
const VIRTIO_OPS = [
  "INVALID",
  "REQUEST",
  "RESPONSE",
  "RST",
  "SHUTDOWN",
  "RW",
  "CREDIT UPDATE",
  "CREDIT REQUEST",
];

/**
 * Prints a vsock monitor message: the transport, with `-v` the virtio header in
 * parentheses and the rest on a new line, the context ids and ports, the operation and the
 * captured length; with `-vv` the payload of a PAYLOAD message in hex. The transport header
 * and payload are the whole message: nothing prints after it.
 *
 * @param ctx The print context.
 * @param vsock The layer.
 */
export function printVsock(ctx: PrintContext, vsock: Vsock): void {
  const out = ctx.out;
  ctx.linkEnd = vsock.offset + vsock.headerLength;
  ctx.done = true;
  // tcpdump prints the captured length, not the length on the wire.
  const captured = vsock.end - vsock.offset;
  out.ascii(TRANSPORTS[vsock.transport] ?? `Invalid transport (${vsock.transport})`);
  // tcpdump checks for the transport header only with -v: without, it is never read.
  const whole = ctx.verbose === 0 || vsock.transportHeaderCaptured;
  if (ctx.verbose === 0) out.ascii(" ");
  else if (whole) {
    if (vsock.transport === VsockTransport.VIRTIO) virtioHeader(ctx, vsock);
    out.ascii("\n\t");
  }
  out.ascii(`${vsock.sourceCid}.${vsock.sourcePort} > ${vsock.destinationCid}.`);
  out.uint(vsock.destinationPort);
  out.ascii(` ${OPS[vsock.op] ?? ` invalid op (${vsock.op})`}, length `);
  out.uint(captured);
  if (!whole) {
    markTruncated(ctx, "vsock");
    return;
  }
  if (ctx.verbose > 1 && vsock.op === VsockOp.PAYLOAD) {
    const payload = vsock.offset + vsock.headerLength + vsock.transportHeaderLength;
    if (vsock.end > payload) {
      out.ascii("\n");
      hexPrint(ctx, "\t", payload, vsock.end);
    } else markTruncated(ctx, "vsock");
  }
}

/** tcpdump's vsock_virtio_hdr_print(), in parentheses. */
function virtioHeader(ctx: PrintContext, vsock: Vsock): void {
  const type = vsock.virtioType;
  const op = vsock.virtioOp;
  ctx.out.ascii(
    ` (len ${vsock.virtioLength}, type ${type === 1 ? "STREAM" : `Invalid type (${type})`}` +
      `, op ${VIRTIO_OPS[op] ?? `Invalid op (${op})`}, flags ${vsock.virtioFlags.toString(16)}` +
      `, buf_alloc ${vsock.virtioBufferAlloc}, fwd_cnt ${vsock.virtioForwardCount})`,
  );
}
