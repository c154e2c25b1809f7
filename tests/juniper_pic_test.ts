import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeJuniperPic, JuniperPic, juniperPicDecoders } from "../lib/link/juniper_pic.ts";
import { IP_UDP, IP_UDP_TEXT } from "./_ip_fixture.ts";
import { printFrame } from "./_print_layer.ts";

const MGC = [0x4d, 0x47, 0x43];
const SNAP_IP = [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, ...IP_UDP];

/** A pseudo-header with `flags` (no extensions), then `rest`. */
function juniper(flags: number, ...rest: (readonly number[] | Uint8Array)[]): Uint8Array {
  return new Uint8Array([...MGC, flags, ...rest.flatMap((r) => [...r])]);
}

/** An ES PIC's IPsec header of `type`: SA index 7, TTL 64, SPI 0x1234, 10.1.1.1 > 10.2.2.2. */
function es(type: number): number[] {
  return [0, 7, 64, type, 0, 0, 0x12, 0x34, 10, 1, 1, 1, 10, 2, 2, 2];
}

Deno.test("juniperPicDecoders binds one layer per Juniper link type", () => {
  const linkTypes = juniperPicDecoders.map((d) => d.bindings.linkTypes?.[0]);
  assert.deepEqual(linkTypes, [
    132,
    137,
    135,
    179,
    181,
    180,
    167,
    168,
    130,
    131,
    134,
    133,
    136,
    164,
  ]);
  for (const decoder of juniperPicDecoders) {
    const layer = decoder.create();
    assert.ok(layer instanceof JuniperPic);
    assert.equal(layer.kind, "juniper-pic");
    assert.equal(layer.linkType, decoder.bindings.linkTypes?.[0]);
  }
});

Deno.test("decodeJuniperPic() reads an ATM1 cookie, then LLC/SNAP and IPv4 follow", () => {
  const frame = juniper(0x01, [0, 0, 1, 5], SNAP_IP);
  const layer = decodeJuniperPic(LinkType.JUNIPER_ATM1, frame);
  assert.deepEqual(
    [layer.pic, layer.cookieType, layer.cookieLength, layer.proto, layer.linkHeaderLength],
    ["ATM1", "pic", 4, 0xaaaa, 8],
  );
  assert.equal(layer.frame, "llc");
  assert.deepEqual(decode(LinkType.JUNIPER_ATM1, frame).layers.map((l) => l.kind), [
    "juniper-pic",
    "llc",
    "ipv4",
    "udp",
  ]);
});

Deno.test("decodeJuniperPic() counts Link Services and AS cookies as tcpdump does", () => {
  const ls = decodeJuniperPic(LinkType.JUNIPER_MLPPP, juniper(1, [0x54, 7, 0, 0], [0, 0x21]));
  assert.deepEqual([ls.cookieType, ls.cookieLength, ls.bundle], ["ls", 4, 7]);
  const as = decodeJuniperPic(
    LinkType.JUNIPER_MLPPP,
    juniper(1, [0x47, 0, 0, 0, 0, 0x10, 0, 0x28], [0x60, 0]),
  );
  assert.deepEqual([as.cookieType, as.cookieLength, as.proto, as.bundle, as.frame], [
    "as",
    8,
    0x10,
    5,
    "ip6",
  ]);
  // An ATM2 cookie with the Link Services byte pair is 10 bytes: more than tcpdump keeps.
  const tooLong = decodeJuniperPic(
    LinkType.JUNIPER_ATM2,
    juniper(1, [0x54, ...new Array(11).fill(0)]),
  );
  assert.equal(tooLong.cookieInvalid, true);
  assert.equal(
    decode(LinkType.JUNIPER_ATM2, juniper(1, [0x54, ...new Array(11).fill(0)])).layers.length,
    1,
  );
});

Deno.test("decodeJuniperPic() tells where the capture cut its headers", () => {
  const frame = juniper(0x01, [0, 0, 1, 5], SNAP_IP);
  const cuts = [4, 5, 8, 9, 10].map((n) =>
    decodeJuniperPic(LinkType.JUNIPER_ATM1, frame.subarray(0, n)).picCut
  );
  assert.deepEqual(cuts, ["cookie-id", "cookie", "proto", "proto", "frame"]);
  assert.equal(
    decodeJuniperPic(LinkType.JUNIPER_ES, juniper(1, es(3)).subarray(0, 19)).picCut,
    "pic-header",
  );
  const word = juniper(1, [0, 0, 0, 1, 0, 0, 0, 0x10], [8, 0]);
  assert.equal(decodeJuniperPic(LinkType.JUNIPER_ATM2, word).picCut, "control-word");
});

Deno.test("decodeJuniperPic() starts IP after an ES PIC's tunnel header, at it without one", () => {
  const tunnel = decodeJuniperPic(LinkType.JUNIPER_ES, juniper(1, es(3), IP_UDP));
  assert.deepEqual([tunnel.esType, tunnel.frame, tunnel.frameAt, tunnel.linkHeaderLength], [
    3,
    "ip",
    20,
    4,
  ]);
  // Types 1 and 2: the IPsec header's type is the low byte of IPv4's total length.
  const bundle = decodeJuniperPic(LinkType.JUNIPER_ES, juniper(1, es(1)));
  assert.deepEqual([bundle.frame, bundle.frameAt], ["ip", 4]);
  assert.equal(decodeJuniperPic(LinkType.JUNIPER_ES, juniper(1, es(9), IP_UDP)).frame, "none");
});

Deno.test("decodeJuniperPic() counts an ATM2 control word it knows as header", () => {
  const cookie = [0, 0, 0, 1, 0, 0, 0, 0x10];
  const known = decodeJuniperPic(
    LinkType.JUNIPER_ATM2,
    juniper(1, cookie, [8, 0x38, 0, 0, 1, 2, 3, 4, 5]),
  );
  assert.deepEqual([known.controlWord, known.linkHeaderLength, known.frame], [
    0x08380000,
    16,
    "oam",
  ]);
  const unknown = decodeJuniperPic(LinkType.JUNIPER_ATM2, juniper(1, cookie, [1, 2, 3, 4, 5]));
  assert.deepEqual([unknown.controlWord, unknown.linkHeaderLength], [0x01020304, 12]);
});

Deno.test("printJuniperPic() prints an ES PIC's tunnel with -e as tcpdump does", () => {
  const frame = juniper(0x01, es(3), IP_UDP);
  assert.equal(
    printFrame(LinkType.JUNIPER_ES, frame, { link: true }),
    ` In ES-PIC, cookie-len 0: hlen 4, proto 0x0007, ES SA, index 7, ttl 64 type ESP AUTH (3), spi 4660, Tunnel 10.1.1.1 > 10.2.2.2, length ${IP_UDP.length}\n${IP_UDP_TEXT}`,
  );
  assert.equal(printFrame(LinkType.JUNIPER_ES, frame), `IP ${IP_UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.JUNIPER_ES, juniper(0x01, es(9))),
    "ES Invalid type 9, length 16",
  );
});

Deno.test("printJuniperPic() prints the cuts of tcpdump's hoobr_juniper tests", () => {
  const cookie = new Uint8Array([...MGC, 0, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30]);
  assert.equal(
    printFrame(LinkType.JUNIPER_ATM1, cookie.subarray(0, 8), { link: true, verbose: 2 }, 100),
    "Out \n\tJuniper PCAP Flags [none]ATM1-PIC, cookie-len 4, cookie 0x30303030:  [|juniper_atm1]",
  );
  assert.equal(
    printFrame(LinkType.JUNIPER_ATM1, cookie, { link: true }, 100),
    "Out ATM1-PIC, cookie-len 4, cookie 0x30303030: hlen 8, proto 0x3030,  [|juniper_atm1]",
  );
  assert.equal(printFrame(LinkType.JUNIPER_ES, cookie.subarray(0, 5), {}, 100), " [|juniper_es]");
});

Deno.test("printJuniperPic() hands PPP, C-HDLC and PPPoE frames to their printers", () => {
  assert.equal(
    printFrame(LinkType.JUNIPER_PPP, juniper(0x01, [0xff, 3, 0, 0x21], IP_UDP), { link: true }),
    ` In hlen 4, proto 0x0000, IP (0x0021), length ${IP_UDP.length + 4}: ${IP_UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.JUNIPER_CHDLC, juniper(0x01, [0x0f, 0, 8, 0], IP_UDP)),
    `IP ${IP_UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.JUNIPER_PPPOE_ATM, juniper(0x01, [0x12, 0x34, 1, 2])),
    "unknown ethertype 0x1234",
  );
  assert.equal(printFrame(LinkType.JUNIPER_PPP, juniper(0x01, [0xff, 3, 0]), {}, 100), " [|ppp]");
});

Deno.test("printJuniperPic() hands an ATM OAM cell to its printer, without a HEC byte", () => {
  const cell = juniper(0x01, [0x80, 0, 1, 5], [0, 0, 0, 0x50, 0x18, 1, 2]);
  assert.equal(printFrame(LinkType.JUNIPER_ATM1, cell.subarray(0, 12), {}, 60), " [|oam]");
  assert.equal(
    printFrame(LinkType.JUNIPER_ATM1, cell),
    "OAM F5, vpi 0, vci 5, payload [ user data, uncongested, SDU 0 ], clp 0, length 7",
  );
});

Deno.test("decodeJuniperPic() reads MLFR and MFR cookies, an MFR child link without one", () => {
  const mlfr = decodeJuniperPic(LinkType.JUNIPER_MLFR, juniper(1, [0x11, 2, 3, 0xcc], IP_UDP));
  assert.deepEqual([mlfr.bundle, mlfr.proto, mlfr.linkHeaderLength, mlfr.frame, mlfr.frameAt], [
    0x11,
    0x03cc,
    8,
    "isoclns",
    6,
  ]);
  const child = decodeJuniperPic(
    LinkType.JUNIPER_MFR,
    juniper(1, [0xc0, 1, 0x18, 0x41, 3, 0xcc], IP_UDP),
  );
  assert.deepEqual([child.cookieLength, child.frame], [0, "mfr"]);
  assert.deepEqual(
    decode(LinkType.JUNIPER_MFR, juniper(1, [0xc0, 1, 0x18, 0x41, 3, 0xcc], IP_UDP)).layers.map((
      l,
    ) => l.kind),
    ["juniper-pic", "mfr", "fr", "ipv4", "udp"],
  );
  assert.equal(
    decodeJuniperPic(LinkType.JUNIPER_MFR, juniper(1, [1, 2, 3, 4, 0x12, 0x34])).frame,
    "unknown",
  );
});

Deno.test("printJuniperPic() prints an MLFR bundle and an unknown protocol", () => {
  assert.equal(
    printFrame(LinkType.JUNIPER_MLFR, juniper(1, [0x11, 2, 0x12, 0x34, 0, 0]), { link: true }),
    " In MLFR-PIC, cookie-len 2, cookie 0x1102: hlen 8, proto 0x1234, Bundle-ID 17, unknown protocol 0x1234, length 2",
  );
});
