import assert from "node:assert/strict";
import { decodePpp, Ppp, pppDecoder, PppProtocol } from "../lib/link/ppp.ts";
import {
  decodePppoeDiscovery,
  decodePppoeSession,
  PppoeCode,
  PppoeDiscovery,
  pppoeDiscoveryDecoder,
  PppoeSession,
  pppoeSessionDecoder,
  PppoeTagType,
} from "../lib/link/pppoe.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIcmpEcho } from "../lib/craft/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

const ETHERNET_SESSION = new Uint8Array([
  0x00,
  0x02,
  0x18,
  0x03,
  0x00,
  0x07,
  0x00,
  0x04,
  0x23,
  0xa9,
  0x5d,
  0x8e,
  0x88,
  0x64,
]);

/** An Ethernet frame with a PPPoE session (ID 0x3b1a) around a PPP payload. */
function pppoeFrame(ppp: Uint8Array, padding = 0): Uint8Array {
  const header = new Uint8Array([
    0x11,
    0x00,
    0x3b,
    0x1a,
    ppp.length >> 8,
    ppp.length & 0xff,
  ]);
  return concatBytes(ETHERNET_SESSION, header, ppp, new Uint8Array(padding));
}

const RECORD = { seconds: 0, nanoseconds: 0 };

Deno.test("decodePppoeSession() reads the session ID and decodes IPv4 in PPP", () => {
  const inner = ipv4Packet(
    1,
    [10, 0, 0, 1],
    [10, 0, 0, 2],
    buildIcmpEcho({ identifier: 1, sequence: 2 }),
  );
  // Ethernet padding after the PPPoE payload is trimmed by the PPPoE length.
  const frame = pppoeFrame(concatBytes(new Uint8Array([0x00, 0x21]), inner), 6);
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((l) => l.kind), [
    "ethernet",
    "pppoe-session",
    "ppp",
    "ipv4",
    "icmp",
  ]);
  const session = packet.layers[1] as PppoeSession;
  assert.equal(session.version, 1);
  assert.equal(session.type, 1);
  assert.equal(session.code, PppoeCode.SESSION);
  assert.equal(session.sessionId, 0x3b1a);
  assert.equal(session.length, 30);
  assert.equal(session.end, frame.length - 6);
  const ppp = packet.layers[2] as Ppp;
  assert.equal(ppp.protocol, PppProtocol.IPV4);
  assert.equal(ppp.address, undefined);
  assert.equal(ppp.headerLength, 2);
  const json = packet.toJSON() as Record<string, Record<string, unknown>>;
  assert.deepEqual(json["pppoe-session"], {
    version: 1,
    type: 1,
    code: 0,
    sessionId: 0x3b1a,
    length: 30,
  });
  assert.deepEqual(json.ppp, { protocol: 0x21 });
  const record = { ...RECORD, originalLength: frame.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record),
    "PPPoE  [ses 0x3b1a] IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", link: true }).format(packet, record),
    "00:04:23:a9:5d:8e > 00:02:18:03:00:07, ethertype PPPoE S (0x8864), length 56: " +
      "PPPoE  [ses 0x3b1a] IP (0x0021), length 30: 10.0.0.1 > 10.0.0.2: " +
      "ICMP echo request, id 1, seq 2, length 8",
  );
});

Deno.test("decodePppoeSession() rejects a truncated header", () => {
  assert.throws(() => decodePppoeSession(new Uint8Array([0x11, 0x00, 0x00, 0x11, 0x00])), {
    name: "DecodeError",
    message: "Cannot decode PPPoE session header: 6 bytes required, received 5",
  });
  const packet = decode(LinkType.EN10MB, concatBytes(ETHERNET_SESSION, new Uint8Array([0x11, 0])));
  assert.ok(packet.error instanceof DecodeError);
  assert.equal(packet.error.code, "truncated");
  assert.equal(packet.error.layer, "pppoe-session");
  assert.equal(packet.error.offset, 14);
  assert.equal(packet.error.required, 6);
  assert.equal(packet.error.received, 2);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet"]);
});

Deno.test("decodePppoeSession() keeps the captured bytes when the length runs past them", () => {
  const session = decodePppoeSession(new Uint8Array([0x11, 0x00, 0, 1, 0x05, 0xdc, 0xc0, 0x21]));
  assert.equal(session.length, 1500);
  assert.deepEqual(session.payload, new Uint8Array([0xc0, 0x21]));
});

Deno.test("decodePppoeDiscovery() reads the tags of a PADI", () => {
  const padi = new Uint8Array([
    0x11,
    0x09,
    0x00,
    0x00,
    0x00,
    0x10,
    ...[0x01, 0x01, 0x00, 0x00],
    ...[0x01, 0x03, 0x00, 0x04, 0x64, 0x13, 0x85, 0x18],
    ...[0x00, 0x00, 0x00, 0x00],
  ]);
  const discovery = decodePppoeDiscovery(padi);
  assert.equal(discovery.kind, "pppoe-discovery");
  assert.equal(discovery.code, PppoeCode.PADI);
  assert.equal(discovery.sessionId, 0);
  const tags = discovery.tags;
  assert.equal(tags.length, 2);
  assert.equal(tags[0]!.type, PppoeTagType.SERVICE_NAME);
  assert.equal(tags[0]!.value.length, 0);
  assert.equal(tags[1]!.type, PppoeTagType.HOST_UNIQ);
  assert.deepEqual(tags[1]!.value, new Uint8Array([0x64, 0x13, 0x85, 0x18]));
  // The value is a view of the packet, not a copy.
  assert.equal(tags[1]!.value.buffer, padi.buffer);
  const frame = concatBytes(
    new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xcc, 5, 0x0e, 0x88, 0, 0, 0x88, 0x63]),
    padi,
  );
  const packet = decode(LinkType.EN10MB, frame);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet", "pppoe-discovery"]);
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, {
      ...RECORD,
      originalLength: frame.length,
    }),
    "PPPoE PADI [Service-Name] [Host-Uniq 0x64138518] [EOL]",
  );
});

Deno.test("decodePppoeDiscovery() leaves out a tag that runs past the payload", () => {
  const discovery = decodePppoeDiscovery(
    new Uint8Array([0x11, 0x07, 0, 0, 0, 6, 0x01, 0x02, 0x00, 0x09, 0x41, 0x42]),
  );
  assert.deepEqual(discovery.tags, []);
});

Deno.test("decodePpp() reads address, control and a compressed protocol", () => {
  const framed = decodePpp(new Uint8Array([0xff, 0x03, 0xc0, 0x21, 0x09, 0x01]));
  assert.equal(framed.address, 0xff);
  assert.equal(framed.control, 0x03);
  assert.equal(framed.protocol, PppProtocol.LCP);
  assert.equal(framed.headerLength, 4);
  assert.equal(framed.protocolCompressed, false);
  assert.deepEqual(framed.toJSON(), {
    address: 0xff,
    control: 3,
    protocol: 0xc021,
    controlPacket: {
      code: 9,
      identifier: 1,
      length: undefined,
      options: [],
      optionsEnd: "complete",
    },
  });
  const compressed = decodePpp(new Uint8Array([0x57, 0x60]));
  assert.equal(compressed.protocol, PppProtocol.IPV6);
  assert.equal(compressed.headerLength, 1);
  assert.equal(compressed.protocolCompressed, true);
});

Deno.test("decodePpp() reads the fragment header of multilink PPP", () => {
  // B and E flags set, sequence number 0x123.
  const fragment = decodePpp(new Uint8Array([0xff, 0x03, 0x00, 0x3d, 0xc1, 0x23, 0x45]));
  assert.equal(fragment.multilinkHeader, 0xc123);
  assert.equal(decodePpp(new Uint8Array([0x00, 0x3d, 0xc1])).multilinkHeader, undefined);
  assert.equal(decodePpp(new Uint8Array([0x00, 0x21, 0xc1, 0x23])).multilinkHeader, undefined);
});

Deno.test("decodePpp() rejects a truncated header", () => {
  assert.throws(() => decodePpp(new Uint8Array([])), {
    message: "Cannot decode PPP header: 1 bytes required, received 0",
  });
  assert.throws(() => decodePpp(new Uint8Array([0x00])), {
    message: "Cannot decode PPP header: 2 bytes required, received 1",
  });
  assert.throws(() => decodePpp(new Uint8Array([0xff, 0x03])), {
    message: "Cannot decode PPP header: 3 bytes required, received 2",
  });
});

Deno.test("decode() leaves LCP in PPPoE undecoded and tcpdump prints it", () => {
  // tcpdump's pppoes.pcap, frame 1: LCP Echo-Request, id 106.
  const lcp = new Uint8Array([
    0xc0,
    0x21,
    0x09,
    0x6a,
    0x00,
    0x0c,
    0xa4,
    0xcb,
    0xea,
    0x34,
    0x0e,
    0xe2,
    0xf6,
    0x09,
  ]);
  const frame = pppoeFrame(lcp);
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet", "pppoe-session", "ppp"]);
  assert.equal((packet.layers[2] as Ppp).payload.length, 12);
  const record = { ...RECORD, originalLength: frame.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record),
    "PPPoE  [ses 0x3b1a] LCP, Echo-Request (0x09), id 106, length 14",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", link: true }).format(packet, record),
    "00:04:23:a9:5d:8e > 00:02:18:03:00:07, ethertype PPPoE S (0x8864), length 34: " +
      "PPPoE  [ses 0x3b1a] LCP (0xc021), length 14: LCP, Echo-Request (0x09), id 106, length 14",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(packet, record),
    "PPPoE  [ses 0x3b1a] LCP, Echo-Request (0x09), id 106, length 14\n" +
      "\tencoded length 12 (=Option(s) length 8)\n" +
      "\t  Magic-Num 0xa4cbea34\n" +
      "\t  -----trailing data-----\n" +
      "\t  0x0000:  0ee2 f609",
  );
});

Deno.test("decode() follows PPTP's GRE through PPP to IPv4", () => {
  const inner = ipv4Packet(
    1,
    [10, 0, 0, 1],
    [10, 0, 0, 2],
    buildIcmpEcho({ identifier: 1, sequence: 2 }),
  );
  const ppp = concatBytes(new Uint8Array([0xff, 0x03, 0x00, 0x21]), inner);
  const gre = concatBytes(
    new Uint8Array([0x30, 0x01, 0x88, 0x0b, ppp.length >> 8, ppp.length & 0xff, 0, 7, 0, 0, 0, 5]),
    ppp,
  );
  const outer = ipv4Packet(47, [192, 168, 1, 1], [192, 168, 1, 2], gre);
  const packet = decode(LinkType.RAW, outer);
  assert.equal(packet.error, undefined);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ipv4", "gre", "ppp", "ipv4", "icmp"]);
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, {
      ...RECORD,
      originalLength: outer.length,
    }),
    "IP 192.168.1.1 > 192.168.1.2: GREv1, call 7, seq 5, length 44: " +
      "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
});

Deno.test("decode() reads link type PPP", () => {
  const inner = ipv4Packet(
    1,
    [10, 0, 0, 1],
    [10, 0, 0, 2],
    buildIcmpEcho({ identifier: 1, sequence: 2 }),
  );
  const data = concatBytes(new Uint8Array([0xff, 0x03, 0x00, 0x21]), inner);
  const packet = decode(LinkType.PPP, data);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ppp", "ipv4", "icmp"]);
  const record = { ...RECORD, originalLength: data.length, linkType: LinkType.PPP };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", link: true }).format(packet, record),
    "IP (0x0021), length 32: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
});

Deno.test("pppDecoder and the PPPoE decoders create their layers", () => {
  assert.ok(pppDecoder.create() instanceof Ppp);
  assert.ok(pppoeSessionDecoder.create() instanceof PppoeSession);
  assert.ok(pppoeDiscoveryDecoder.create() instanceof PppoeDiscovery);
});

Deno.test("Ppp.controlPacket lists the options of a Configure packet", () => {
  // pcapplusplus PPPoESession.pcap, frame 1 (tcpdump -XX, from the PPP protocol field):
  //   c021 0202 0012 0104 05dc 0304 c023 0506 01fc cbfb
  const lcp = new Uint8Array([
    0xc0,
    0x21,
    0x02,
    0x02,
    0x00,
    0x12,
    0x01,
    0x04,
    0x05,
    0xdc,
    0x03,
    0x04,
    0xc0,
    0x23,
    0x05,
    0x06,
    0x01,
    0xfc,
    0xcb,
    0xfb,
  ]);
  const ppp = decodePpp(lcp);
  const control = ppp.controlPacket!;
  assert.equal(control.code, 2);
  assert.equal(control.identifier, 2);
  assert.equal(control.length, 18);
  assert.equal(control.optionsEnd, "complete");
  assert.deepEqual(control.options.map((o) => [o.type, o.length, Array.from(o.value)]), [
    [1, 4, [0x05, 0xdc]],
    [3, 4, [0xc0, 0x23]],
    [5, 6, [0x01, 0xfc, 0xcb, 0xfb]],
  ]);
  // An option whose length runs past the packet's ends the list.
  const overrun = decodePpp(new Uint8Array([0xc0, 0x21, 1, 1, 0, 10, 1, 4, 5, 0xdc, 5, 9]));
  assert.equal(overrun.controlPacket!.optionsEnd, "overrun");
  assert.equal(overrun.controlPacket!.options.length, 2);
  assert.equal(decodePpp(new Uint8Array([0x00, 0x21, 0x45])).controlPacket, undefined);

  const frame = pppoeFrame(lcp);
  const packet = decode(LinkType.EN10MB, frame);
  const record = { ...RECORD, originalLength: frame.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(packet, record),
    "PPPoE  [ses 0x3b1a] LCP, Conf-Ack (0x02), id 2, length 20\n" +
      "\tencoded length 18 (=Option(s) length 14)\n" +
      "\t  MRU Option (0x01), length 4: 1500\n" +
      "\t  Auth-Prot Option (0x03), length 4: PAP\n" +
      "\t  Magic-Num Option (0x05), length 6: 0x01fccbfb",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", verbose: 2 }).format(packet, record),
    "PPPoE  [ses 0x3b1a] LCP, Conf-Ack (0x02), id 2, length 20\n" +
      "\tencoded length 18 (=Option(s) length 14)\n" +
      "\t0x0000:  c021 0202 0012\n" +
      "\t  MRU Option (0x01), length 4: 1500\n" +
      "\t    0x0000:  05dc\n" +
      "\t  Auth-Prot Option (0x03), length 4: PAP\n" +
      "\t    0x0000:  c023\n" +
      "\t  Magic-Num Option (0x05), length 6: 0x01fccbfb\n" +
      "\t    0x0000:  01fc cbfb",
  );
});

Deno.test("printPpp() prints IPCP and IPV6CP options as tcpdump does", () => {
  const ipcp = new Uint8Array([
    0x80,
    0x21,
    0x01,
    0x07,
    0x00,
    0x10,
    0x03,
    0x06,
    10,
    0,
    0,
    1,
    0x81,
    0x06,
    8,
    8,
    8,
    8,
  ]);
  const ipv6cp = new Uint8Array([
    0x80,
    0x57,
    0x01,
    0x01,
    0x00,
    0x0e,
    0x01,
    0x0a,
    0x02,
    0x1a,
    0x2b,
    0xff,
    0xfe,
    0x3c,
    0x4d,
    0x5e,
  ]);
  const format = (bytes: Uint8Array) => {
    const frame = pppoeFrame(bytes);
    return new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(
      decode(LinkType.EN10MB, frame),
      { ...RECORD, originalLength: frame.length },
    );
  };
  assert.equal(
    format(ipcp),
    "PPPoE  [ses 0x3b1a] IPCP, Conf-Request (0x01), id 7, length 18\n" +
      "\tencoded length 16 (=Option(s) length 12)\n" +
      "\t  IP-Addr Option (0x03), length 6: 10.0.0.1\n" +
      "\t  Pri-DNS Option (0x81), length 6: 8.8.8.8",
  );
  assert.equal(
    format(ipv6cp),
    "PPPoE  [ses 0x3b1a] IP6CP, Conf-Request (0x01), id 1, length 16\n" +
      "\tencoded length 14 (=Option(s) length 10)\n" +
      "\t  Interface-ID Option (0x01), length 10: 021a:2bff:fe3c:4d5e",
  );
});

Deno.test("printPppoe() names the PPP-Max-Payload tag as tcpdump does", () => {
  // As the PADI of tcpdump's pppoe.pcap.
  const padi = new Uint8Array([
    ...[0x11, 0x09, 0, 0, 0, 18],
    ...[0x01, 0x01, 0, 0],
    ...[0x01, 0x20, 0, 2, 0x05, 0xdc],
    ...[0x01, 0x03, 0, 4, 0x16, 0x37, 0x2c, 0x16],
  ]);
  const frame = concatBytes(
    new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xcc, 5, 0x0e, 0x88, 0, 0, 0x88, 0x63]),
    padi,
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.EN10MB, frame), {
      ...RECORD,
      originalLength: frame.length,
    }),
    "PPPoE PADI [Service-Name] [PPP-Max-Payload 0x05DC] [Host-Uniq 0x16372C16]",
  );
});

Deno.test("printPppoeSession() marks a PPP frame cut under its 2 first bytes as ppp_print() does", () => {
  const frame = pppoeFrame(new Uint8Array([0xc0, 0x21, 9, 1, 0, 8, 1, 2, 3, 4]));
  const print = (captured: number, hex = false) =>
    new TcpdumpPrinter({ timestamps: "none", ...(hex ? { hex: 1 } : {}) }).format(
      decode(LinkType.EN10MB, frame.subarray(0, captured)),
      { ...RECORD, originalLength: frame.length },
    );
  assert.equal(print(20), "PPPoE  [ses 0x3b1a]  [|ppp]");
  assert.equal(print(21), "PPPoE  [ses 0x3b1a]  [|ppp]");
  // A read past the capture: -x dumps the whole frame, from the Ethernet header.
  assert.ok(print(21, true).includes("\n\t0x0000:  0002 1803 0007 0004 23a9 5d8e 8864 1100\n"));
});

Deno.test("printPpp() prints a multilink PPP fragment header as tcpdump's handle_mlppp()", () => {
  const print = (bytes: number[], link = false, captured = bytes.length) => {
    const data = new Uint8Array(bytes).subarray(0, captured);
    const record = { ...RECORD, originalLength: bytes.length, linkType: LinkType.PPP };
    return new TcpdumpPrinter({ timestamps: "none", link })
      .format(decode(LinkType.PPP, data), record);
  };
  const fragment = [0xff, 0x03, 0x00, 0x3d, 0xca, 0xbc, 0x00, 0x21, 0, 0];
  assert.equal(print(fragment), "MLPPP, seq 0xabc, Flags [begin, end], length 6");
  assert.equal(
    print([0xff, 0x03, 0x00, 0x3d, 0x3f, 0xff]),
    "MLPPP, seq 0xfff, Flags [none], length 2",
  );
  assert.equal(print(fragment, false, 5), "MLPPP, [|mlppp]");
  assert.equal(
    print(fragment, true),
    "MLPPP (0x003d), length 10: seq 0xabc, Flags [begin, end], length 6",
  );
});

Deno.test("printPpp() prints PPP of EtherType 0x880b after ': ', as ethertype_print() hands it on", () => {
  const ether = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x88, 0x0b];
  const print = (ppp: number[], originalLength = 60, link = false) =>
    new TcpdumpPrinter({ timestamps: "none", link }).format(
      decode(LinkType.EN10MB, new Uint8Array([...ether, ...ppp])),
      { ...RECORD, originalLength },
    );
  const lcp = [0xff, 0x03, 0xc0, 0x21, 1, 1, 0, 4];
  assert.equal(print(lcp), ": LCP, Conf-Request (0x01), id 1, length 44");
  assert.equal(
    print(lcp, 60, true),
    "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype PPP (0x880b), length 60: : LCP (0xc021), " +
      "length 46: LCP, Conf-Request (0x01), id 1, length 44",
  );
  // No byte on the wire: nothing; one: too short; two captured of more: cut.
  assert.equal(print([], 14), "");
  assert.equal(print([0xff], 15), ":  [|ppp]");
  assert.equal(print([0xff, 0x03], 60), ":  [|ppp]");
});

Deno.test("printPpp() cuts a link-type PPP frame captured shorter than 4 bytes", () => {
  for (const bytes of [[0xff], [0xff, 0x03, 0x00], [0x00, 0x21, 0x45], [0x21, 0x45, 0x00]]) {
    const data = new Uint8Array(bytes);
    const packet = decode(LinkType.PPP, data);
    const record = { ...RECORD, originalLength: 60, linkType: LinkType.PPP };
    // ppp_if_print() counts every captured byte as link header: -x dumps none of them.
    assert.equal(
      new TcpdumpPrinter({ timestamps: "none", hex: 1 }).format(packet, record),
      " [|ppp]",
      `${bytes}`,
    );
  }
});
