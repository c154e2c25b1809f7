import assert from "node:assert/strict";
import { concatBytes } from "./_shared.ts";
import { decodeGtp, Gtp } from "../lib/net/gtp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIcmpEcho, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { FlowTable } from "../lib/stats/flows.ts";

const INNER = buildIpv4({
  source: "10.1.1.1",
  destination: "8.8.8.8",
  protocol: 1,
  payload: buildIcmpEcho({ identifier: 1, sequence: 2 }),
});

/** IPv4 and UDP between ports 2152 around `payload` (raw IP link type). */
function gtpDatagram(payload: Uint8Array): Uint8Array {
  const udp = buildUdp({
    source: "192.168.0.1",
    destination: "192.168.0.2",
    sourcePort: 2152,
    destinationPort: 2152,
    payload,
  });
  return buildIpv4({
    source: "192.168.0.1",
    destination: "192.168.0.2",
    protocol: 17,
    payload: udp,
  });
}

// A G-PDU with the E and S flags: sequence 7, one PDU session container extension.
//   0x0000:  36ff 0024 0000 0001 0007 0085 0110 0500  6..$............
const HEADER = new Uint8Array([0x36, 0xff, 0, 36, 0, 0, 0, 1, 0, 7, 0, 0x85, 1, 0x10, 5, 0]);

Deno.test("decodeGtp() reads the header, its optional fields and extension headers", () => {
  const gtp = decodeGtp(concatBytes(HEADER, INNER));
  assert.ok(gtp instanceof Gtp);
  assert.equal(gtp.version, 1);
  assert.equal(gtp.protocolType, 1);
  assert.equal(gtp.extensionFlag, true);
  assert.equal(gtp.sequenceFlag, true);
  assert.equal(gtp.npduFlag, false);
  assert.equal(gtp.messageType, 0xff);
  assert.equal(gtp.length, 36);
  assert.equal(gtp.teid, 1);
  assert.equal(gtp.sequenceNumber, 7);
  assert.equal(gtp.nextExtensionType, 0x85);
  assert.equal(gtp.extensions.length, 1);
  assert.equal(gtp.extensions[0]!.length, 4);
  assert.deepEqual(gtp.extensions[0]!.content, new Uint8Array([0x10, 5]));
  assert.equal(gtp.headerLength, 16);
  const plain = decodeGtp(new Uint8Array([0x30, 0xff, 0, 0, 0xff, 0xff, 0xff, 0xff]));
  assert.equal(plain.teid, 0xffffffff);
  assert.equal(plain.sequenceNumber, undefined);
});

Deno.test("decodeGtp() rejects a truncated header, extension, or another version", () => {
  assert.throws(() => decodeGtp(HEADER.subarray(0, 7)), DecodeError);
  assert.throws(() => decodeGtp(HEADER.subarray(0, 14)), DecodeError);
  assert.throws(() => decodeGtp(new Uint8Array([0x48, 1, 0, 0, 0, 0, 0, 0])), {
    message: /version 2 is not 1/,
  });
});

Deno.test("decode() goes on through a G-PDU to the user's IP packet", () => {
  const packet = decode(LinkType.RAW, gtpDatagram(concatBytes(HEADER, INNER)));
  assert.deepEqual(packet.layers.map((layer) => layer.kind), [
    "ipv4",
    "udp",
    "gtp",
    "ipv4",
    "icmp",
  ]);
});

Deno.test("printGtp() prints the datagram as tcpdump 4.99 does: plain UDP", () => {
  const datagram = gtpDatagram(concatBytes(HEADER, INNER));
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.RAW, datagram), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: datagram.length,
    }),
    "IP 192.168.0.1.2152 > 192.168.0.2.2152: UDP, length 44",
  );
});

Deno.test("FlowTable counts a GTP-U packet in the tunnel's and the user's conversations", () => {
  const table = new FlowTable();
  const datagram = gtpDatagram(concatBytes(HEADER, INNER));
  table.add(decode(LinkType.RAW, datagram), 0, 0, datagram.length);
  const flows = table.result().flows.map((flow) => `${flow.protocol} ${flow.addressA}`);
  assert.deepEqual(flows.sort(), ["icmp 10.1.1.1", "udp 192.168.0.1"]);
});
