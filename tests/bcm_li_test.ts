import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { BcmLi, bcmLiDecoder, decodeBcmLi } from "../lib/net/bcm_li.ts";
import { RARE_BINDINGS } from "../lib/_common_protocols.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

const ADDRESSES = { source: "192.0.2.1", destination: "192.0.2.2" };

/** The shim word of a direction, packet type, subtype and LI ID. */
function shim(direction: number, type: number, subtype: number, id = 66666): number[] {
  const word = ((direction << 29) | (type << 25) | (subtype << 22) | id) >>> 0;
  return [word >>> 24, (word >> 16) & 0xff, (word >> 8) & 0xff, word & 0xff];
}

/** An IPv4 UDP datagram from 10.0.0.1 port 1024 to 10.0.0.2 port 9. */
const INNER = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: 17,
  ttl: 64,
  identification: 1,
  payload: buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 1024,
    destinationPort: 9,
    payload: new TextEncoder().encode("intercepted"),
  }),
});

/** An Ethernet frame with `payload` in UDP from port `sourcePort` to `destinationPort`. */
function frame(payload: Uint8Array, sourcePort = 49152, destinationPort = 49153): Uint8Array {
  const udp = buildUdp({ ...ADDRESSES, sourcePort, destinationPort, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ ...ADDRESSES, protocol: 17, ttl: 59, identification: 7, payload: udp }),
  });
}

const HEAD = "IP 192.0.2.1.49152 > 192.0.2.2.49153: ";

Deno.test("decodeBcmLi() reads the shim's fields", () => {
  const layer = decodeBcmLi(new Uint8Array([...shim(7, 15, 7, 0x3fffff), 1]));
  assert.ok(layer instanceof BcmLi);
  assert.deepEqual(
    [layer.direction, layer.packetType, layer.packetSubtype, layer.liId, layer.headerLength],
    [7, 15, 7, 0x3fffff, 4],
  );
  assert.deepEqual(layer.toJSON(), {
    direction: 7,
    packetType: 15,
    packetSubtype: 7,
    liId: 0x3fffff,
  });
  assert.equal(bcmLiDecoder.create().kind, "bcm-li");
});

Deno.test("decodeBcmLi() rejects a truncated shim", () => {
  for (const length of [0, 1, 2, 3]) {
    assert.throws(() => decodeBcmLi(new Uint8Array(shim(3, 4, 2).slice(0, length))), DecodeError);
  }
});

Deno.test("decode() hands the shim's payload to IPv4, IPv6 or Ethernet by its packet type", () => {
  const kinds = (bytes: Uint8Array) =>
    decode(LinkType.EN10MB, frame(bytes)).layers.map((l) => l.kind);
  const after = ["ethernet", "ipv4", "udp", "bcm-li"];
  assert.deepEqual(kinds(new Uint8Array([...shim(3, 4, 2), ...INNER])), [
    ...after,
    "ipv4",
    "udp",
  ]);
  assert.deepEqual(kinds(new Uint8Array([...shim(3, 5, 2), ...INNER])), [...after, "ipv4", "udp"]);
  const ethernet = [...new Array(12).fill(2), 0x08, 0x00];
  assert.deepEqual(kinds(new Uint8Array([...shim(2, 7, 3), ...ethernet, ...INNER])), [
    ...after,
    "ethernet",
    "ipv4",
    "udp",
  ]);
  // An undecided type whose version nibble is neither 4 nor 6, and an unknown type.
  assert.deepEqual(kinds(new Uint8Array([...shim(3, 4, 2), 0x5f])), after);
  assert.deepEqual(kinds(new Uint8Array([...shim(3, 9, 2), ...INNER])), after);
});

Deno.test("decode() takes port 49152 as the shim's source port only", () => {
  const packet = decode(LinkType.EN10MB, frame(new Uint8Array([...shim(3, 5, 2)]), 49153, 49152));
  assert.equal(packet.layers.at(-1)?.kind, "udp");
});

Deno.test("printBcmLi() prints the shim, and the packet after it with -v only", () => {
  const bytes = frame(new Uint8Array([...shim(3, 5, 3), ...INNER]));
  assert.equal(
    printFrame(LinkType.EN10MB, bytes),
    HEAD + "BCM-LI-SHIM: direction ingress, pkt-type ipv4, pkt-subtype untagged, li-id 66666",
  );
  assert.equal(
    printFrame(LinkType.EN10MB, bytes, { verbose: 1 }),
    [
      "IP (tos 0x0, ttl 59, id 7, offset 0, flags [DF], proto UDP (17), length 71)",
      "    192.0.2.1.49152 > 192.0.2.2.49153: ",
      "    BCM-LI-SHIM: direction ingress, pkt-type ipv4, pkt-subtype untagged, li-id 66666",
      "    IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 39)",
      "    10.0.0.1.1024 > 10.0.0.2.9: UDP, length 11",
    ].join("\n"),
  );
});

Deno.test("printBcmLi() names unknown fields and calls an unknown packet type invalid", () => {
  const bytes = frame(new Uint8Array([...shim(0, 9, 5, 0x3fffff), 1]));
  const line =
    "BCM-LI-SHIM: direction unknown, pkt-type unknown, pkt-subtype unknown, li-id 4194303";
  assert.equal(printFrame(LinkType.EN10MB, bytes), HEAD + line);
  assert.equal(
    printFrame(LinkType.EN10MB, bytes, { verbose: 1 }).split("\n").slice(2).join("\n"),
    `    ${line}\n     (invalid)`,
  );
  const unknown = frame(new Uint8Array([...shim(1, 4, 1), 0x5f]));
  assert.match(
    printFrame(LinkType.EN10MB, unknown, { verbose: 1 }),
    /unused.*\n {4}unknown payload$/,
  );
});

Deno.test("printBcmLi() marks a payload shorter than the shim, and cuts", () => {
  assert.equal(
    printFrame(LinkType.EN10MB, frame(new Uint8Array([0x68, 0x81]))),
    HEAD + " (length 2 < 4) (invalid)",
  );
  assert.equal(
    printFrame(LinkType.EN10MB, frame(new Uint8Array(0))),
    HEAD + " (length 0 < 4) (invalid)",
  );
  const full = frame(new Uint8Array([...shim(3, 4, 2), ...INNER]));
  // Cut in the shim, then in the payload (without -v, its bytes are checked).
  assert.equal(
    printFrame(LinkType.EN10MB, full.subarray(0, 44), {}, full.length),
    HEAD + " [|bcm_li]",
  );
  assert.equal(
    printFrame(LinkType.EN10MB, full.subarray(0, 50), {}, full.length),
    HEAD +
      "BCM-LI-SHIM: direction ingress, pkt-type undecided, pkt-subtype double VLAN tag, li-id 66666 [|bcm_li]",
  );
  // A shim alone: nothing to tell the version by, no Ethernet header, no IPv6 header.
  const alone = (type: number) =>
    printFrame(LinkType.EN10MB, frame(new Uint8Array(shim(3, type, 2))), { verbose: 1 }).split("\n")
      .at(-1);
  assert.equal(alone(4), "     [|bcm_li]");
  assert.equal(alone(7), "     [|ether]");
  assert.equal(alone(6), "     [|ip6]");
});

Deno.test("printBcmLi() gives the inner printers the UDP length when it is shorter than the IP payload", () => {
  /** The datagram's shim and payload with a UDP length field of 8 + `length`. */
  const short = (type: number, payload: Uint8Array, length: number) => {
    const bytes = frame(new Uint8Array([...shim(3, type, 2), ...payload]));
    bytes.set([0, 8 + length], 38);
    return printFrame(LinkType.EN10MB, bytes, { verbose: 1 }).split("\n").slice(3).join("\n");
  };
  const ethernet = new Uint8Array([...new Array(12).fill(2), 0x08, 0x00, ...INNER]);
  assert.equal(short(7, ethernet, 4 + 30), "    [length 30 < caplen 53] (invalid)");
  assert.equal(short(5, INNER, 4 + 12), "    IP truncated-ip 12");
  assert.equal(
    short(4, INNER, 4 + 30),
    [
      "    IP truncated-ip - 9 bytes missing! (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 39)",
      "    10.0.0.1.1024 > 10.0.0.2.9: UDP, length 11",
    ].join("\n"),
  );
});

Deno.test("printVlan() ends a frame inside the shim whose tag leads to an unknown EtherType", () => {
  const inner = [...new Array(12).fill(10), 0x81, 0x00, 0x00, 0x64, 0x88, 0xb5, 0x64, 0x61];
  const bytes = frame(new Uint8Array([...shim(2, 7, 1), ...inner]));
  const tail = (link: boolean) =>
    printFrame(LinkType.EN10MB, bytes, { verbose: 1, link }).split("\n").slice(3).join("\n");
  assert.equal(
    tail(false),
    "    0a:0a:0a:0a:0a:0a > 0a:0a:0a:0a:0a:0a, ethertype Unknown (0x88b5), length 20: \n" +
      "\t0x0000:  6461                                     da",
  );
  assert.match(tail(true), /vlan 100, p 0, ethertype Unknown \(0x88b5\), \n\t0x0000: {2}6461 /);
});

Deno.test("the BCM LI port is a rare binding", () => {
  assert.ok(RARE_BINDINGS.udpPorts.includes(49152));
  assert.deepEqual(bcmLiDecoder.bindings.udpPorts, [49152]);
});
