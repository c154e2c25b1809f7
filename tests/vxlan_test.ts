import assert from "node:assert/strict";
import { decodeVxlan, Vxlan, vxlanDecoder } from "../lib/net/vxlan.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildArp, buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

/** Ethernet, IPv4 and UDP to port 4789 around `payload`. */
function vxlanFrame(payload: Uint8Array): Uint8Array {
  const udp = buildUdp({
    source: "192.168.203.1",
    destination: "192.168.202.1",
    sourcePort: 45149,
    destinationPort: 4789,
    payload,
  });
  const ip = buildIpv4({
    source: "192.168.203.1",
    destination: "192.168.202.1",
    protocol: 17,
    payload: udp,
  });
  return buildEthernet({
    destination: "00:16:3e:08:71:cf",
    source: "36:dc:85:1e:b3:40",
    etherType: 0x0800,
    payload: ip,
  });
}

// The inner frame of tcpdump's tests/vxlan.pcap, packet 2 (an ARP request):
//   0x0000:  0800 0000 0000 6400 ffff ffff ffff 0030  ......d........0
//   0x0010:  8801 0002 0806 ...
const HEADER = new Uint8Array([0x08, 0, 0, 0, 0, 0, 0x64, 0]);
const INNER = buildEthernet({
  destination: "ff:ff:ff:ff:ff:ff",
  source: "00:30:88:01:00:02",
  etherType: 0x0806,
  pad: false,
  payload: buildArp({
    operation: "request",
    senderMac: "00:30:88:01:00:02",
    senderIp: "192.168.203.5",
    targetIp: "192.168.203.3",
  }),
});

function withInner(): Uint8Array {
  const payload = new Uint8Array(HEADER.length + INNER.length);
  payload.set(HEADER);
  payload.set(INNER, HEADER.length);
  return payload;
}

Deno.test("decodeVxlan() reads the flags and the VNI", () => {
  const vxlan = decodeVxlan(new Uint8Array([0x08, 0, 0, 0, 0xab, 0xcd, 0xef, 0]));
  assert.ok(vxlan instanceof Vxlan);
  assert.equal(vxlan.kind, "vxlan");
  assert.equal(vxlan.flags, 0x08);
  assert.equal(vxlan.vniValid, true);
  assert.equal(vxlan.vni, 0xabcdef);
  assert.equal(vxlan.headerLength, 8);
  assert.deepEqual(vxlan.toJSON(), {
    flags: 8,
    vniValid: true,
    vni: 0xabcdef,
    reserved1: 0,
    reserved2: 0,
  });
  assert.equal(decodeVxlan(new Uint8Array(8)).vniValid, false);
});

Deno.test("decodeVxlan() rejects a truncated header", () => {
  assert.throws(() => decodeVxlan(new Uint8Array(7)), DecodeError);
  const packet = decode(LinkType.EN10MB, vxlanFrame(new Uint8Array([8, 0, 0, 0])));
  assert.equal(packet.error?.layer, "vxlan");
  assert.equal(packet.error?.code, "truncated");
});

Deno.test("decode() goes on through VXLAN to the inner frame", () => {
  const packet = decode(LinkType.EN10MB, vxlanFrame(withInner()));
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), [
    "ethernet",
    "ipv4",
    "udp",
    "vxlan",
    "ethernet",
    "arp",
  ]);
  assert.equal(vxlanDecoder.bindings.udpPorts?.[0], 4789);
});

Deno.test("printVxlan() prints the VNI and the inner frame as tcpdump does", () => {
  const frame = vxlanFrame(withInner());
  const packet = decode(LinkType.EN10MB, frame);
  const record = { seconds: 0, nanoseconds: 0, originalLength: frame.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record),
    "IP 192.168.203.1.45149 > 192.168.202.1.4789: VXLAN, flags [I] (0x08), vni 100\n" +
      "ARP, Request who-has 192.168.203.3 tell 192.168.203.5, length 28",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", link: true }).format(packet, record),
    "36:dc:85:1e:b3:40 > 00:16:3e:08:71:cf, ethertype IPv4 (0x0800), length 92: " +
      "192.168.203.1.45149 > 192.168.202.1.4789: VXLAN, flags [I] (0x08), vni 100\n" +
      "00:30:88:01:00:02 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: " +
      "Request who-has 192.168.203.3 tell 192.168.203.5, length 28",
  );
});

Deno.test("printVxlan() prints an inner frame of an unknown type as tcpdump does", () => {
  // tcpdump -n: the inner header as -e shows it, then the bytes.
  const inner = buildEthernet({
    destination: "01:02:03:04:05:06",
    source: "07:08:09:0a:0b:0c",
    etherType: 0x1234,
    payload: new Uint8Array([9, 9]),
    pad: false,
  });
  const payload = new Uint8Array(HEADER.length + inner.length);
  payload.set(HEADER);
  payload.set(inner, HEADER.length);
  const frame = vxlanFrame(payload);
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.EN10MB, frame), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: frame.length,
    }),
    "IP 192.168.203.1.45149 > 192.168.202.1.4789: VXLAN, flags [I] (0x08), vni 100\n" +
      "07:08:09:0a:0b:0c > 01:02:03:04:05:06, ethertype Unknown (0x1234), length 16: \n" +
      "\t0x0000:  0909                                     ..",
  );
  const empty = vxlanFrame(HEADER);
  assert.match(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.EN10MB, empty), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: empty.length,
    }),
    /vni 100\n \[\|ether\]$/,
  );
});

Deno.test("decode() keeps the flags of a VXLAN header cut after them", () => {
  const frame = vxlanFrame(new Uint8Array([0x08, 0, 0, 0, 0, 0, 100, 0]));
  // The Ethernet, IPv4 and UDP headers and three bytes of VXLAN.
  const packet = decode(LinkType.EN10MB, frame.subarray(0, 14 + 20 + 8 + 3));
  const vxlan = packet.layers[packet.count - 1]!;
  assert.equal(vxlan.kind, "vxlan");
  assert.equal(vxlan.kind === "vxlan" && vxlan.flags, 0x08);
  assert.equal(vxlan.kind === "vxlan" && vxlan.vni, 0);
  assert.equal(packet.error?.code, "truncated");
  assert.equal(packet.error?.partial, true);
  const line = new TcpdumpPrinter({ timestamps: "none" }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength: frame.length,
  });
  assert.match(line, /: VXLAN, flags \[I\] \(0x08\), {2}\[\|vxlan\]$/);
});
