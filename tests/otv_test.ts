import assert from "node:assert/strict";
import { printFrame, printLayer } from "./_print_layer.ts";
import { decodeOtv, Otv, otvDecoder } from "../lib/net/otv.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

// tcpdump's tests/otv-heapoverflow-2.pcap, its last frame (60 of 68 bytes captured): a UDP
// length (32392) past the IP payload; tcpdump -n:
// IP 192.168.0.9.37123 > 97.34.1.224.8472: OTV, flags [I] (0x9d), overlay 12124160, instance 4587520
//  [|ether]
const HEAPOVERFLOW = decodeHex(
  "001d09bc435f00e0c90010a508004500003651d100001e11c8f7c0a80009612201e0910321187e88074d9db9" +
    "00004600000046000000ffffffffffff",
);

/** An inner Ethernet frame: ARP request for 192.0.2.2 from 192.0.2.1. */
const ARP = decodeHex(
  "00005e00530100005e0053020806" + "0001080006040001" + "00005e005301c0000201" +
    "000000000000c0000202",
);

/** OTV with the I flag, overlay 5, instance 100, then the ARP frame. */
const MESSAGE = new Uint8Array([0x08, 0, 0, 5, 0, 0, 100, 0, ...ARP]);

/** The message in IPv4/UDP from 10.0.0.1 port 8472 to 10.0.0.2 port 8472. */
function packet(message: Uint8Array, extra: Uint8Array = new Uint8Array()): Uint8Array {
  const udp = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 8472,
    destinationPort: 8472,
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

function line(message: Uint8Array, cut?: number): string {
  const whole = packet(message);
  const frame = cut === undefined ? whole : whole.subarray(0, 28 + cut);
  return printFrame(LinkType.RAW, frame, {}, whole.length)
    .replace("IP 10.0.0.1.8472 > 10.0.0.2.8472: ", "");
}

Deno.test("decodeOtv() reads the header and decodes the frame inside", () => {
  const otv = decodeOtv(MESSAGE);
  assert.equal(otv.kind, "otv");
  assert.deepEqual(
    [otv.flags, otv.instanceValid, otv.overlayId, otv.instanceId, otv.reserved],
    [8, true, 5, 100, 0],
  );
  assert.equal(JSON.stringify(otv), JSON.stringify(otv.toJSON()));
  const kinds = decode(LinkType.RAW, packet(MESSAGE)).layers.map((layer) => layer.kind);
  assert.deepEqual(kinds, ["ipv4", "udp", "otv", "ethernet", "arp"]);
  assert.equal(otvDecoder.create().kind, "otv");
  assert.deepEqual(otvDecoder.bindings, { udpPorts: [8472] });
});

Deno.test("decodeOtv() rejects a cut header and keeps its captured fields", () => {
  assert.throws(() => decodeOtv(new Uint8Array(0)), DecodeError);
  assert.throws(() => decodeOtv(MESSAGE.subarray(0, 7)), DecodeError);
  const cut = decode(LinkType.RAW, packet(MESSAGE).subarray(0, 28 + 5)).layer("otv");
  assert.ok(cut instanceof Otv);
  assert.deepEqual([cut.flags, cut.overlayId, cut.instanceId, cut.reserved], [8, 5, -1, -1]);
});

Deno.test("printOtv() prints as tcpdump's otv_print()", () => {
  assert.equal(
    line(MESSAGE),
    "OTV, flags [I] (0x08), overlay 5, instance 100\n" +
      "ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28",
  );
  const other = MESSAGE.slice();
  other[0] = 0xf7;
  assert.match(line(other), /^OTV, flags \[\.\] \(0xf7\), overlay 5, instance 100\n/);
  assert.equal(
    printFrame(LinkType.EN10MB, HEAPOVERFLOW, {}, 68),
    "IP 192.168.0.9.37123 > 97.34.1.224.8472: OTV, flags [I] (0x9d), overlay 12124160, " +
      "instance 4587520\n [|ether]",
  );
});

Deno.test("printOtv() marks a short or cut message as tcpdump does", () => {
  assert.equal(line(MESSAGE.subarray(0, 5)), "OTV, [length 5 < 8] (invalid)");
  assert.equal(line(new Uint8Array()), "OTV, [length 0 < 8] (invalid)");
  assert.equal(line(MESSAGE, 0), "OTV,  [|otv]");
  assert.equal(line(MESSAGE, 3), "OTV, flags [I] (0x08),  [|otv]");
  assert.equal(line(MESSAGE, 6), "OTV, flags [I] (0x08), overlay 5,  [|otv]");
  assert.equal(line(MESSAGE, 7), "OTV, flags [I] (0x08), overlay 5, instance 100\n [|otv]");
  assert.equal(line(MESSAGE, 12), "OTV, flags [I] (0x08), overlay 5, instance 100\n [|ether]");
  // A message shorter than its header, cut by the capture too.
  const short = packet(MESSAGE.subarray(0, 5));
  assert.equal(
    printFrame(LinkType.RAW, short.subarray(0, 28 + 2), {}, short.length)
      .replace("IP 10.0.0.1.8472 > 10.0.0.2.8472: ", ""),
    "OTV, [length 5 < 8] (invalid) [|otv]",
  );
  // A UDP length below the IP payload's: ether_print()'s length below its caplen.
  assert.match(
    printFrame(LinkType.RAW, packet(MESSAGE.subarray(0, 20), MESSAGE.subarray(20))),
    /instance 100\n\[length 12 < caplen 42\] \(invalid\)$/,
  );
});

Deno.test("printOtv() prints a layer decoded alone", () => {
  assert.equal(
    printLayer(decodeOtv(MESSAGE.subarray(0, 8))),
    "OTV, flags [I] (0x08), overlay 5, instance 100\n [|ether]",
  );
});
