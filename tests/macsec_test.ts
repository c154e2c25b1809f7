import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeMacsec, Macsec, macsecDecoder, MacsecTci } from "../lib/link/macsec.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "3e6f f374 237c 2eb7 3f39 95c3 88e5";
const SCI = "2eb7 3f39 95c3 0001";
const ICV = "a0a1 a2a3 a4a5 a6a7 a8a9 aaab acad aeaf";
// An ARP request (28 bytes).
const ARP = "0001 0800 0604 0001 2eb7 3f39 95c3 c0a8 7101 0000 0000 0000 c0a8 7102";

// Integrity only, SC bit set, AN 0, PN 68: an ARP request, then the ICV.
const INTEGRITY = hex(`${ETHERNET} 2000 0000 0044 ${SCI} 0806 ${ARP} ${ICV}`);
// Encrypted and changed (E, C, SC), PN 72.
const ENCRYPTED = hex(`${ETHERNET} 2c00 0000 0048 ${SCI} 5051 5253 ${ICV}`);
// No SCI, AN 1, short length 30 (the EtherType and the ARP request).
const SHORT = hex(`${ETHERNET} 011e 0000 0001 0806 ${ARP} ${ICV}`);

function print(frame: Uint8Array, link = false, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { link }, originalLength);
}

Deno.test("decodeMacsec() reads the SecTAG, the inner EtherType and the payload before the ICV", () => {
  const macsec = decodeMacsec(INTEGRITY, 14);
  assert.ok(macsec instanceof Macsec);
  assert.deepEqual(macsec.toJSON(), {
    associationNumber: 0,
    tci: MacsecTci.SCI_PRESENT,
    shortLength: 0,
    packetNumber: 68,
    sci: "2eb73f3995c30001",
    etherType: 0x0806,
  });
  assert.equal(macsec.sectagLength, 14);
  assert.equal(macsec.headerLength, 16);
  assert.equal(macsec.payload.length, 28);
  assert.equal(macsec.encrypted, false);
  const short = decodeMacsec(SHORT, 14);
  assert.equal(short.associationNumber, 1);
  assert.equal(short.shortLength, 30);
  assert.equal(short.sci, undefined);
  assert.equal(short.sectagLength, 6);
  assert.equal(macsecDecoder.create().kind, "macsec");
  const packet = decode(LinkType.EN10MB, INTEGRITY);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet", "macsec", "arp"]);
});

Deno.test("decodeMacsec() leaves an encrypted payload undecoded", () => {
  const macsec = decodeMacsec(ENCRYPTED, 14);
  assert.equal(macsec.encrypted, true);
  assert.equal(macsec.headerLength, 14);
  assert.equal(macsec.etherType, undefined);
  assert.equal(decode(LinkType.EN10MB, ENCRYPTED).layers.length, 2);
});

Deno.test("decodeMacsec() rejects a truncated header", () => {
  assert.throws(() => decodeMacsec(INTEGRITY.subarray(14, 19)), {
    message: "Cannot decode MACsec header: 6 bytes required, received 5",
  });
  assert.throws(() => decodeMacsec(INTEGRITY.subarray(14, 27)), {
    message: "Cannot decode MACsec header: 14 bytes required, received 13",
  });
  // Less than an ICV after the SecTAG.
  assert.throws(() => decodeMacsec(INTEGRITY.subarray(14, 43)), DecodeError);
  // A short length longer than the secure data.
  const long = SHORT.slice();
  long[15] = 40;
  assert.throws(() => decodeMacsec(long, 14), DecodeError);
  assert.throws(() => decodeMacsec(new Uint8Array(0)), DecodeError);
});

Deno.test("decodeMacsec() rejects the version bit and the short length's reserved bits", () => {
  const version = INTEGRITY.slice();
  version[14] = 0xa0;
  assert.throws(() => decodeMacsec(version, 14), {
    message: "Cannot decode MACsec header: version or reserved bits set",
  });
  const reserved = INTEGRITY.slice();
  reserved[15] = 0x40;
  const packet = decode(LinkType.EN10MB, reserved);
  const macsec = packet.layers[1];
  assert.ok(macsec instanceof Macsec);
  assert.equal(macsec.problem, "invalid");
  assert.equal(packet.error?.code, "malformed");
});

Deno.test("printMacsec() prints the SecTAG with -e and the inner packet, as tcpdump does", () => {
  const arp = "Request who-has 192.168.113.2 tell 192.168.113.1, length 28";
  assert.equal(print(INTEGRITY), `ARP, ${arp}`);
  assert.equal(
    print(INTEGRITY, true),
    "2e:b7:3f:39:95:c3 > 3e:6f:f3:74:23:7c, ethertype 802.1AE MACsec (0x88e5), length 74: " +
      "an 0, pn 68, flags I, sci 2eb73f3995c30001, ethertype ARP (0x0806), " + arp,
  );
  assert.equal(
    print(SHORT, true),
    "2e:b7:3f:39:95:c3 > 3e:6f:f3:74:23:7c, ethertype 802.1AE MACsec (0x88e5), length 66: " +
      "an 1, pn 1, flags none, sl 30, ethertype ARP (0x0806), " + arp,
  );
});

Deno.test("printMacsec() prints an encrypted frame's SecTAG and bytes, as tcpdump does", () => {
  const dump = "\n\t0x0000:  5051 5253 a0a1 a2a3 a4a5 a6a7 a8a9 aaab  PQRS............" +
    "\n\t0x0010:  acad aeaf                                ....";
  assert.equal(
    print(ENCRYPTED),
    "2e:b7:3f:39:95:c3 > 3e:6f:f3:74:23:7c 802.1AE MACsec, an 0, pn 72, flags ECI, " +
      "sci 2eb73f3995c30001, " + dump,
  );
  assert.equal(
    print(ENCRYPTED, true),
    "2e:b7:3f:39:95:c3 > 3e:6f:f3:74:23:7c, ethertype 802.1AE MACsec (0x88e5), length 48: " +
      "an 0, pn 72, flags ECI, sci 2eb73f3995c30001, " + dump,
  );
});

Deno.test("printMacsec() marks cut, invalid and too short SecTAGs, as tcpdump does", () => {
  assert.equal(print(INTEGRITY.subarray(0, 20), false, 74), " [|macsec]");
  assert.equal(
    print(INTEGRITY.subarray(0, 30), true, 74),
    "2e:b7:3f:39:95:c3 > 3e:6f:f3:74:23:7c, ethertype 802.1AE MACsec (0x88e5), length 74: " +
      "an 0, pn 68, flags I, sci 2eb73f3995c30001,  [|macsec]",
  );
  const version = INTEGRITY.slice();
  version[14] = 0xa0;
  assert.equal(print(version), " (invalid)");
  // An ICV and one byte: no room for the EtherType.
  assert.equal(print(INTEGRITY.subarray(0, 45)), " [|ether]");
  // A short length of 1.
  const one = SHORT.slice();
  one[15] = 1;
  assert.equal(
    print(one, true),
    "2e:b7:3f:39:95:c3 > 3e:6f:f3:74:23:7c, ethertype 802.1AE MACsec (0x88e5), length 66: " +
      "an 1, pn 1, flags none, sl 1,  [caplen 1 < 2]",
  );
});

Deno.test("decode() reads a SecTAG only where tcpdump does: not after a VLAN tag or a cooked header", () => {
  const tagged = hex(
    `${ETHERNET.slice(0, -5)} 8100 002a 88e5 2000 0000 0044 ${SCI} 0806 ${ARP} ${ICV}`,
  );
  assert.deepEqual(decode(LinkType.EN10MB, tagged).layers.map((layer) => layer.kind), [
    "ethernet",
    "vlan",
  ]);
  const sll = hex(
    `0000 0001 0006 2eb7 3f39 95c3 0000 88e5 2000 0000 0044 ${SCI} 0806 ${ARP} ${ICV}`,
  );
  assert.deepEqual(decode(LinkType.LINUX_SLL, sll).layers.map((layer) => layer.kind), ["sll"]);
  // tcpdump prints a second SecTAG as an unknown EtherType's bytes.
  const twice = hex(`${ETHERNET} 2000 0000 0044 ${SCI} 88e5 2000 0000 0045 ${SCI} ${ICV}`);
  assert.deepEqual(decode(LinkType.EN10MB, twice).layers.map((layer) => layer.kind), [
    "ethernet",
    "macsec",
  ]);
});
