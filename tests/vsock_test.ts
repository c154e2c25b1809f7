import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import { decodeVsock } from "../lib/link/vsock.ts";

const HELLO = new TextEncoder().encode("Hello\n");

/** A monitor header (3.1024 > 2.1234), then a virtio header and `payload` for transport 2. */
function message(op: number, transport: number, payload: Uint8Array = HELLO): Uint8Array {
  const virtio = transport === 2 ? 44 : 0;
  const bytes = new Uint8Array(32 + virtio + payload.length);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, 3n, true);
  view.setBigUint64(8, 2n, true);
  view.setUint32(16, 1024, true);
  view.setUint32(20, 1234, true);
  view.setUint16(24, op, true);
  view.setUint16(26, transport, true);
  view.setUint16(28, virtio, true);
  if (virtio > 0) {
    bytes.set(bytes.subarray(0, 24), 32);
    view.setUint32(56, payload.length, true);
    view.setUint16(60, 1, true);
    view.setUint16(62, 5, true);
    view.setUint32(64, 0xbeef, true);
    view.setUint32(68, 262144, true);
    view.setUint32(72, 6, true);
  }
  bytes.set(payload, 32 + virtio);
  return bytes;
}

Deno.test("the link type is named as libpcap names it", () => {
  assert.equal(linkTypeName(271), "VSOCK");
});

Deno.test("decodeVsock() reads the monitor and virtio headers and rejects a truncated header", () => {
  const vsock = decodeVsock(message(4, 2));
  assert.equal(vsock.sourceCid, 3n);
  assert.equal(vsock.destinationCid, 2n);
  assert.equal(vsock.sourcePort, 1024);
  assert.equal(vsock.destinationPort, 1234);
  assert.equal(vsock.op, 4);
  assert.equal(vsock.transport, 2);
  assert.equal(vsock.transportLength, 44);
  assert.equal(vsock.headerLength, 32);
  assert.ok(vsock.transportHeaderCaptured);
  assert.equal(vsock.virtioLength, 6);
  assert.equal(vsock.virtioOp, 5);
  assert.equal(vsock.virtioFlags, 0xbeef);
  assert.equal(vsock.virtioForwardCount, 6);
  const cut = decodeVsock(message(4, 2).subarray(0, 75));
  assert.ok(!cut.transportHeaderCaptured);
  assert.equal(cut.virtioLength, 0);
  assert.throws(() => decodeVsock(message(4, 2).subarray(0, 31)), {
    message: "Cannot decode vsock header: 32 bytes required, received 31",
  });
});

Deno.test("printVsock() prints as tcpdump does at each verbosity", () => {
  const bytes = message(4, 2);
  assert.equal(printFrame(LinkType.VSOCK, bytes), "VIRTIO 3.1024 > 2.1234 PAYLOAD, length 82");
  assert.equal(
    printFrame(LinkType.VSOCK, bytes, { verbose: 1 }),
    "VIRTIO (len 6, type STREAM, op RW, flags beef, buf_alloc 262144, fwd_cnt 6)\n" +
      "\t3.1024 > 2.1234 PAYLOAD, length 82",
  );
  assert.equal(
    printFrame(LinkType.VSOCK, bytes, { verbose: 2 }),
    "VIRTIO (len 6, type STREAM, op RW, flags beef, buf_alloc 262144, fwd_cnt 6)\n" +
      "\t3.1024 > 2.1234 PAYLOAD, length 82\n\t0x0000:  4865 6c6c 6f0a",
  );
  assert.equal(
    printFrame(LinkType.VSOCK, message(9, 7), { verbose: 1 }),
    "Invalid transport (7)\n\t3.1024 > 2.1234  invalid op (9), length 38",
  );
});

Deno.test("printVsock() marks a message cut in its headers or with no payload", () => {
  const bytes = message(4, 2);
  assert.equal(printFrame(LinkType.VSOCK, bytes.subarray(0, 31)), " [|vsock]");
  assert.equal(
    printFrame(LinkType.VSOCK, bytes.subarray(0, 75), { verbose: 1 }),
    "VIRTIO3.1024 > 2.1234 PAYLOAD, length 75 [|vsock]",
  );
  assert.equal(
    printFrame(LinkType.VSOCK, bytes.subarray(0, 76), { verbose: 2 }),
    "VIRTIO (len 6, type STREAM, op RW, flags beef, buf_alloc 262144, fwd_cnt 6)\n" +
      "\t3.1024 > 2.1234 PAYLOAD, length 76 [|vsock]",
  );
});
