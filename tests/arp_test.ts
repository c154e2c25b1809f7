import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Arp, arpDecoder, ArpOperation, decodeArp } from "../lib/net/arp.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex, encodeHex } from "../lib/_hex.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

// pcapplusplus/ArpRequestPacket.pcap, `tcpdump -xx -e`: 6c:f0:49:b2:de:6e >
// ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.138
// tell 10.0.0.1, length 28
const REQUEST_FRAME = hex(`
  ffff ffff ffff 6cf0 49b2 de6e 0806 0001
  0800 0604 0001 6cf0 49b2 de6e 0a00 0001
  0000 0000 0000 0a00 008a`);

// libpcap/rarp_req_reply.pcapng: 00:0c:29:c5:f6:9b > 00:0c:29:34:0b:de, ethertype
// Reverse ARP (0x8035), length 42: Reverse Reply 00:0c:29:34:0b:de at 10.1.1.100
const RARP_REPLY_FRAME = hex(`
  000c 2934 0bde 000c 29c5 f69b 8035 0001
  0800 0604 0004 000c 29c5 f69b 0a01 010a
  000c 2934 0bde 0a01 0164`);

// tcpdump/ipoib.pcap (the ARP packet after the 44-byte IPoIB header): ARP, Request
// who-has 192.168.56.24 (00:ff:ff:ff:ff:10:40:1b:00:00:00:00:00:00:00:00:ff:ff:ff:ff)
// tell 192.168.56.10, length 56
const IPOIB_ARP = hex(`
  0020 0800 1404 0001 8000 004f fe80 0000 0000 0000
  0010 e000 014a d211 c0a8 380a 00ff ffff ff10 401b
  0000 0000 0000 0000 ffff ffff c0a8 3818`);

Deno.test("decodeArp() decodes an Ethernet/IPv4 request", () => {
  const arp = decodeArp(REQUEST_FRAME, 14);
  assert.equal(arp.kind, "arp");
  assert.equal(arp.hardwareType, 1);
  assert.equal(arp.protocolType, 0x0800);
  assert.equal(arp.hardwareAddressLength, 6);
  assert.equal(arp.protocolAddressLength, 4);
  assert.equal(arp.operation, ArpOperation.REQUEST);
  assert.equal(arp.senderHardwareAddress, "6c:f0:49:b2:de:6e");
  assert.equal(arp.senderProtocolAddress, "10.0.0.1");
  assert.equal(arp.targetHardwareAddress, "00:00:00:00:00:00");
  assert.equal(arp.targetProtocolAddress, "10.0.0.138");
  assert.deepEqual(arp.senderHardwareAddressBytes, hex("6cf049b2de6e"));
  assert.deepEqual(arp.senderProtocolAddressBytes, hex("0a000001"));
  assert.deepEqual(arp.targetHardwareAddressBytes, new Uint8Array(6));
  assert.deepEqual(arp.targetProtocolAddressBytes, hex("0a00008a"));
  assert.equal(arp.headerLength, 28);
  assert.equal(arp.end, 14 + 28);
  assert.equal(arp.payload.length, 0);
  assert.deepEqual(arp.toJSON(), {
    hardwareType: 1,
    protocolType: 0x0800,
    hardwareAddressLength: 6,
    protocolAddressLength: 4,
    operation: 1,
    senderHardwareAddress: "6c:f0:49:b2:de:6e",
    senderProtocolAddress: "10.0.0.1",
    targetHardwareAddress: "00:00:00:00:00:00",
    targetProtocolAddress: "10.0.0.138",
  });
});

Deno.test("decodeArp() decodes a RARP reply", () => {
  const arp = decodeStrict(LinkType.EN10MB, RARP_REPLY_FRAME).layer("arp")!;
  assert.equal(arp.operation, ArpOperation.REVERSE_REPLY);
  assert.equal(arp.senderHardwareAddress, "00:0c:29:c5:f6:9b");
  assert.equal(arp.senderProtocolAddress, "10.1.1.10");
  assert.equal(arp.targetHardwareAddress, "00:0c:29:34:0b:de");
  assert.equal(arp.targetProtocolAddress, "10.1.1.100");
});

Deno.test("decodeArp() decodes InfiniBand addresses of 20 bytes", () => {
  const arp = decodeArp(IPOIB_ARP);
  assert.equal(arp.hardwareType, 32);
  assert.equal(arp.hardwareAddressLength, 20);
  assert.equal(arp.headerLength, 56);
  assert.equal(
    arp.senderHardwareAddress,
    "80:00:00:4f:fe:80:00:00:00:00:00:00:00:10:e0:00:01:4a:d2:11",
  );
  assert.equal(arp.senderProtocolAddress, "192.168.56.10");
  assert.equal(
    arp.targetHardwareAddress,
    "00:ff:ff:ff:ff:10:40:1b:00:00:00:00:00:00:00:00:ff:ff:ff:ff",
  );
  assert.equal(arp.targetProtocolAddress, "192.168.56.24");
  assert.equal(arp.targetHardwareAddressBytes.length, 20);
});

Deno.test("decodeArp() formats unknown protocol addresses as hex and empty addresses as empty", () => {
  const bytes = new Uint8Array([0, 1, 0x86, 0xdd, 6, 2, 0, 2, 1, 2, 3, 4, 5, 6, 0xab, 0xcd]);
  const odd = new Uint8Array([...bytes, 7, 8, 9, 10, 11, 12, 0xef, 0x01]);
  const arp = decodeArp(odd);
  assert.equal(arp.senderProtocolAddress, "ab:cd");
  assert.equal(arp.targetProtocolAddress, "ef:01");
  assert.deepEqual(arp.toJSON().targetHardwareAddress, "07:08:09:0a:0b:0c");
  const ipv4WrongLength = decodeArp(new Uint8Array([0, 1, 8, 0, 0, 3, 0, 1, 1, 2, 3, 4, 5, 6]));
  assert.equal(ipv4WrongLength.senderProtocolAddress, "01:02:03");
  assert.equal(ipv4WrongLength.senderHardwareAddress, "");
  assert.equal(ipv4WrongLength.targetHardwareAddressBytes.length, 0);
  const none = decodeArp(new Uint8Array([0, 1, 8, 0, 0, 0, 0, 9]));
  assert.equal(none.headerLength, 8);
  assert.equal(none.operation, ArpOperation.INARP_REPLY);
  assert.equal(none.senderProtocolAddress, "");
  assert.equal(none.targetProtocolAddress, "");
});

Deno.test("decodeArp() rejects a packet cut in the fixed part or in the addresses", () => {
  const arp = REQUEST_FRAME.subarray(14);
  for (let n = 0; n < 28; n++) {
    assert.throws(() => decodeArp(arp.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "arp");
      const required = n < 8 ? 8 : 28;
      assert.equal(error.required, required);
      assert.equal(
        error.message,
        `Cannot decode ARP header: ${required} bytes required, received ${n}`,
      );
      return true;
    });
  }
  const huge = new Uint8Array(100);
  huge.set([0, 1, 8, 0, 255, 255, 0, 1]);
  assert.throws(() => decodeArp(huge), { message: /1028 bytes required, received 100/ });
});

// ATM ARP (RFC 2225) request: a 13-byte NSAP number with a 5-byte subaddress, IPv4 192.0.2.1,
// asking for 192.0.2.2 of a 7-byte E.164 number (type/length 0x47) with a 2-byte subaddress.
const ATM_ARP = hex(`
  0013 0800 0d05 0001 0447 0204
  4700 0580 ffe1 0000 00f2 1a3c 0c 01 0203 0405 c000 0201
  3134 3135 3535 35 0102 c000 0202`);

Deno.test("decodeArp() decodes ATM ARP numbers, subaddresses and E.164 flags (RFC 2225)", () => {
  const arp = decodeArp(ATM_ARP);
  assert.equal(arp.hardwareType, 19);
  assert.equal(arp.operation, ArpOperation.REQUEST);
  assert.deepEqual(
    [arp.hardwareAddressLength, arp.senderSubaddressLength, arp.protocolAddressLength],
    [13, 5, 4],
  );
  assert.deepEqual(
    [arp.targetHardwareAddressLength, arp.targetSubaddressLength, arp.targetProtocolAddressLength],
    [7, 2, 4],
  );
  assert.equal(arp.senderE164, false);
  assert.equal(arp.targetE164, true);
  assert.equal(arp.senderHardwareAddressOffset, 12);
  assert.equal(arp.targetProtocolAddressOffset, 12 + 13 + 5 + 4 + 7 + 2);
  assert.equal(arp.headerLength, ATM_ARP.length);
  assert.equal(arp.senderHardwareAddress, "47:00:05:80:ff:e1:00:00:00:f2:1a:3c:0c");
  assert.equal(arp.senderSubaddress, "01:02:03:04:05");
  assert.equal(arp.senderProtocolAddress, "192.0.2.1");
  assert.deepEqual(arp.targetHardwareAddressBytes, new TextEncoder().encode("1415555"));
  assert.equal(arp.targetSubaddress, "01:02");
  assert.equal(arp.targetProtocolAddress, "192.0.2.2");
  assert.deepEqual(arp.targetProtocolAddressBytes, hex("c0000202"));
  assert.deepEqual(arp.toJSON(), {
    hardwareType: 19,
    protocolType: 0x0800,
    hardwareAddressLength: 13,
    protocolAddressLength: 4,
    operation: 1,
    senderHardwareAddress: "47:00:05:80:ff:e1:00:00:00:f2:1a:3c:0c",
    senderProtocolAddress: "192.0.2.1",
    targetHardwareAddress: "31:34:31:35:35:35:35",
    targetProtocolAddress: "192.0.2.2",
    senderE164: false,
    senderSubaddress: "01:02:03:04:05",
    targetE164: true,
    targetHardwareAddressLength: 7,
    targetSubaddress: "01:02",
    targetProtocolAddressLength: 4,
  });
  // Its fixed part is 12 bytes, then the addresses it gives the lengths of.
  for (const [n, required] of [[10, 12], [11, 12], [12, ATM_ARP.length], [46, ATM_ARP.length]]) {
    assert.throws(() => decodeArp(ATM_ARP.subarray(0, n)), {
      message: `Cannot decode ARP header: ${required} bytes required, received ${n}`,
    });
  }
});

Deno.test("decode() stops with a DecodeError at every truncation of an ARP frame", () => {
  for (let n = 0; n <= REQUEST_FRAME.length; n++) {
    const packet = decode(LinkType.EN10MB, REQUEST_FRAME.subarray(0, n));
    if (n < 14) assert.equal(packet.error?.layer, "ethernet");
    else if (n < 42) {
      assert.ok(packet.error instanceof DecodeError);
      assert.equal(packet.error.layer, "arp");
      assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ethernet"]);
    } else assert.equal(packet.error, undefined);
  }
});

Deno.test("decode() leaves Ethernet padding after ARP undecoded", () => {
  const padded = new Uint8Array(60);
  padded.set(REQUEST_FRAME);
  padded.fill(0xee, 42);
  const packet = decodeStrict(LinkType.EN10MB, padded);
  assert.equal(packet.layer("arp")?.end, 42);
  assert.equal(packet.layer("arp")?.payload.length, 0);
  assert.equal(packet.payload.length, 0);
});

Deno.test("decode() never throws on random ARP packets", () => {
  let seed = 0x1234567;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  for (let i = 0; i < 3000; i++) {
    const frame = Uint8Array.from({ length: 14 + (random() % 64) }, random);
    frame.set([0x08, 0x06], 12);
    if (frame.length > 19 && i % 2 === 0) frame[18] = random() % 8;
    if (frame.length > 19 && i % 2 === 0) frame[19] = random() % 8;
    const packet = decode(LinkType.EN10MB, frame);
    if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
    JSON.stringify(packet);
  }
});

Deno.test("PacketParser reuses an ARP layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.EN10MB, REQUEST_FRAME);
  const first = parser.get("arp");
  parser.parse(LinkType.EN10MB, RARP_REPLY_FRAME);
  assert.equal(parser.get("arp"), first, "the same object is reused");
  assert.equal(first?.operation, 4);
  assert.equal(first?.senderProtocolAddress, "10.1.1.10");
  const ipoib = new Uint8Array(14 + IPOIB_ARP.length);
  ipoib.set([0x08, 0x06], 12);
  ipoib.set(IPOIB_ARP, 14);
  parser.parse(LinkType.EN10MB, ipoib);
  assert.equal(first?.hardwareAddressLength, 20);
  assert.equal(first?.end, 14 + 56);
  parser.parse(LinkType.EN10MB, REQUEST_FRAME);
  assert.equal(first?.hardwareAddressLength, 6);
  assert.equal(first?.hardwareType, 1);
  assert.equal(first?.targetProtocolAddress, "10.0.0.138");
  assert.ok(arpDecoder.create() instanceof Arp);
});

const SAMPLES = [
  "pcapplusplus/ArpRequestPacket.pcap",
  "libpcap/rarp_req_reply.pcapng",
  "zeek/arp-who-has.pcap",
  "zeek/linuxsll-arp.pcap",
  "tcpdump/arp-oobr.pcap",
  "tcpdump/arp-too-long-tha.pcap",
  "tcpdump/getname_2_read4_asan.pcap",
  // ATM ARP in every layout tcpdump prints (made by arp_layouts.py).
  new URL("../testdata/crafted/arp_layouts.pcap", import.meta.url).href,
];

/** The fields tshark shows of ARP, and of ATM ARP's own layout. */
const FIELDS = [
  "arp.hw.type",
  "arp.proto.type",
  "arp.hw.size",
  "arp.proto.size",
  "arp.opcode",
  "arp.src.hw_mac",
  "arp.src.hw",
  "arp.src.proto_ipv4",
  "arp.src.proto",
  "arp.dst.hw_mac",
  "arp.dst.hw",
  "arp.dst.proto_ipv4",
  "arp.dst.proto",
  "_ws.malformed",
  "arp.src.htype",
  "arp.src.hlen",
  "arp.src.slen",
  "arp.src.pln",
  "arp.dst.htype",
  "arp.dst.hlen",
  "arp.dst.slen",
  "arp.dst.pln",
  "arp.src.atm_num_nsap",
  "arp.src.atm_num_e164",
  "arp.src.atm_subaddr",
  "arp.dst.atm_num_nsap",
  "arp.dst.atm_num_e164",
  "arp.dst.atm_subaddr",
] as const;

/** tshark's fields of one packet, by name. */
type FieldRow = Record<typeof FIELDS[number], string>;

/** An address as tshark shows it: the formatted one, or its bytes in hex. */
function sameAddress(text: string, bytes: Uint8Array, formatted: string, raw: string): boolean {
  return text === formatted || encodeHex(bytes) === raw;
}

/** Compares an ATM ARP layer with tshark's fields of it. */
function assertAtmArpMatches(arp: Arp, row: FieldRow, where: string): void {
  const sides = [
    ["src", arp.senderE164, arp.hardwareAddressLength, arp.senderSubaddressLength],
    ["dst", arp.targetE164, arp.targetHardwareAddressLength, arp.targetSubaddressLength],
  ] as const;
  const protocolLengths = [arp.protocolAddressLength, arp.targetProtocolAddressLength];
  sides.forEach(([side, e164, numberLength, subaddressLength], i) => {
    const field = (name: string) => row[`arp.${side}.${name}` as keyof FieldRow];
    assert.deepEqual(
      [e164, numberLength, subaddressLength, protocolLengths[i]],
      [field("htype") === "1", Number(field("hlen")), Number(field("slen")), Number(field("pln"))],
      `${where} (${side})`,
    );
  });
  // tshark shows an E.164 number as its digits (text), an NSAP address as bytes.
  const number = (bytes: Uint8Array, e164: boolean) =>
    e164 ? String.fromCharCode(...bytes) : encodeHex(bytes);
  assert.equal(
    number(arp.senderHardwareAddressBytes, arp.senderE164),
    row[arp.senderE164 ? "arp.src.atm_num_e164" : "arp.src.atm_num_nsap"],
    where,
  );
  assert.equal(
    number(arp.targetHardwareAddressBytes, arp.targetE164),
    row[arp.targetE164 ? "arp.dst.atm_num_e164" : "arp.dst.atm_num_nsap"],
    where,
  );
  assert.equal(arp.senderSubaddress.replaceAll(":", ""), row["arp.src.atm_subaddr"], where);
  assert.equal(arp.targetSubaddress.replaceAll(":", ""), row["arp.dst.atm_subaddr"], where);
}

for (const sample of SAMPLES) {
  Deno.test({
    name: `decode() matches tshark on the ARP packets of ${
      sample.replace(/^.*\/testdata\//, "testdata/")
    }`,
    ignore: !hasCapture(sample) || !(await hasTshark()),
    fn() {
      const rows = tsharkFields(sample, [...FIELDS]).map((values) =>
        Object.fromEntries(FIELDS.map((field, i) => [field, values[i]!])) as FieldRow
      );
      const packets = readCapture(sample);
      assert.equal(rows.length, packets.length);
      let decoded = 0;
      let atm = 0;
      packets.forEach((record, i) => {
        const packet = decode(record.linkType, record.data);
        const arp = packet.layer("arp");
        const row = rows[i]!;
        if (row["arp.hw.type"] === "" && arp === undefined) return;
        if (arp === undefined) {
          // tshark shows the fields it could read of a cut-off packet, and flags it.
          assert.equal(packet.error?.layer, "arp", `packet ${i + 1}`);
          assert.notEqual(
            row["_ws.malformed"],
            "",
            `packet ${i + 1}: tshark agrees it is malformed`,
          );
          return;
        }
        const where = `packet ${i + 1}`;
        assert.deepEqual(
          [arp.hardwareType, arp.protocolType, arp.operation],
          ["arp.hw.type", "arp.proto.type", "arp.opcode"].map((f) =>
            Number(row[f as keyof FieldRow])
          ),
          where,
        );
        assert.ok(
          sameAddress(
            arp.senderProtocolAddress,
            arp.senderProtocolAddressBytes,
            row["arp.src.proto_ipv4"],
            row["arp.src.proto"],
          ),
          where,
        );
        assert.ok(
          sameAddress(
            arp.targetProtocolAddress,
            arp.targetProtocolAddressBytes,
            row["arp.dst.proto_ipv4"],
            row["arp.dst.proto"],
          ),
          where,
        );
        if (arp.hardwareType === 19) {
          assertAtmArpMatches(arp, row, where);
          atm++;
          return;
        }
        decoded++;
        assert.deepEqual(
          [arp.hardwareAddressLength, arp.protocolAddressLength],
          [Number(row["arp.hw.size"]), Number(row["arp.proto.size"])],
          where,
        );
        assert.ok(
          sameAddress(
            arp.senderHardwareAddress,
            arp.senderHardwareAddressBytes,
            row["arp.src.hw_mac"],
            row["arp.src.hw"],
          ),
          where,
        );
        assert.ok(
          sameAddress(
            arp.targetHardwareAddress,
            arp.targetHardwareAddressBytes,
            row["arp.dst.hw_mac"],
            row["arp.dst.hw"],
          ),
          where,
        );
      });
      assert.ok(decoded > 0 || sample.includes("asan") || sample.includes("too-long"));
      if (sample.endsWith("arp_layouts.pcap")) assert.equal(atm, 13);
    },
  });
}

Deno.test("printArp() dumps an unknown operation with the frame's padding, as tcpdump does", () => {
  const frame = new Uint8Array(60);
  frame.set(REQUEST_FRAME);
  frame[21] = 0x99; // operation 153
  const print = (hex: 0 | 1, verbose = 0) =>
    new TcpdumpPrinter({ timestamps: "none", hex, ascii: hex > 0, verbose }).format(
      decode(LinkType.EN10MB, frame),
      { seconds: 0, nanoseconds: 0, originalLength: 60 },
    );
  const lines = print(0).split("\n");
  assert.equal(lines[0], "ARP, Unknown (153) ");
  // The 46 bytes after the Ethernet header: the ARP header and the padding.
  assert.equal(lines.length, 4);
  assert.match(lines[3]!, /^\t0x0020: {2}0000 0000 0000 0000 0000 0000 0000 {7}\.{14}$/);
  // With -X, that dump and then the packet's.
  assert.equal(print(1).split("\n").length, 7);
  // Protocol addresses of a wrong length (printed at -v).
  const wide = REQUEST_FRAME.slice();
  wide[19] = 5; // protocol address length 5
  const wideFrame = new Uint8Array(64);
  wideFrame.set(wide);
  assert.match(
    new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(
      decode(LinkType.EN10MB, wideFrame),
      { seconds: 0, nanoseconds: 0, originalLength: 64 },
    ),
    /who-has <wrong len>.* tell <wrong len>/,
  );
});
