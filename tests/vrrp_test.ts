import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeVrrp, vrrpDecoder } from "../lib/net/vrrp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";

// From tcpdump's tests/vrrp.pcap (tcpdump -v -x):
// 10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple,
// intvl 10s, length 28, addrs(3): 10.4.42.1,10.4.42.2,10.4.42.3 auth "abcdefgh"
// 0x0000:  4500 0030 1234 0000 ff70 bebc 0a00 005b
// 0x0010:  e000 0012 212a bf03 010a f11f 0a04 2a01
// 0x0020:  0a04 2a02 0a04 2a03 6162 6364 6566 6768
const V2_SIMPLE = decodeHex(
  "450000301234 0000ff70bebc0a00005b e0000012212abf03010af11f0a042a01 0a042a020a042a036162636465666768",
);
// fe80::d6ca:6dff:fe66:cf60 > ff02::12: VRRPv3, Advertisement, vrid 45, prio 191,
// intvl 1000cs, length 40, addrs(2): fe80::200:5eff:fe00:22d,2001::abcd:a
// 0x0000:  6000 0000 0028 70ff fe80 0000 0000 0000
// 0x0010:  d6ca 6dff fe66 cf60 ff02 0000 0000 0000
// 0x0020:  0000 0000 0000 0012 312d bf02 03e8 cfa0
// 0x0030:  fe80 0000 0000 0000 0200 5eff fe00 022d
// 0x0040:  2001 0000 0000 0000 0000 0000 abcd 000a
const V3_IPV6 = decodeHex(
  "60000000002870fffe80000000000000d6ca6dfffe66cf60ff020000000000000000000000000012" +
    "312dbf0203e8cfa0fe800000000000000200" + "5efffe00022d2001000000000000000000" +
    "00abcd000a",
);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.RAW, frame, { verbose });
}

Deno.test("decodeVrrp() reads a version 2 advertisement with a password", () => {
  const vrrp = decodeVrrp(V2_SIMPLE, 20);
  assert.equal(vrrp.kind, "vrrp");
  assert.equal(vrrp.version, 2);
  assert.equal(vrrp.type, 1);
  assert.equal(vrrp.virtualRouterId, 42);
  assert.equal(vrrp.priority, 191);
  assert.equal(vrrp.addressCount, 3);
  assert.equal(vrrp.authType, 1);
  assert.equal(vrrp.advertisementInterval, 10);
  assert.equal(vrrp.checksumValid, true);
  assert.deepEqual(vrrp.addresses, ["10.4.42.1", "10.4.42.2", "10.4.42.3"]);
  assert.equal(new TextDecoder().decode(vrrp.password), "abcdefgh");
});

Deno.test("decodeVrrp() reads version 3 over IPv6 and checks the pseudo-header checksum", () => {
  const vrrp = decode(LinkType.RAW, V3_IPV6).layers.find((l) => l.kind === "vrrp");
  assert.ok(vrrp?.kind === "vrrp");
  assert.equal(vrrp.version, 3);
  assert.equal(vrrp.advertisementInterval, 1000);
  assert.equal(vrrp.addressLength, 16);
  assert.deepEqual(vrrp.addresses, ["fe80::200:5eff:fe00:22d", "2001::abcd:a"]);
  assert.equal(vrrp.checksumValid, true);
});

Deno.test("decodeVrrp() rejects a truncated header", () => {
  assert.throws(() => decodeVrrp(V2_SIMPLE.subarray(20, 25)), DecodeError);
  assert.equal(vrrpDecoder.create().kind, "vrrp");
});

Deno.test("printVrrp() prints an advertisement as tcpdump does", () => {
  assert.equal(
    print(V2_SIMPLE),
    "IP 10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, " +
      "intvl 10s, length 28",
  );
  assert.equal(
    print(V2_SIMPLE, 1).split("\n")[1],
    "    10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, " +
      'intvl 10s, length 28, addrs(3): 10.4.42.1,10.4.42.2,10.4.42.3 auth "abcdefgh"',
  );
  assert.equal(
    print(V3_IPV6, 1),
    "IP6 (hlim 255, next-header VRRP (112) payload length: 40) fe80::d6ca:6dff:fe66:cf60 > " +
      "ff02::12: VRRPv3, Advertisement, vrid 45, prio 191, intvl 1000cs, length 40, " +
      "addrs(2): fe80::200:5eff:fe00:22d,2001::abcd:a",
  );
});

Deno.test("printVrrp() prints a TTL other than 255 and a bad checksum", () => {
  const frame = V2_SIMPLE.slice();
  frame[8] = 64; // TTL (the IP checksum goes bad too: tcpdump -v says so first)
  frame[26] = frame[26]! ^ 0xff; // the VRRP checksum
  assert.equal(
    print(frame).split(": ")[1],
    "VRRPv2, Advertisement, (ttl 64), vrid 42, prio 191, authtype simple, intvl 10s, length 28",
  );
  assert.match(print(frame, 1), /length 28, \(bad vrrp cksum e1f\), addrs\(3\)/);
});

Deno.test("printVrrp() prints the fields of a message cut inside its first 6 bytes", () => {
  const cut = decode(LinkType.RAW, V2_SIMPLE.subarray(0, 25));
  assert.equal(cut.layer("vrrp")?.truncated, true);
  assert.equal(cut.error?.partial, true);
  assert.equal(
    print(V2_SIMPLE.subarray(0, 25)),
    "IP truncated-ip - 23 bytes missing! 10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, " +
      "vrid 42, prio 191, authtype simple [|vrrp]",
  );
  assert.equal(
    print(V2_SIMPLE.subarray(0, 22)),
    "IP truncated-ip - 26 bytes missing! 10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement [|vrrp]",
  );
});

/** An Ethernet frame (to the VRRP group address) holding an IPv4 packet. */
function ethernet(packet: Uint8Array): Uint8Array {
  return new Uint8Array([...decodeHex("01005e000012 00005e000101 0800"), ...packet]);
}

/** V2_SIMPLE's IPv4 header (length and checksum set) before `payload`. */
function ipv4(payload: Uint8Array): Uint8Array {
  const header = V2_SIMPLE.slice(0, 20);
  const length = 20 + payload.length;
  [header[2], header[3], header[10], header[11]] = [length >> 8, length & 0xff, 0, 0];
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (header[i]! << 8) | header[i + 1]!;
  sum = ~((sum & 0xffff) + (sum >> 16)) & 0xffff;
  [header[10], header[11]] = [sum >> 8, sum & 0xff];
  return new Uint8Array([...header, ...payload]);
}

/** The lines tcpdump -v -x prints for an Ethernet frame: the text, then the dump. */
function dumped(frame: Uint8Array): string[] {
  return printFrame(LinkType.EN10MB, frame, { verbose: 1, hex: 1 }).split("\n");
}

Deno.test("printVrrp() names VRRP when none of it was captured, and -x dumps the whole frame", () => {
  // tcpdump's vrrp_print() prints its name, then its read of the first byte ends the
  // packet: that longjmp makes -x dump the link header too.
  assert.deepEqual(dumped(ethernet(ipv4(new Uint8Array(0)))).slice(1), [
    "    10.0.0.91 > 224.0.0.18: VRRP [|vrrp]",
    "\t0x0000:  0100 5e00 0012 0000 5e00 0101 0800 4500",
    "\t0x0010:  0014 1234 0000 ff70 bed8 0a00 005b e000",
    "\t0x0020:  0012",
  ]);
});

Deno.test("printVrrp() stops at the checksum field that a short message with a bad sum lacks", () => {
  const six = ethernet(ipv4(V2_SIMPLE.subarray(20, 26)));
  const layer = decode(LinkType.EN10MB, six).layer("vrrp");
  assert.equal(layer?.checksumValid, false);
  assert.deepEqual(dumped(six).slice(1), [
    "    10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, " +
    "intvl 10s, length 6 [|vrrp]",
    "\t0x0000:  0100 5e00 0012 0000 5e00 0101 0800 4500",
    "\t0x0010:  001a 1234 0000 ff70 bed2 0a00 005b e000",
    "\t0x0020:  0012 212a bf03 010a",
  ]);
});

Deno.test("printVrrp() dumps the whole frame with -x when the addresses are cut", () => {
  assert.deepEqual(dumped(ethernet(V2_SIMPLE.subarray(0, 36))).slice(1), [
    "    10.0.0.91 > 224.0.0.18: VRRPv2, Advertisement, vrid 42, prio 191, authtype simple, " +
    "intvl 10s, length 28, addrs(3): 10.4.42.1,10.4.42.2 [|vrrp]",
    "\t0x0000:  0100 5e00 0012 0000 5e00 0101 0800 4500",
    "\t0x0010:  0030 1234 0000 ff70 bebc 0a00 005b e000",
    "\t0x0020:  0012 212a bf03 010a f11f 0a04 2a01 0a04",
    "\t0x0030:  2a02",
  ]);
});
