import assert from "node:assert/strict";
import { printFrame, printLayer } from "./_print_layer.ts";
import { decodeVqp, Vqp, vqpDecoder, VqpObjectType } from "../lib/app/vqp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

// tcpdump's tests/vqp-oobr.pcap (its IP packet): a UDP length (14080) past the IP payload
// (18 bytes), 12 of them captured. tcpdump -n -v:
// IP (...) 0.0.128.20.1589 > 12.251.167.8.62720:
// 	VQPv1, unknown (127) Message, error-code unknown (31), seq 0x80f90000, items 27, length 18 [|vqp]
const OOBR = decodeHex(
  "4500002e9d0fe000 11118f0400008014 0cfba7080635f500 37000c0e017f1f1b 80f9000001000040",
);

/** A VLAN response: VLAN "eng", the client's MAC address. */
const RESPONSE = new Uint8Array([
  ...[1, 2, 0, 2, 0xde, 0xad, 0xbe, 0xef],
  ...[0, 0, 0x0c, 0x03, 0, 3, 0x65, 0x6e, 0x67],
  ...[0, 0, 0x0c, 0x08, 0, 6, 0, 0, 0x5e, 0, 0x53, 0xaf],
]);

/** The message in IPv4/UDP from 10.0.0.1 port 1589 to 10.0.0.2 port 1589. */
function packet(message: Uint8Array, extra: Uint8Array = new Uint8Array()): Uint8Array {
  const udp = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 1589,
    destinationPort: 1589,
    payload: message,
  });
  return buildIpv4({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    protocol: 17,
    ttl: 64,
    payload: new Uint8Array([...udp, ...extra]),
  });
}

/** RESPONSE whose UDP length ends after `n` bytes, the rest in the IP packet. */
function shortUdp(n: number): Vqp {
  const ip = packet(RESPONSE.subarray(0, n), RESPONSE.subarray(n));
  return decode(LinkType.RAW, ip).layer("vqp") as Vqp;
}

function line(message: Uint8Array, verbose = 0, cut?: number): string {
  const whole = packet(message);
  const frame = cut === undefined ? whole : whole.subarray(0, 28 + cut);
  return printFrame(LinkType.RAW, frame, { verbose }, whole.length)
    .replace(/^IP (\(.*\)\n {4})?10\.0\.0\.1\.1589 > 10\.0\.0\.2\.1589: /, "");
}

Deno.test("decodeVqp() reads the header and walks the objects", () => {
  const vqp = decodeVqp(RESPONSE);
  assert.equal(vqp.kind, "vqp");
  assert.deepEqual(
    [vqp.version, vqp.messageType, vqp.errorCode, vqp.itemCount, vqp.sequence],
    [1, 2, 0, 2, 0xdeadbeef],
  );
  assert.equal(vqp.wireLength, RESPONSE.length);
  const { objects, cut } = vqp.objects();
  assert.equal(cut, undefined);
  assert.deepEqual(objects, [
    { type: VqpObjectType.VLAN_NAME, length: 3, valueAt: 14, status: "ok" },
    { type: VqpObjectType.MAC_ADDRESS, length: 6, valueAt: 23, status: "ok" },
  ]);
  assert.equal(JSON.stringify(vqp), JSON.stringify(vqp.toJSON()));
  assert.equal(vqpDecoder.create().kind, "vqp");
  assert.deepEqual(vqpDecoder.bindings, { udpPorts: [1589] });
});

Deno.test("decodeVqp() rejects an empty message and keeps a cut header unread", () => {
  assert.throws(() => decodeVqp(new Uint8Array(0)), DecodeError);
  const cut = decodeVqp(RESPONSE.subarray(0, 7));
  assert.equal(cut.headerCaptured, false);
  assert.deepEqual([cut.version, cut.itemCount, cut.sequence], [-1, -1, -1]);
  assert.deepEqual(cut.objects(), { objects: [], cut: undefined });
});

Deno.test("Vqp.objects() tells a cut by the capture from one by the length, and bad values", () => {
  // Cut by the capture inside the first object's header, then inside its value.
  const whole = packet(RESPONSE);
  const atHeader = decode(LinkType.RAW, whole.subarray(0, 28 + 12)).layer("vqp")!;
  assert.ok(atHeader instanceof Vqp);
  assert.deepEqual(atHeader.objects(), { objects: [], cut: "capture" });
  const atValue = decode(LinkType.RAW, whole.subarray(0, 28 + 16)).layer("vqp") as Vqp;
  assert.equal(atValue.objects().objects[0]!.status, "capture");
  // Cut by the UDP length, the IP packet holding the rest: the object's header, its value.
  assert.deepEqual(shortUdp(12).objects().cut, "length");
  assert.equal(shortUdp(16).objects().objects[0]!.status, "length");
  // Cut by both: the capture is checked first.
  assert.deepEqual(decodeVqp(RESPONSE.subarray(0, 12)).objects().cut, "capture");
  // A MAC address of 5 bytes, a zero type.
  const bad = RESPONSE.slice(0, 22);
  bad[3] = 1;
  bad[13] = 5;
  bad[12] = 0;
  bad[11] = 0x08;
  assert.equal(decodeVqp(bad.subarray(0, 19)).objects().objects[0]!.status, "size");
  const zero = RESPONSE.slice();
  zero[11] = 0;
  zero[10] = 0;
  assert.equal(decodeVqp(zero).objects().objects[0]!.status, "null");
});

Deno.test("printVqp() prints as tcpdump's vqp_print()", () => {
  assert.equal(
    line(RESPONSE),
    "VQPv1 Response, VLAN Message, error-code No error (0), length 29",
  );
  assert.equal(
    line(RESPONSE, 1),
    "\n\tVQPv1, Response, VLAN Message, error-code No error (0), seq 0xdeadbeef, items 2, " +
      "length 29\n\t  VLAN Name Object (0x00000c03), length 3, value: eng" +
      "\n\t  MAC Address Object (0x00000c08), length 6, value: 00:00:5e:00:53:af",
  );
  const unknown = new Uint8Array([1, 9, 7, 1, 0, 0, 0, 1, 0, 0, 0x0c, 0x07, 0, 2, 0xab, 0xcd]);
  assert.equal(
    line(unknown, 1),
    "\n\tVQPv1, unknown (9) Message, error-code unknown (7), seq 0x00000001, items 1, " +
      "length 16\n\t  Unknown Object (0x00000c07), length 2, value: \n\t    0x0000:  abcd",
  );
  // -vv: no dump of an unknown object.
  assert.match(line(unknown, 2), /length 2, value: $/);
  assert.equal(
    line(new Uint8Array([2, 1, 0, 0, 0, 0, 0, 0])),
    "VQP version 2 packet not supported",
  );
  assert.equal(
    printFrame(LinkType.RAW, OOBR, { verbose: 1 }, 46).split("\n").slice(1).join("\n"),
    "    0.0.128.20.1589 > 12.251.167.8.62720: \n\tVQPv1, unknown (127) Message, error-code " +
      "unknown (31), seq 0x80f90000, items 27, length 18 [|vqp]",
  );
});

Deno.test("printVqp() marks a cut or malformed message as tcpdump does", () => {
  assert.equal(line(RESPONSE, 0, 7), " [|vqp]");
  assert.equal(line(new Uint8Array()), " [|vqp]");
  assert.equal(line(RESPONSE.subarray(0, 7)), " [|vqp]");
  assert.match(line(RESPONSE, 1, 15), /length 3, value: {2}\[\|vqp\]$/);
  assert.match(line(RESPONSE, 1, 20), /value: eng \[\|vqp\]$/);
  // Past the UDP length but in the IP packet: checked against the capture, then invalid.
  const invalid = (n: number) =>
    printFrame(LinkType.RAW, packet(RESPONSE.subarray(0, n), RESPONSE.subarray(n)), { verbose: 1 });
  assert.match(invalid(0), /1589: {2}\(invalid\)$/);
  assert.match(invalid(4), /1589: {2}\(invalid\)$/);
  assert.match(invalid(12), /items 2, length 12 \(invalid\)$/);
  assert.match(invalid(16), /length 3, value: {2}\(invalid\)$/);
});

Deno.test("printVqp() prints a layer decoded alone, its length the bytes there", () => {
  assert.equal(
    printLayer(decodeVqp(RESPONSE.subarray(0, 8))),
    "VQPv1 Response, VLAN Message, error-code No error (0), length 8",
  );
});
