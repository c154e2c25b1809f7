import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { LinkType } from "../lib/link_type.ts";

// IS-IS PDUs over Ethernet/LLC, built as testdata/crafted/isis_spb_sr.py builds them.
const SYS = [0x88, 0x88, 0x88, 0x88, 0x88, 0x88];

function tlv(type: number, value: number[]): number[] {
  return [type, value.length, ...value];
}

function frame(pdu: number[]): Uint8Array {
  const llc = [0xfe, 0xfe, 0x03, ...pdu];
  return new Uint8Array([
    ...[0x01, 0x80, 0xc2, 0x00, 0x00, 0x14, 0x02, 0, 0, 0, 0, 1],
    llc.length >> 8,
    llc.length & 0xff,
    ...llc,
  ]);
}

function p2pIih(tlvs: number[]): Uint8Array {
  const length = 20 + tlvs.length;
  return frame([
    0x83,
    20,
    1,
    0,
    17,
    1,
    0,
    0,
    1,
    ...SYS,
    0,
    30,
    length >> 8,
    length & 0xff,
    3,
    ...tlvs,
  ]);
}

function lsp(tlvs: number[]): Uint8Array {
  const length = 27 + tlvs.length;
  return frame([
    ...[0x83, 27, 1, 0, 20, 1, 0, 0, length >> 8, length & 0xff, 0x04, 0xb0, ...SYS, 0, 0],
    ...[0, 0, 0, 7, 0, 0, 3, ...tlvs],
  ]);
}

function bytes(text: string): number[] {
  return text.match(/../g)!.map((b) => parseInt(b, 16));
}

function mcid(format: number, name: string, level: number, digest: number[]): number[] {
  const padded = [...new TextEncoder().encode(name)];
  while (padded.length < 32) padded.push(0);
  return [format, ...padded, level >> 8, level & 0xff, ...digest];
}

const DIGEST = Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const HEAD = (length: number) =>
  `IS-IS, length ${length}\n\tp2p IIH, hlen: 20, v: 1, pdu-v: 1, sys-id-len: 6 (0), ` +
  `max-area: 3 (0)\n\t  source-id: 8888.8888.8888, holding time: 30s, Flags: [Level 1 only]` +
  `\n\t  circuit-id: 0x03, PDU length: ${length}`;
const LSP_HEAD = (length: number) =>
  `IS-IS, length ${length}\n\tL2 LSP, hlen: 27, v: 1, pdu-v: 1, sys-id-len: 6 (0), ` +
  `max-area: 3 (0)\n\t  lsp-id: 8888.8888.8888.00-00, seq: 0x00000007, lifetime:  1200s` +
  `\n\t  chksum: 0x0000 (unverified), PDU length: ${length}, Flags: [ L2 IS ]`;

function print(f: Uint8Array, verbose = 1, originalLength = f.length): string {
  return printFrame(LinkType.EN10MB, f, { verbose }, originalLength);
}

const PORT_CAP = p2pIih(tlv(143, [
  0x10,
  0x00,
  ...tlv(4, [...mcid(0, "IEEE802.1 SPB Default", 0, DIGEST), ...mcid(1, "aux", 7, DIGEST)]),
  ...tlv(5, [0xb7, ...Array.from({ length: 32 }, (_, i) => i)]),
  ...tlv(6, bytes("0080c20106480080c2020654")),
  ...tlv(9, [1, 2]),
]));

Deno.test("printIsis() prints a port capability TLV's SPB sub-TLVs as tcpdump does", () => {
  const digest = "a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af ";
  assert.equal(
    print(PORT_CAP),
    HEAD(181) +
      "\n\t    Multi-Topology-Aware Port Capability TLV #143, length: 159" +
      "\n\t       RES: 1, MTID(s): 0" +
      "\n\t       SPB MCID subTLV #4, length: 102" +
      "\n\t         MCID: ID: 0, Name: IEEE802.1 SPB Default" +
      `\n\t              Lvl: 0, Digest: ${digest}` +
      "\n\t         AUX-MCID: ID: 1, Name: aux" +
      `\n\t              Lvl: 7, Digest: ${digest}` +
      "\n\t       SPB Digest subTLV #5, length: 33" +
      "\n\t        RES: 5 V: 1 A: 1 D: 3" +
      "\n\t         Digest: 00010203 04050607 08090a0b 0c0d0e0f " +
      "\n\t                 10111213 14151617 18191a1b 1c1d1e1f " +
      "\n\t       SPB BVID subTLV #6, length: 12" +
      "\n\t           ECT: 0080c201 BVID: 100, U:1 M:0 " +
      "\n\t           ECT: 0080c202 BVID: 101, U:0 M:1 " +
      "\n\t       unknown subTLV #9, length: 2",
  );
});

Deno.test("printIsis() marks short, overlong and uncaptured SPB sub-TLVs as tcpdump does", () => {
  const tail = (f: Uint8Array, verbose = 1, wire = f.length) =>
    print(f, verbose, wire).split("\n").slice(6).join("\n");
  assert.equal(
    tail(p2pIih(tlv(143, [0, 2, ...tlv(6, [0, 0x80, 0xc2, 1, 6])]))),
    "\t       SPB BVID subTLV #6, length: 5\n\t           ECT: 0080c201 (too short)",
  );
  assert.equal(
    tail(p2pIih([...tlv(143, [0, 2, 5, 48, 0, 0, 0, 0]), ...tlv(8, [])])),
    "\t       SPB Digest subTLV #5, length: 48 (> containing TLV length)" +
      "\n\t    Padding TLV #8, length: 0",
  );
  // Cut by the capture inside the MCID: its sub-TLV header printed, then the cut.
  const cut = PORT_CAP.subarray(0, 14 + 3 + 20 + 60);
  assert.equal(tail(cut, 1, PORT_CAP.length), "\t       SPB MCID subTLV #4, length: 102 [|isis]");
  assert.match(tail(cut, 2, PORT_CAP.length), /102 \[\|isis\]\n\t {6}0x0000: {2}1000 0466 0049/);
  // Cut inside the TLV's first word: nothing more of the PDU.
  const word = PORT_CAP.subarray(0, 14 + 3 + 20 + 3);
  assert.match(print(word, 1, PORT_CAP.length), /TLV #143, length: 159 \[\|isis\]$/);
});

const INSTANCE = [
  ...bytes("80000000" + "0000ab01" + "00000010" + "1000" + "0013000d"),
];
const TUPLE = bytes("e50080c2010650c9");

Deno.test("printIsis() prints a multi-topology capability TLV's SPB instance and service IDs", () => {
  const f = lsp(tlv(144, [
    0xb0,
    0x0a,
    ...tlv(1, [...INSTANCE, 2, ...TUPLE, ...TUPLE]),
    ...tlv(3, bytes("00005e0053000fa1c100010040ffffff")),
  ]));
  const tuple = "\n\t         U:1, M:1, A:1, RES:5, ECT: 0080c201, BVID: 101, SPVID: 201";
  assert.equal(
    print(f),
    LSP_HEAD(86) +
      "\n\t    Multi-Topology Capability TLV #144, length: 57" +
      "\n\t      O: 1, RES: 3, MTID(s): 10" +
      "\n\t      SPB Instance subTLV #1, length: 35" +
      "\n\t        CIST Root-ID: 80000000 0000ab01, Path Cost: 00000010, Prio: 4096" +
      "\n\t        RES: 0, V: 1, SPSource-ID: 196621, No of Trees: 2" + tuple + tuple +
      "\n\t      SPBM Service Identifier and Unicast Address subTLV #3, length: 16" +
      "\n\t        BMAC: 00005e005300, RES: 0, VID: 4001" +
      "\n\t        T: 1, R: 1, RES: 1, ISID: 256" +
      "\n\t        T: 0, R: 1, RES: 0, ISID: 16777215",
  );
  // A tuple the sub-TLV has no room for is a truncation; the PDU goes on.
  const short = lsp([...tlv(144, [0, 1, ...tlv(1, [...INSTANCE, 2, ...TUPLE])]), ...tlv(8, [])]);
  assert.match(print(short), /SPVID: 201 \[\|isis\]\n\t {4}Padding TLV #8, length: 0$/);
  assert.match(print(lsp(tlv(144, [0, 1, ...tlv(1, INSTANCE.slice(0, 17))]))), /17 \(too short\)$/);
  assert.match(print(lsp(tlv(144, [0, 1, ...tlv(3, [1, 2, 3, 4, 5, 6, 7])]))), /7 \[\|isis\]$/);
});

function extIs(subs: number[]): number[] {
  return tlv(22, [0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 1, 0, 0, 10, subs.length, ...subs]);
}

Deno.test("printIsis() prints the SPB metric and LAN adjacency SID sub-TLVs", () => {
  const tail = (f: Uint8Array) => print(f).split("\n").slice(6).join("\n");
  assert.equal(
    tail(lsp(extIs([...tlv(29, bytes("004e20020006")), ...tlv(29, [1, 2])]))),
    "\t        SPB Metric subTLV #29, length: 6, LM: 20000, P: 2, P-ID: 6" +
      "\n\t        SPB Metric subTLV #29, length: 2",
  );
  const sid = (value: string) => tail(lsp(extIs(tlv(32, bytes(value)))));
  assert.equal(
    sid("30000192016800020000120f"),
    "\t        LAN Adjacency Segment Identifier subTLV #32, length: 12" +
      "\n\t          Flags: [Value, Local significance]\n\t          Weight: 0" +
      "\n\t          Neighbor System-ID: 0192.0168.0002\n\t          Label: 18",
  );
  assert.match(
    sid("c4050192016800020000abcd"),
    /Flags: \[Address family IPv6, Backup, Persistent\]\n.*Weight: 5\n.*\n.*Index: 43981$/,
  );
  assert.match(sid("20010192016800020000"), /Neighbor System-ID: 0192\.0168\.0002 \(invalid\)$/);
  // The label read past the sub-TLV and the capture: tcpdump's longjmp.
  assert.match(sid("3000019201680002"), /Neighbor System-ID: 0192\.0168\.0002 \[\|isis\]$/);
});

function l1Lsp(tlvs: number[], pduLength = 27 + tlvs.length): Uint8Array {
  const f = lsp(tlvs);
  const pdu = f.subarray(17);
  pdu[4] = 18;
  pdu[8] = pduLength >> 8;
  pdu[9] = pduLength & 0xff;
  return f;
}

Deno.test("printIsis() prints IS alias IDs as extended IS reachability without a metric", () => {
  const node = [0x19, 0x21, 0x68, 0, 0, 1, 2];
  const text = print(l1Lsp(tlv(24, [...node, 0, ...node, 3, 6, 4])));
  assert.match(
    text,
    /IS Alias ID TLV #24, length: 18\n\t {6}IS Neighbor: 1921\.6800\.0001\.02, no sub-TLVs present\n/,
  );
  assert.match(text, /sub-TLVs present \(3\)\n.*#6, length: 4 \(remaining data in subTLVs shorter/);
  assert.match(print(l1Lsp(tlv(24, node))), /IS Neighbor: 1921\.6800\.0001\.02 \[\|isis\]$/);
});

function extIp(sid: string): number[] {
  const sub = tlv(3, bytes(sid));
  return tlv(135, [0, 0, 0, 10, 0x40 | 32, 10, 0, 0, 1, sub.length, ...sub]);
}

Deno.test("printIsis() prints the prefix SID sub-TLV (index, label, too short)", () => {
  assert.match(
    print(l1Lsp(extIp("400000000028"))),
    /\n\t {8}Prefix SID subTLV #3, length: 6, Flags \[Node\], Algo SPF \(0\), index 40$/,
  );
  assert.match(
    print(l1Lsp(extIp("880100abcd"))),
    /Flags \[Readvertisement, Value\], Algo strict-SPF \(1\), label 43981$/,
  );
  assert.match(print(l1Lsp(extIp("0000000028"))), /length: 5 \[\|isis\] \[\|isis\]$/);
});

Deno.test("printIsis() prints prefix neighbors as NSAP prefixes in semi-octets", () => {
  const text = print(l1Lsp(tlv(5, bytes("0a80c000" + "06490001" + "053999"))));
  assert.match(
    text,
    /Metric Block, Default Metric: 10, Internal\n\t\t {2}Error Metric: 0, Internal\n\t\tAddress: 49\.0001\/24\n\t\tAddress: 39\.99\/20$/,
  );
  assert.match(print(l1Lsp(tlv(5, bytes("0a80808001000000")))), /Address: prefix length 1 < 2$/);
  assert.match(print(l1Lsp(tlv(5, bytes("0a8080802a" + "00".repeat(21))))), /illegal length\/168$/);
});

Deno.test("printIsis() marks a PDU length shorter than the fixed header", () => {
  assert.match(
    print(l1Lsp(tlv(8, []), 20)),
    /Flags: \[ L2 IS \] \[packet length 20 < 27\] \(invalid\)$/,
  );
});

Deno.test("printGre() goes on with IS-IS for GRE-OSI (0x00fe)", () => {
  const pdu = lsp(tlv(137, [...new TextEncoder().encode("gre-isis")])).subarray(17);
  const gre = [0, 0, 0, 0xfe, ...pdu];
  const ip = [0x45, 0, 0, 20 + gre.length, 0, 1, 0, 0, 64, 47, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
  const f = new Uint8Array([...[0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 8, 0], ...ip, ...gre]);
  assert.equal(
    printFrame(LinkType.EN10MB, f, { link: true }),
    "00:00:00:00:00:01 > 00:00:00:00:00:02, ethertype IPv4 (0x0800), length 75: " +
      "10.0.0.1 > 10.0.0.2: GREv0, proto GRE-OSI (0x00fe), length 41: OSI NLPID IS-IS " +
      "(0x83): L2 LSP, lsp-id 8888.8888.8888.00-00, seq 0x00000007, lifetime  1200s, length 37",
  );
});

Deno.test("printFrameRelay() goes on with IS-IS from its NLPID", () => {
  const pdu = lsp(tlv(137, [0x66, 0x72])).subarray(17);
  const f = new Uint8Array([0x04, 0x01, 0x03, ...pdu]);
  assert.equal(
    printFrame(LinkType.FRELAY, f),
    "IS-IS, L2 LSP, lsp-id 8888.8888.8888.00-00, seq 0x00000007, lifetime  1200s, length 31",
  );
  assert.match(printFrame(LinkType.FRELAY, f, { verbose: 1 }), /\n\t {6}Hostname: fr$/);
  assert.match(
    printFrame(LinkType.FRELAY, f, { link: true }),
    /^Q\.922, hdr-len 2, DLCI 16, Flags \[none\], NLPID IS-IS \(0x83\), length 34: OSI NLPID IS-IS \(0x83\): L2 LSP/,
  );
});

Deno.test("printIsis() prints authentication TLVs as tcpdump does without a secret", () => {
  const auth = (value: string) =>
    print(l1Lsp(tlv(10, bytes(value)))).split("\n").slice(5).join("\n");
  assert.equal(auth("01736563726574"), "\t      simple text password: secret");
  assert.equal(
    auth("36abcd"),
    "\t      HMAC-MD5 password: abcd, (invalid subTLV)  (unchecked)",
  );
  assert.equal(auth("030007dead"), "\t      Generic Crypto key-id: 7, password: dead");
  assert.equal(auth("0301"), "\t      Generic Crypto key-id: ");
  assert.equal(
    auth("ff0102"),
    "\t      Routing Domain private password: \n\t\t  0x0000:  0102",
  );
  assert.equal(auth("05"), "\t      unknown Authentication type 0x05: ");
});

Deno.test("printIsis() prints an instance identifier as far as the capture goes", () => {
  const f = l1Lsp(tlv(7, [1, 90, 0, 1, 0, 2, 0, 3, 0, 4]));
  assert.match(print(f), /Instance ID: 346, ITIDs\(4\): 1, 2, 3, 4$/);
  assert.match(print(f.subarray(0, f.length - 3), 1, f.length), /ITIDs\(4\): 1, 2, {2}\[\|isis\]$/);
});

Deno.test("printChdlc() prints an OSI NLPID tcpdump does not know, with its bytes", () => {
  const f = new Uint8Array([0x0f, 0, 0xfe, 0xfe, 0xfe, 0x7f, 0x4a, 0x01]);
  assert.equal(
    printFrame(LinkType.C_HDLC, f),
    "OSI NLPID 0xfe unknown, length: 4\n\t0x0000:  fe7f 4a01",
  );
  assert.equal(
    printFrame(LinkType.C_HDLC, f, { link: true }).split("\n")[0],
    "unicast, ethertype OSI (0xfefe), length 8: OSI NLPID Unknown (0xfe): length: 4",
  );
  assert.equal(printFrame(LinkType.C_HDLC, f.slice(0, 6).fill(0, 4)), ", length: 2");
  assert.equal(printFrame(LinkType.C_HDLC, f.subarray(0, 5)), " [|chdlc]");
});

Deno.test("printIsis() reads prefix sub-TLVs counted past their TLV as far as the capture", () => {
  // The prefix's 2 bytes of sub-TLVs hold a 4-byte tag: tcpdump reads it from the next
  // TLV, its unsigned count wraps round, and the walk ends at the capture's end.
  const entry = [0, 0, 0, 10, 0x40 | 32, 10, 0, 0, 9, 2, 1, 4, 10, 3];
  const text = print(l1Lsp([0x87, 12, ...entry, ...tlv(137, [0x6e, 0x65, 0x78, 0x74])]));
  assert.match(
    text,
    /, length: 4, 0x0a038904 \(=168003844\)\n\t {8}unknown subTLV #110, length: 101 \[\|isis\] \[\|isis\]$/,
  );
});

Deno.test("printIsis() prints the inter-domain information TLV and dumps a cut unknown TLV", () => {
  const verbose = (bytes: Uint8Array, cut = 0) =>
    printFrame(LinkType.EN10MB, cut > 0 ? bytes.subarray(0, bytes.length - cut) : bytes, {
      verbose: 1,
    }, bytes.length);
  const idrp = verbose(lsp([...tlv(131, [0x83, 1, 2, 3]), ...tlv(131, [2, 0xfd, 0xe8])]));
  assert.match(
    idrp,
    /Inter-Domain Information Type: Unknown \(0x83\)\n\t {6}0x0000: {2}0102 03\n/,
  );
  assert.match(idrp, /Inter-Domain Information Type: AS Number TagAS Number: 65000/);
  // Cut by the capture, an unknown TLV is dumped as far as it goes; the PDU's next TLV header
  // is then missing: [|isis].
  const cut = verbose(lsp([...tlv(58, new Array(20).fill(0x3a)), ...tlv(8, [0, 0])]), 12);
  assert.match(
    cut,
    /unknown TLV #58, length: 20\n\t\t0x0000: {2}3a3a 3a3a 3a3a 3a3a 3a3a 3a3a \[\|isis\]$/,
  );
});
