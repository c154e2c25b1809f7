import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import { decodeBrcmTag, decodeBrcmTagPrepend } from "../lib/link/brcm_tag.ts";
import { decodeDsa, decodeEdsa, DsaMode } from "../lib/link/dsa.ts";
import { IP_UDP as IP, IP_UDP_TEXT as UDP_TEXT } from "./_ip_fixture.ts";
import { readCapture } from "./_pcap_fixture.ts";

/** The destination and source addresses of every frame here. */
const MACS = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1];

function frame(tag: number[], type: number, payload: Uint8Array | number[] = IP): Uint8Array {
  return new Uint8Array([...MACS, ...tag, type >> 8, type & 0xff, ...payload]);
}

Deno.test("the link types are named as libpcap names them", () => {
  assert.equal(linkTypeName(281), "DSA_TAG_BRCM");
  assert.equal(linkTypeName(282), "DSA_TAG_BRCM_PREPEND");
  assert.equal(linkTypeName(284), "DSA_TAG_DSA");
  assert.equal(linkTypeName(285), "DSA_TAG_EDSA");
});

Deno.test("decodeBrcmTag() reads the ingress and egress fields and the EtherType after the tag", () => {
  const ingress = decodeBrcmTag(frame([0x20, 0x9e, 0x01, 0xff], 0x0800));
  assert.equal(ingress.headerLength, 18);
  assert.equal(ingress.etherType, 0x0800);
  assert.equal(ingress.source, "02:00:00:00:00:01");
  assert.equal(ingress.tag.ingress, true);
  assert.equal(ingress.tag.opcode, 1);
  assert.equal(ingress.tag.ingressTrafficClass, 7);
  assert.equal(ingress.tag.tagEnforcement, 2);
  assert.equal(ingress.tag.timeStamp, 1);
  assert.equal(ingress.tag.destinationMap, 0x1ff);
  const egress = decodeBrcmTag(frame([0x00, 0x2a, 0x10, 0xe5], 0x86dd));
  assert.equal(egress.tag.ingress, false);
  assert.equal(egress.tag.classificationId, 0x2a);
  assert.equal(egress.tag.reasonCode, 0x10);
  assert.equal(egress.tag.egressTrafficClass, 7);
  assert.equal(egress.tag.port, 5);
});

Deno.test("decodeBrcmTag() rejects a truncated header", () => {
  assert.throws(
    () => decodeBrcmTag(frame([0x20, 0, 0, 0x80], 0x0800).subarray(0, 17)),
    DecodeError,
  );
});

Deno.test("decodeBrcmTagPrepend() rejects a truncated tag", () => {
  assert.throws(() => decodeBrcmTagPrepend(new Uint8Array([0, 0, 0x20])), {
    message: "Cannot decode Broadcom tag (prepended) header: 4 bytes required, received 3",
  });
});

Deno.test("an 802.3 length after a switch tag trims the payload and leads to LLC", () => {
  const tagged = decodeDsa(frame([0xc0, 0x08, 0, 0], 5, [0x42, 0x42, 0x03, 0, 0, 0, 0, 0]));
  assert.equal(tagged.etherType, undefined);
  assert.equal(tagged.length, 5);
  assert.equal(tagged.payload.length, 5);
  const packet = decode(
    LinkType.DSA_TAG_DSA,
    frame([0xc0, 0x08, 0, 0], 8 + IP.length, [
      0xaa,
      0xaa,
      0x03,
      0,
      0,
      0,
      0x08,
      0,
      ...IP,
    ]),
  );
  assert.deepEqual(packet.layers.map((l) => l.kind), ["dsa", "llc", "ipv4", "udp"]);
});

Deno.test("decodeDsa() reads every field of the tag", () => {
  const tag = decodeDsa(frame([0x3f, 0xff, 0xf5, 0x39], 0x0800)).tag;
  assert.equal(tag.mode, DsaMode.TO_CPU);
  assert.equal(tag.tagged, true);
  assert.equal(tag.device, 31);
  assert.equal(tag.port, 31);
  assert.equal(tag.trunk, true);
  assert.equal(tag.cfi, true);
  assert.equal(tag.priority, 7);
  assert.equal(tag.vlanId, 0x539);
  assert.equal(tag.code, 7);
});

Deno.test("decodeDsa() rejects a truncated header", () => {
  assert.throws(() => decodeDsa(new Uint8Array(17)), {
    message: "Cannot decode Marvell DSA header: 18 bytes required, received 17",
  });
});

Deno.test("decodeEdsa() reads the EtherType, the reserved bytes and the DSA tag", () => {
  const edsa = decodeEdsa(frame([0xda, 0xda, 1, 0xff, 0x40, 0x10, 0, 0], 0x0800));
  assert.equal(edsa.headerLength, 22);
  assert.equal(edsa.edsaEtherType, 0xdada);
  assert.equal(edsa.reserved1, 1);
  assert.equal(edsa.reserved2, 0xff);
  assert.equal(edsa.tag.mode, DsaMode.FROM_CPU);
  assert.equal(edsa.tag.port, 2);
  assert.equal(edsa.etherType, 0x0800);
  assert.throws(() => decodeEdsa(new Uint8Array(21)), DecodeError);
});

Deno.test("printBrcmTag() prints the tag always, the addresses and EtherType with -e", () => {
  const f = frame([0x00, 0x00, 0x20, 0x05], 0x0800);
  assert.equal(
    printFrame(LinkType.DSA_TAG_BRCM, f),
    `BRCM tag OP: EG, CID: 0, RC: exception, TC: 0, port: 5, IP ${UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.DSA_TAG_BRCM, f, { link: true }),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, BRCM tag OP: EG, CID: 0, RC: exception, TC: 0, " +
      `port: 5, ethertype IPv4 (0x0800), length 48: ${UDP_TEXT}`,
  );
  // tcpdump says "IG" for any opcode but picks the ingress fields by bit 5 alone.
  assert.equal(
    printFrame(LinkType.DSA_TAG_BRCM, frame([0x40, 0x05, 0x03, 0x45], 0x0800)),
    `BRCM tag OP: IG, CID: 5, RC: reserved, TC: 2, port: 5, IP ${UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.DSA_TAG_BRCM, frame([0x20, 0x80, 0xff, 0xff], 0x0800)),
    `BRCM tag OP: IG, TC: 0, TE: None, TS: 1, DST map: 0x01ff, IP ${UDP_TEXT}`,
  );
});

Deno.test("printBrcmTagPrepend() prints the tag with -e only, before the Ethernet header", () => {
  const f = new Uint8Array([0x20, 0x00, 0x00, 0x20, ...frame([], 0x0800)]);
  assert.equal(printFrame(LinkType.DSA_TAG_BRCM_PREPEND, f), `IP ${UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.DSA_TAG_BRCM_PREPEND, f, { link: true }),
    "BRCM tag OP: IG, TC: 0, TE: None, TS: 0, DST map: 0x0020, 02:00:00:00:00:01 > " +
      `ff:ff:ff:ff:ff:ff, ethertype IPv4 (0x0800), length 44: ${UDP_TEXT}`,
  );
  // The frame after the tag is 4 bytes shorter than the record.
  const unknown = new Uint8Array([0, 0, 0x20, 5, ...frame([], 0x1234, [1, 2])]);
  assert.equal(
    printFrame(LinkType.DSA_TAG_BRCM_PREPEND, unknown),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype Unknown (0x1234), length 16: \n" +
      "\t0x0000:  0102                                     ..",
  );
});

Deno.test("printDsa() and printEdsa() print each mode as tcpdump does", () => {
  const cases: [number[], string, string][] = [
    [[0xc0, 0x0c, 0, 5], "Forward trunk 0.1, VLAN 5u", "mode Forward, dev 0, trunk 1, untagged"],
    [[0x61, 0x10, 0, 0], "CPU > port 1.2, VLAN 0t", "mode From CPU, target dev 1, port 2, tagged"],
    [
      [0x02, 0x1b, 0x10, 0],
      "port 2.3 > CPU, VLAN 0u",
      "mode To CPU, source dev 2, port 3, code Policy Trap, untagged, CFI",
    ],
    [
      [0x83, 0x24, 0xe0, 0],
      "port 3.4 > Rx Sniffer, VLAN 0u",
      "mode To Sniffer, source dev 3, port 4, ingress sniff, untagged",
    ],
  ];
  for (const [tag, short, long] of cases) {
    const f = frame(tag, 0x0800);
    assert.equal(printFrame(LinkType.DSA_TAG_DSA, f), `DSA ${short}, IP ${UDP_TEXT}`);
    const priority = tag[2]! >> 5;
    assert.equal(
      printFrame(LinkType.DSA_TAG_DSA, f, { link: true }),
      `02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, Marvell DSA ${long}, VID ${tag[3]}, ` +
        `FPri ${priority}, ethertype IPv4 (0x0800), length 48: ${UDP_TEXT}`,
    );
  }
  const edsa = frame([0x08, 0x00, 1, 2, 0xc0, 0x08, 0, 0], 0x0800);
  assert.equal(
    printFrame(LinkType.DSA_TAG_EDSA, edsa),
    `EDSA 0x0800, Forward port 0.1, VLAN 0u, IP ${UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.DSA_TAG_EDSA, edsa, { link: true }),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, Marvell EDSA ethertype 0x0800 (IPv4), rsvd 1 2, " +
      "mode Forward, dev 0, port 1, untagged, VID 0, FPri 0, ethertype IPv4 (0x0800), " +
      `length 52: ${UDP_TEXT}`,
  );
});

Deno.test("a cut switch-tagged header prints its protocol's mark", () => {
  const f = frame([0xc0, 0x08, 0, 0], 0x0800).subarray(0, 16);
  assert.equal(printFrame(LinkType.DSA_TAG_DSA, f), " [|dsa]");
  assert.equal(printFrame(LinkType.DSA_TAG_EDSA, f), " [|edsa]");
  assert.equal(printFrame(LinkType.DSA_TAG_BRCM, f), " [|brcm-tag]");
  assert.equal(printFrame(LinkType.DSA_TAG_BRCM_PREPEND, f.subarray(0, 3)), " [|brcm-tag-prepend]");
  assert.equal(printFrame(LinkType.DSA_TAG_BRCM_PREPEND, f.subarray(0, 10)), " [|ether]");
  // No byte of the IPv4 header: ip_print()'s first read ends the packet.
  assert.equal(
    printFrame(LinkType.DSA_TAG_DSA, frame([0xc0, 0x08, 0, 0], 0x0800, [])),
    "DSA Forward port 0.1, VLAN 0u,  [|ip]",
  );
});

Deno.test("the crafted captures print as tcpdump printed them", () => {
  const expect: [string, number, string][] = [
    [
      "dsa_tags_brcm.pcap",
      0,
      "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, BRCM tag OP: IG, TC: 7, TE: None, TS: 0, " +
      `DST map: 0x0001, ethertype IPv4 (0x0800), length 48: ${UDP_TEXT}`,
    ],
    [
      "dsa_tags_dsa.pcap",
      0,
      "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, Marvell DSA mode To CPU, source dev 0, port 0, " +
      "code BPDU (MGMT) Trap, untagged, VID 57, FPri 0, ethertype IPv4 (0x0800), length 48: " +
      UDP_TEXT,
    ],
  ];
  for (const [name, index, text] of expect) {
    const record = readCapture(
      new URL(`../testdata/crafted/${name}`, import.meta.url).href,
    )[index]!;
    assert.equal(
      printFrame(record.linkType as LinkType, record.data, { link: true }, record.originalLength),
      text,
    );
  }
});
