import assert from "node:assert/strict";
import { printFrame, printLayer } from "./_print_layer.ts";
import { decodeNsh, Nsh, nshDecoder } from "../lib/net/nsh.ts";
import { decodeVxlanGpe, VxlanGpe, vxlanGpeDecoder } from "../lib/net/vxlan_gpe.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

// tcpdump's tests/nsh.pcap: NSH with MD type 1 in an Ethernet frame, then IPv4/UDP.
const NSH_FRAME = decodeHex(
  "525400" + "4b735f" + "02420a000803" + "894f" + "00060101000309070000000100000002" +
    "0000000300000004" + "450000222844400040" + "11e96a0a0008030a0d0d0dcc051f40000e0000" +
    "626567696e0a",
);

/** An inner IPv4/UDP datagram from 192.0.2.1 port 1024 to 192.0.2.2 port 9. */
const IPV4 = buildIpv4({
  source: "192.0.2.1",
  destination: "192.0.2.2",
  protocol: 17,
  ttl: 64,
  payload: buildUdp({
    source: "192.0.2.1",
    destination: "192.0.2.2",
    sourcePort: 1024,
    destinationPort: 9,
    payload: new Uint8Array([1, 2]),
  }),
});

/** NSH, MD type 2 (TTL 63, O flag): two TLVs (1 and 0 value bytes), IPv4 inside. */
const MD2 = new Uint8Array([
  ...[0x2f, 0xc5, 0x02, 0x01, 0xff, 0xff, 0xff, 0x07],
  ...[0x00, 0x01, 0x02, 0x01, 0x12, 0, 0, 0, 0x80, 0x00, 0x81, 0x00],
  ...IPV4,
]);

/** VXLAN-GPE (I and P flags, VNI 100) carrying the MD type 2 NSH header. */
const GPE = new Uint8Array([0x0c, 0, 0, 4, 0, 0, 100, 0, ...MD2]);

/** The message in IPv4/UDP from 10.0.0.1 to 10.0.0.2, both ports 4790. */
function packet(message: Uint8Array): Uint8Array {
  const udp = buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 4790,
    destinationPort: 4790,
    payload: message,
  });
  return buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 17, payload: udp });
}

function line(message: Uint8Array, verbose = 0, cut?: number): string {
  const whole = packet(message);
  const frame = cut === undefined ? whole : whole.subarray(0, 28 + cut);
  return printFrame(LinkType.RAW, frame, { verbose }, whole.length)
    .replace(/^IP 10\.0\.0\.1\.4790 > 10\.0\.0\.2\.4790: /, "");
}

Deno.test("decodeNsh() reads the header, its context headers and the packet inside", () => {
  const nsh = decode(LinkType.EN10MB, NSH_FRAME).layer("nsh");
  assert.ok(nsh instanceof Nsh);
  assert.deepEqual(
    [nsh.version, nsh.flags, nsh.ttl, nsh.length, nsh.mdType, nsh.nextProtocol],
    [0, 0, 0, 6, 1, 1],
  );
  assert.deepEqual([nsh.servicePathId, nsh.serviceIndex], [0x309, 7]);
  assert.deepEqual(nsh.contextHeaders, [1, 2, 3, 4]);
  assert.equal(JSON.stringify(nsh), JSON.stringify(nsh.toJSON()));
  assert.deepEqual(
    decode(LinkType.EN10MB, NSH_FRAME).layers.map((layer) => layer.kind),
    ["ethernet", "nsh", "ipv4", "udp"],
  );
  const md2 = decodeNsh(MD2);
  assert.equal(md2.oam, true);
  assert.equal(md2.ttl, 63);
  assert.deepEqual(
    md2.tlvs.map((tlv) => [tlv.tlvClass, tlv.type, tlv.length, Array.from(tlv.value)]),
    [[1, 2, 1, [0x12]], [0x8000, 0x81, 0, []]],
  );
  assert.equal(md2.tlvsCut, false);
  assert.deepEqual(nshDecoder.bindings, { etherTypes: [0x894f] });
});

Deno.test("decodeNsh() rejects a truncated header and keeps its captured fields", () => {
  assert.throws(() => decodeNsh(MD2.subarray(0, 6)), DecodeError);
  assert.throws(() => decodeNsh(MD2.subarray(0, 12)), {
    message: "Cannot decode NSH header: 20 bytes required, received 12",
  });
  const cut = decode(LinkType.EN10MB, NSH_FRAME.subarray(0, 14 + 7)).layer("nsh");
  assert.ok(cut instanceof Nsh);
  assert.deepEqual([cut.length, cut.servicePathId, cut.serviceIndex], [6, 0x309, -1]);
  // A decode cut inside the TLVs keeps the TLVs captured, the cut one's value as far as it goes.
  const tlvs = decode(LinkType.RAW, packet(GPE).subarray(0, 28 + 8 + 13)).layer("nsh");
  assert.ok(tlvs instanceof Nsh);
  assert.deepEqual(tlvs.tlvs.map((tlv) => Array.from(tlv.value)), [[0x12]]);
  assert.equal(tlvs.tlvsCut, true);
});

Deno.test("decodeVxlanGpe() reads the header and decodes NSH inside", () => {
  const gpe = decodeVxlanGpe(GPE);
  assert.deepEqual([gpe.flags, gpe.nextProtocol, gpe.vni, gpe.reserved2], [0x0c, 4, 100, 0]);
  assert.equal(JSON.stringify(gpe), JSON.stringify(gpe.toJSON()));
  const kinds = decode(LinkType.RAW, packet(GPE)).layers.map((layer) => layer.kind);
  assert.deepEqual(kinds, ["ipv4", "udp", "vxlan-gpe", "nsh", "ipv4", "udp"]);
  assert.deepEqual(vxlanGpeDecoder.bindings, { udpPorts: [4790] });
  assert.throws(() => decodeVxlanGpe(GPE.subarray(0, 0)), DecodeError);
  const cut = decode(LinkType.RAW, packet(GPE).subarray(0, 28 + 5)).layer("vxlan-gpe");
  assert.ok(cut instanceof VxlanGpe);
  assert.deepEqual([cut.flags, cut.nextProtocol, cut.vni], [0x0c, 4, -1]);
});

Deno.test("printNsh() prints as tcpdump's nsh_print() at each verbosity", () => {
  assert.equal(
    printFrame(LinkType.EN10MB, NSH_FRAME),
    "NSH, flags [none], service-path-id 0x000309, service-index 0x7: " +
      "IP 10.0.8.3.52229 > 10.13.13.13.8000: UDP, length 6",
  );
  assert.equal(
    printFrame(LinkType.EN10MB, NSH_FRAME, { verbose: 3 }),
    "NSH, ver 0, flags [none], TTL 0, length 6, md type 1, next-protocol IPv4, " +
      "service-path-id 0x000309, service-index 0x7\n" +
      "        Context[00]: 0x00000001\n        Context[01]: 0x00000002\n" +
      "        Context[02]: 0x00000003\n        Context[03]: 0x00000004\n" +
      "    IP (tos 0x0, ttl 64, id 10308, offset 0, flags [DF], proto UDP (17), length 34)\n" +
      "    10.0.8.3.52229 > 10.13.13.13.8000: [no cksum] UDP, length 6",
  );
  assert.equal(
    line(GPE, 3).split("\n").slice(0, 6).join("\n"),
    "IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto UDP (17), length 86)\n" +
      "    10.0.0.1.4790 > 10.0.0.2.4790: [udp sum ok] VXLAN-GPE, flags [IP], vni 100\n" +
      "    NSH, ver 0, flags [O], TTL 63, length 5, md type 2, next-protocol IPv4, " +
      "service-path-id 0xffffff, service-index 0x7\n" +
      "        TLV Class 1, Type 2, Len 1\n            Value: 0x12\n" +
      "        TLV Class 32768, Type 129, Len 0",
  );
  assert.match(
    line(GPE, 2),
    /VXLAN-GPE, flags \[IP\], vni 100\n {4}NSH, ver 0, flags \[O\], next-protocol IPv4, /,
  );
});

Deno.test("printNsh() marks invalid, unknown and cut headers as tcpdump does", () => {
  const other = MD2.slice();
  other[3] = 0x77;
  assert.match(
    line(new Uint8Array([0x0c, 0, 0, 4, 0, 0, 100, 0, ...other])),
    /: ERROR: unknown-next-protocol$/,
  );
  const short = MD2.slice();
  short[1] = 0xc1;
  assert.match(
    line(new Uint8Array([0x0c, 0, 0, 4, 0, 0, 100, 0, ...short])),
    /0x7 \(less than two headers\) \(invalid\)$/,
  );
  assert.match(line(GPE.subarray(0, 13)), /: {2}\(packet length 5 < 8\) \(invalid\)$/);
  assert.match(
    line(GPE, 3, 8 + 12),
    /service-index 0x7\n {8}TLV Class 1, Type 2, Len 1\n {12}Value: {2}\[\|nsh\]$/,
  );
  assert.match(line(GPE, 0, 8 + 6), /NSH, flags \[O\], {2}\[\|nsh\]$/);
  const md1 = NSH_FRAME.slice();
  md1[15] = 0x04;
  assert.match(
    printFrame(LinkType.EN10MB, md1, { verbose: 3 }),
    /length 4, md type 1, .*service-index 0x7 \(invalid length for the MD type\) \(invalid\)$/,
  );
});

Deno.test("printVxlanGpe() marks a short, cut or unknown message as tcpdump does", () => {
  assert.equal(line(GPE.subarray(0, 5)), "VXLAN-GPE,  (len 5 < 8) (invalid)");
  assert.equal(line(new Uint8Array()), "VXLAN-GPE,  (len 0 < 8) (invalid)");
  assert.equal(line(GPE, 0, 0), "VXLAN-GPE,  [|vxlan_gpe]");
  assert.equal(line(GPE, 0, 7), "VXLAN-GPE, flags [IP],  [|vxlan_gpe]");
  assert.equal(line(GPE, 0, 8), "VXLAN-GPE, flags [IP], vni 100:  [|nsh]");
  const unknown = GPE.slice();
  unknown[3] = 9;
  assert.equal(
    line(unknown),
    "VXLAN-GPE, flags [IP], vni 100: ERROR: unknown-next-protocol (invalid)",
  );
  unknown[3] = 1;
  assert.equal(line(unknown.subarray(0, 8)), "VXLAN-GPE, flags [IP], vni 100:  [|ip]");
  unknown[0] = 0xf0;
  unknown[3] = 2;
  assert.equal(line(unknown.subarray(0, 8)), "VXLAN-GPE, flags [none], vni 100:  [|ip6]");
  unknown[3] = 3;
  assert.equal(line(unknown.subarray(0, 8)), "VXLAN-GPE, flags [none], vni 100:  [|ether]");
});

Deno.test("printVxlanGpe() reads the packet inside to the IP packet's end", () => {
  // A UDP length 5 bytes into the inner IPv4 header: ip_print() gets 5 bytes, but the
  // capture holds the header.
  const frame = packet(GPE);
  frame.set([0, 8 + 28 + 5, 0, 0], 24);
  assert.match(printFrame(LinkType.RAW, frame), /service-index 0x7: IP truncated-ip 5$/);
  const gpe = decode(LinkType.RAW, frame).layer("vxlan-gpe");
  assert.ok(gpe instanceof VxlanGpe);
  assert.deepEqual([gpe.wireLength, gpe.end - gpe.offset], [33, GPE.length]);
  frame.set([0, 8 + 28 + 24], 24);
  assert.match(
    printFrame(LinkType.RAW, frame, { verbose: 1 }),
    /\n {4}IP truncated-ip - 6 bytes missing! \(tos 0x0, ttl 64, /,
  );
});

Deno.test("printVxlanGpe() prints a layer decoded alone", () => {
  assert.equal(
    printLayer(decodeVxlanGpe(GPE.subarray(0, 8))),
    "VXLAN-GPE, flags [IP], vni 100:  [|nsh]",
  );
});
