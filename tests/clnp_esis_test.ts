import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Clnp, clnpDecoder, decodeClnp, osiOptions } from "../lib/net/clnp.ts";
import { decodeEsis, Esis, esisDecoder } from "../lib/net/esis.ts";
import { decodeIsoclns, osiDecoder } from "../lib/net/isoclns.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// PDUs of testdata/crafted/clnp_esis.py: an error report carrying a data PDU's header, an
// ESH with options, a redirect.
const ER = hex(
  "8124010901006278610c39840f8000000000000000010a490001aabbccddeeff00c101a1812a01289c002a" +
    "319b0a490001aabbccddeeff000c39840f800000000000000001000700080009cd010264617461206f6620" +
    "746865206f726967696e616c",
);
const ESH = hex(
  "822b010002001ea9e7020a4900010000000000010003490001c602003c810381cc8ec5020102c603000000",
);
const REDIRECT = hex(
  "8229010006001e14c60a490001aabbccddeeff000600000c07ac010a49000100000000000100e201ff",
);

/** An 802.3 frame with LLC SAP 0xfe (UI) around `pdu`. */
function llc(pdu: Uint8Array): Uint8Array {
  const head = hex("09002b0000050000c0ffee01");
  const frame = new Uint8Array(17 + pdu.length);
  frame.set(head);
  frame.set([(pdu.length + 3) >> 8, (pdu.length + 3) & 0xff, 0xfe, 0xfe, 0x03], 12);
  frame.set(pdu, 17);
  return frame;
}

function print(frame: Uint8Array, verbose = 0, link = false, length = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { verbose, link }, length);
}

Deno.test("decodeClnp() reads the header, addresses, segmentation part and options", () => {
  const clnp = decodeClnp(ER);
  assert.ok(clnp instanceof Clnp);
  assert.equal(clnp.lengthIndicator, 36);
  assert.equal(clnp.pduType, 1);
  assert.equal(clnp.lifetime, 9);
  assert.equal(clnp.checksum, 0x7861);
  assert.equal(clnp.destinationLength, 12);
  assert.equal(clnp.sourceOffset, 23);
  assert.equal(clnp.addressStop, undefined);
  assert.deepEqual(clnp.optionList(), { options: [{ type: 193, length: 1, valueOffset: 35 }] });
  const inner = decodeClnp(ER, 36);
  assert.equal(inner.flags, 0x80);
  assert.deepEqual([inner.dataUnitId, inner.segmentOffset, inner.totalLength], [7, 8, 9]);
  assert.equal(clnpDecoder.create().kind, "clnp");
});

Deno.test("decodeClnp() keeps a header cut in its fixed part and rejects no bytes", () => {
  assert.equal(decodeClnp(ER.subarray(0, 8)).fixedCaptured, false);
  assert.throws(() => decodeClnp(new Uint8Array(0)), DecodeError);
});

Deno.test("decodeClnp() says where the length indicator or the capture stops the addresses", () => {
  const short = ER.slice();
  short[1] = 12;
  assert.equal(decodeClnp(short).addressStop, "li");
  assert.equal(decodeClnp(ER.subarray(0, 15)).addressStop, "cut");
  assert.equal(decodeClnp(ER.subarray(0, 9)).addressStop, "read");
});

Deno.test("osiOptions() stops at a short header, a long option or the capture", () => {
  const bytes = new Uint8Array([205, 1, 3, 197, 9, 0]);
  assert.deepEqual(osiOptions(bytes, 0, 6, 1, true), { options: [], stop: "li" });
  assert.deepEqual(osiOptions(bytes, 0, 6, 6, true).stop, "too-long");
  assert.deepEqual(osiOptions(bytes, 0, 6, 6, true).stopType, 197);
  assert.deepEqual(osiOptions(bytes, 0, 2, 3, true).stop, "cut");
  assert.deepEqual(osiOptions(bytes, 0, 1, 3, false).stop, "read");
});

Deno.test("decodeEsis() reads an ESH's addresses and options", () => {
  const esis = decodeEsis(ESH);
  assert.ok(esis instanceof Esis);
  assert.equal(esis.pduType, 2);
  assert.equal(esis.holdingTime, 30);
  assert.equal(esis.addressCount, 2);
  assert.deepEqual(esis.addresses, [{ offset: 11, length: 10 }, { offset: 22, length: 3 }]);
  assert.deepEqual(esis.optionList().options.map((o) => [o.type, o.length]), [
    [198, 2],
    [129, 3],
    [197, 2],
    [198, 3],
  ]);
  assert.equal(esisDecoder.create().kind, "esis");
});

Deno.test("decodeEsis() reads a redirect's destination, SNPA and NET", () => {
  const esis = decodeEsis(REDIRECT);
  assert.deepEqual(esis.addresses.map((a) => a.length), [10, 6, 10]);
  // esis_print() does not count the NET's length byte against the length indicator.
  assert.equal(esis.optionsRemaining, 4);
  assert.equal(decodeEsis(REDIRECT.subarray(0, 25)).addressStop, "cut");
});

Deno.test("decodeEsis() keeps a header cut in its fixed part and rejects no bytes", () => {
  assert.equal(decodeEsis(ESH.subarray(0, 5)).fixedCaptured, false);
  assert.throws(() => decodeEsis(new Uint8Array(0)), DecodeError);
});

Deno.test("osiDecoder() and decodeIsoclns() pick the OSI protocol by its NLPID", () => {
  assert.equal(osiDecoder(0x81), clnpDecoder);
  assert.equal(osiDecoder(0x82), esisDecoder);
  assert.equal(osiDecoder(0x00), undefined);
  assert.equal(decodeIsoclns(new Uint8Array([0xfe, 0x82])).nlpid, 0x82);
  assert.throws(() => decodeIsoclns(new Uint8Array([0xfe])), DecodeError);
});

Deno.test("decode() reads CLNP and its original header after LLC SAP 0xfe", () => {
  assert.deepEqual(decode(LinkType.EN10MB, llc(ER)).layers.map((l) => l.kind), [
    "ethernet",
    "llc",
    "clnp",
    "clnp",
  ]);
});

Deno.test("printClnp() prints an error report and its original header as tcpdump does", () => {
  assert.equal(
    print(llc(ER)),
    "CLNP, 49.0001.aabb.ccdd.eeff.00 > 39.840f.8000.0000.0000.0000.01, Error Report, length 98",
  );
  assert.equal(
    print(llc(ER), 1),
    "CLNP, length 98\n" +
      "\tError Report PDU, hlen: 36, v: 1, lifetime: 4.5s, Segment PDU length: 98, checksum: 0x7861 (correct)\n" +
      "\tFlags [none]\n" +
      "\tsource address (length 10): 49.0001.aabb.ccdd.eeff.00\n" +
      "\tdest   address (length 12): 39.840f.8000.0000.0000.0000.01\n" +
      "\t  Discard Reason Option #193, length 1, value: \n" +
      "\t    Class: Lifetime Error (0xa), Lifetime expired during reassembly (0x1)\n" +
      "\t-----original packet-----\n" +
      "\tCLNP, length 62\n" +
      "\tData PDU, hlen: 42, v: 1, lifetime: 20.0s, Segment PDU length: 42, checksum: 0x319b (correct)\n" +
      "\tFlags [Segmentation permitted]\n" +
      "\tsource address (length 12): 39.840f.8000.0000.0000.0000.01\n" +
      "\tdest   address (length 10): 49.0001.aabb.ccdd.eeff.00\n" +
      "\tData Unit ID: 0x0007, Segment Offset: 8, Total PDU Length: 9\n" +
      "\t  Priority Option #205, length 1, value: 0x2\n" +
      "\t  undecoded non-header data, length 20\n" +
      "\t  0x0000:  6461 7461 206f 6620 7468 6520 6f72 6967\n" +
      "\t  0x0010:  696e 616c",
  );
});

Deno.test("printClnp() names the NLPID with -e and marks a cut header", () => {
  assert.match(
    print(llc(ER), 0, true),
    /ctrl 0x03: OSI NLPID CLNP \(0x81\): 49\.0001\.aabb\.ccdd\.eeff\.00 > /,
  );
  assert.equal(print(llc(ER).subarray(0, 17 + 20), 0, false, 17 + 98), "CLNP [|clnp]");
  assert.equal(print(llc(ER).subarray(0, 17 + 5), 0, false, 17 + 98), " [|clnp]");
});

Deno.test("printEsis() prints an ESH, its options and the protocols quirk as tcpdump does", () => {
  assert.equal(print(llc(ESH)), "ES-IS, ESH, length 43");
  assert.equal(
    print(llc(ESH), 1),
    "ES-IS, length 43\n" +
      "\tESH (2), v: 1, checksum: 0xa9e7 (correct), holding time: 30s, length indicator: 43\n" +
      "\t  Number of Source Addresses: 2\n" +
      "\t  NET (length: 10): 49.0001.0000.0000.0001.00\n" +
      "\t  NET (length: 3): 49.0001\n" +
      "\t  ES Configuration Time Option #198, length 2, value: 60s\n" +
      "\t  Protocols supported Option #129, length 3, value: CLNP (0x81), IPv4 (0xcc), IPv6 (0x8e), opt (129) too long",
  );
});

Deno.test("printEsis() prints a redirect's SNPA and NET as tcpdump does", () => {
  assert.equal(
    print(llc(REDIRECT), 1),
    "ES-IS, length 41\n" +
      "\tredirect (6), v: 1, checksum: 0x14c6 (correct), holding time: 30s, length indicator: 41\n" +
      "\t  49.0001.aabb.ccdd.eeff.00\n" +
      "\t  SNPA (length: 6): 00:00:0c:07:ac:01\n" +
      "\t  NET (length: 10) 49.0001.0000.0000.0001.00\n" +
      "\t  SNPA Mask Option #226, length 1, value: \n" +
      "\t  0x0000:  ff, bad opts/li",
  );
  assert.equal(
    print(llc(REDIRECT).subarray(0, 17 + 25), 1, false, 17 + 41).split("\n")[2],
    "\t  49.0001.aabb.ccdd.eeff.00 [|esis]",
  );
});

Deno.test("decode() reads an OSI PDU in PPP from its identifier, and PPP and Q.933 in OSI", () => {
  // PPP's protocol 0x0023: the identifier first, no byte to skip (heapoverflow-q933_printq
  // of tcpdump's tests: NLPID 0x08, Q.933).
  const pppOsi = decode(LinkType.PPP, hex("ff030023080075950101010302050400"));
  const osi = pppOsi.layer("isoclns")!;
  assert.equal(osi.leadingByte, false);
  assert.equal(osi.nlpid, 0x08);
  assert.equal(pppOsi.layer("q933")?.messageType, 0x75);
  // EtherType 0xfefe, NLPID 0xcf: PPP after the skipped byte and the identifier.
  const frame = hex("020000000001020000000002fefefecfff03c02101070008010405dc");
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(packet.layer("isoclns")?.leadingByte, true);
  assert.equal(packet.layer("ppp")?.protocol, 0xc021);
});

Deno.test("printIsoclns() hands OSI in PPP and PPP in OSI on as tcpdump does", () => {
  // tcpdump 4.99.3 -n -e (testdata/crafted/osi_ppp.py's frames).
  assert.equal(
    printFrame(LinkType.PPP, hex("ff0300230800759501010103020504"), { link: true }),
    "OSI (0x0023), length 15: OSI NLPID Q.933 (0x08): ANSI, codeset 5, Status Enquiry, " +
      "TX Seq:   5, RX Seq:   4, length 10",
  );
  const lcp = hex("020000000001020000000002fefefecfff03c02101070008010405dc");
  assert.equal(
    printFrame(LinkType.EN10MB, lcp, { link: true }).replace(/^.*length 28: /, ""),
    "OSI NLPID PPP (0xcf): LCP (0xc021), length 12: LCP, Conf-Request (0x01), id 7, length 10",
  );
  // isoclns-oobr.pcap's bytes: OSI in PPP in OSI, nothing after PPP's protocol; its length
  // says more. tcpdump -n: " [|isoclns]", then -X dumps the whole frame.
  const oobr = hex("303030303030303030303030fefe30cfff0323");
  assert.equal(printFrame(LinkType.EN10MB, oobr, {}, 262144), " [|isoclns]");
  // The same frame whose length leaves PPP under 2 bytes after its address: " [|ppp]".
  assert.equal(printFrame(LinkType.EN10MB, oobr), " [|ppp]");
});
