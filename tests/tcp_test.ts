import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import {
  decodeTcp,
  Tcp,
  tcpDecoder,
  TcpFlag,
  type TcpOption,
  TcpOptionCursor,
  TcpOptionKind,
  type TcpOptionValue,
} from "../lib/transport/tcp.ts";
import { udpDecoder } from "../lib/transport/udp.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex, encodeHex } from "../lib/_hex.ts";

/** An IPv4 packet (10.0.0.1 > 10.0.0.2) around `segment`, with both checksums computed. */
function ipv4Tcp(segment: Uint8Array): Uint8Array {
  const packet = new Uint8Array(20 + segment.length);
  packet.set([0x45, 0, (packet.length >> 8) & 0xff, packet.length & 0xff, 0, 1, 0x40, 0, 64, 6]);
  packet.set([10, 0, 0, 1, 10, 0, 0, 2], 12);
  const ipSum = foldChecksum(sumWords(packet, 0, 20, 0));
  packet[10] = ipSum >> 8;
  packet[11] = ipSum & 0xff;
  packet.set(segment, 20);
  packet[36] = 0;
  packet[37] = 0;
  const pseudo = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 6 + segment.length;
  const sum = foldChecksum(sumWords(packet, 20, packet.length, pseudo));
  packet[36] = sum >> 8;
  packet[37] = sum & 0xff;
  return packet;
}

/** A TCP header with the given options (padded to 4 bytes with EOL) and payload. */
function segment(
  options: number[],
  payload: number[] = [],
  flags: number = TcpFlag.ACK,
): Uint8Array {
  const optionLength = Math.ceil(options.length / 4) * 4;
  const bytes = new Uint8Array(20 + optionLength + payload.length);
  bytes.set([0x04, 0xd2, 0x00, 0x50, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0xc8]);
  bytes[12] = ((20 + optionLength) / 4) << 4 | (flags >> 8);
  bytes[13] = flags & 0xff;
  bytes.set([0x72, 0x10], 14);
  bytes.set(options, 20);
  bytes.set(payload, 20 + optionLength);
  return bytes;
}

// pcapplusplus/TcpPacketWithOptions3.pcap (tcpdump -v -x):
// IP (tos 0x0, ttl 64, id 1556, offset 0, flags [DF], proto TCP (6), length 60)
//     10.0.0.6.60225 > 23.44.242.127.80: Flags [S], cksum 0x13e0 (incorrect -> 0xdaa7),
//     seq 758711520, win 14600, options [mss 1460,sackOK,TS val 197364 ecr 0,nop,wscale 4]
const SYN_BAD_CHECKSUM = hex(`
  4500 003c 0614 4000 4006 20f7 0a00 0006
  172c f27f eb41 0050 2d39 04e0 0000 0000
  a002 3908 13e0 0000 0204 05b4 0402 080a
  0003 02f4 0000 0000 0103 0304`);

// pcapplusplus/TcpPacketWithOptions2.pcap (tcpdump -v -x):
// IP (tos 0x0, ttl 59, id 20300, offset 0, flags [DF], proto TCP (6), length 65)
//     212.199.202.9.80 > 10.0.0.6.44160: Flags [P.], cksum 0xdea1 (correct),
//     seq 3089746840:3089746849, ack 3916895622, win 20178,
//     options [nop,nop,TS val 3555735960 ecr 196757,nop,wscale 2], length 9: HTTP
const PUSH_WITH_DATA = hex(`
  4500 0041 4f4c 4000 3b06 4794 d4c7 ca09
  0a00 0006 0050 ac80 b829 cb98 e977 1586
  9018 4ed2 dea1 0000 0101 080a d3f0 3998
  0003 0095 0103 0302 0049 454e 44ae 4260
  82`);

Deno.test("decodeTcp() reads the fields of a SYN", () => {
  const tcp = decodeTcp(SYN_BAD_CHECKSUM, 20);
  assert.equal(tcp.sourcePort, 60225);
  assert.equal(tcp.destinationPort, 80);
  assert.equal(tcp.sequenceNumber, 758711520);
  assert.equal(tcp.acknowledgmentNumber, 0);
  assert.equal(tcp.dataOffset, 10);
  assert.equal(tcp.headerLength, 40);
  assert.equal(tcp.flags, TcpFlag.SYN);
  assert.ok(tcp.syn && !tcp.ack && !tcp.fin && !tcp.rst && !tcp.psh && !tcp.urg);
  assert.equal(tcp.window, 14600);
  assert.equal(tcp.checksum, 0x13e0);
  assert.equal(tcp.urgentPointer, 0);
  assert.equal(tcp.mss, 1460);
  assert.equal(tcp.sackPermitted, true);
  assert.deepEqual(tcp.timestamp, { value: 197364, echo: 0 });
  assert.equal(tcp.windowScale, 4);
  assert.equal(tcp.payload.length, 0);
  assert.equal(tcp.checksumValid, undefined, "no network layer: cannot tell");
  assert.deepEqual(tcp.options.map((option) => option.name), [
    "mss",
    "sack-permitted",
    "timestamps",
    "nop",
    "window-scale",
  ]);
});

Deno.test("decode() checks TCP checksums against the IPv4 pseudo-header", () => {
  const bad = decode(LinkType.IPV4, SYN_BAD_CHECKSUM).layer("tcp");
  assert.equal(bad?.checksumValid, false);
  const good = decode(LinkType.IPV4, PUSH_WITH_DATA).layer("tcp");
  assert.equal(good?.checksumValid, true);
  assert.equal(good?.sequenceNumber, 3089746840);
  assert.equal(good?.acknowledgmentNumber, 3916895622);
  assert.equal(good?.flags, TcpFlag.PSH | TcpFlag.ACK);
  assert.deepEqual(good?.timestamp, { value: 3555735960, echo: 196757 });
  assert.equal(good?.mss, undefined);
  assert.equal(good?.sackPermitted, false);
  assert.deepEqual(good?.payload, PUSH_WITH_DATA.subarray(56));
  assert.equal(good?.payload.length, 9);
});

Deno.test("Tcp.checksumValid is undefined when the capture cuts the segment short", () => {
  const cut = decode(LinkType.IPV4, PUSH_WITH_DATA.subarray(0, PUSH_WITH_DATA.length - 1));
  assert.equal(cut.error, undefined);
  assert.equal(cut.layer("tcp")?.checksumValid, undefined);
  assert.equal(cut.layer("tcp")?.payload.length, 8);
});

Deno.test("Tcp.checksumValid is undefined for the first fragment of an IPv4 packet", () => {
  const packet = ipv4Tcp(segment([], [1, 2, 3, 4]));
  packet[6] = 0x20; // more fragments (the IPv4 header checksum is now wrong, which is fine)
  assert.equal(decode(LinkType.IPV4, packet).layer("tcp")?.checksumValid, undefined);
});

Deno.test("decode() checks TCP checksums over IPv6", () => {
  const tcp = segment([2, 4, 0x05, 0xa0], [0x61]);
  const packet = new Uint8Array(40 + tcp.length);
  packet.set([0x60, 0, 0, 0, 0, tcp.length, 6, 64]);
  packet[8] = 0x20;
  packet[9] = 0x01;
  packet[23] = 1;
  packet[24] = 0x20;
  packet[25] = 0x01;
  packet[39] = 2;
  packet.set(tcp, 40);
  const pseudo = 0x2001 + 1 + 0x2001 + 2 + 6 + tcp.length;
  const sum = foldChecksum(sumWords(packet, 40, packet.length, pseudo));
  packet[56] = sum >> 8;
  packet[57] = sum & 0xff;
  const decoded = decode(LinkType.IPV6, packet);
  assert.equal(decoded.layer("tcp")?.checksumValid, true);
  assert.equal(decoded.layer("tcp")?.mss, 1440);
  packet[packet.length - 1]! ^= 1;
  assert.equal(decode(LinkType.IPV6, packet).layer("tcp")?.checksumValid, false);
});

Deno.test("Tcp flag getters follow each bit, AE included", () => {
  const names = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ae"] as const;
  const bits = [
    TcpFlag.FIN,
    TcpFlag.SYN,
    TcpFlag.RST,
    TcpFlag.PSH,
    TcpFlag.ACK,
    TcpFlag.URG,
    TcpFlag.ECE,
    TcpFlag.CWR,
    TcpFlag.AE,
  ];
  bits.forEach((bit, i) => {
    const tcp = decodeTcp(segment([], [], bit));
    assert.equal(tcp.flags, bit);
    for (const [j, name] of names.entries()) assert.equal(tcp[name], i === j, name);
  });
  assert.equal(TcpFlag.NS, TcpFlag.AE);
  const all = decodeTcp(segment([], [], 0x1ff));
  assert.equal(all.flags, 0x1ff);
  assert.equal(all.reserved, 0);
  const reserved = segment([]);
  reserved[12]! |= 0x0e;
  assert.equal(decodeTcp(reserved).reserved, 7);
  assert.equal(decodeTcp(reserved).flags, TcpFlag.ACK);
});

/** The options without their offsets, to compare with literals. */
function withoutOffsets(options: readonly TcpOption[]): TcpOptionValue[] {
  return options.map(({ offset: _, ...option }) => option as TcpOptionValue);
}

Deno.test("Tcp.options decodes every named option", () => {
  const tcp = decodeTcp(segment([
    ...[2, 4, 0x05, 0xb4], // MSS 1460
    ...[3, 3, 14], // window scale 14
    ...[4, 2], // SACK permitted
    ...[5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5], // 2 SACK blocks
    ...[8, 10, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 7], // timestamps
  ]));
  assert.equal(tcp.headerLength, 60);
  assert.deepEqual(tcp.options.map((option) => option.offset), [20, 24, 27, 29, 47, 57]);
  assert.deepEqual(withoutOffsets(tcp.options), [
    { name: "mss", kind: 2, length: 4, mss: 1460 },
    { name: "window-scale", kind: 3, length: 3, shift: 14 },
    { name: "sack-permitted", kind: 4, length: 2 },
    {
      name: "sack",
      kind: 5,
      length: 18,
      blocks: [{ left: 1, right: 2 }, { left: 0xffffffff, right: 5 }],
    },
    { name: "timestamps", kind: 8, length: 10, value: 0xfffffffe, echo: 7 },
    { name: "eol", kind: 0, length: 1 },
  ]);
  assert.equal(tcp.optionsMalformed, false);
  assert.equal(tcp.mss, 1460);
  assert.equal(tcp.windowScale, 14);
  assert.equal(tcp.sackPermitted, true);
  assert.deepEqual(tcp.timestamp, { value: 0xfffffffe, echo: 7 });
  assert.equal(TcpOptionKind.TIMESTAMPS, 8);

  const digest = Array.from({ length: 16 }, (_, i) => i);
  const more = decodeTcp(segment([
    ...[19, 18, ...digest], // MD5
    ...[28, 4, 0x80, 0x05], // user timeout: 5 minutes
    ...[34, 6, 1, 2, 3, 4], // Fast Open cookie
    ...[34, 2], // Fast Open cookie request
    ...[254, 6, 0xf9, 0x89, 9, 9], // experimental Fast Open (RFC 7413 ExID)
    ...[254, 4, 0x12, 0x34], // another experiment
  ]));
  assert.deepEqual(withoutOffsets(more.options), [
    { name: "md5", kind: 19, length: 18, digest: new Uint8Array(digest) },
    { name: "user-timeout", kind: 28, length: 4, minutes: true, timeout: 5 },
    { name: "fast-open", kind: 34, length: 6, cookie: new Uint8Array([1, 2, 3, 4]) },
    { name: "fast-open", kind: 34, length: 2, cookie: new Uint8Array(0) },
    { name: "fast-open", kind: 254, length: 6, cookie: new Uint8Array([9, 9]) },
    { name: "raw", kind: 254, length: 4, data: new Uint8Array([0x12, 0x34]) },
  ]);
  assert.equal(more.mss, undefined);
  assert.equal(more.sackPermitted, false);

  const raw = decodeTcp(segment([
    ...[99, 3, 0xaa], // unknown kind
    ...[2, 3, 0], // MSS of the wrong length: kept raw
    ...[28, 4, 0x00, 0x1e], // user timeout: 30 seconds
    1,
    0, // EOL, then padding that is not read
    2,
    4,
  ]));
  assert.deepEqual(withoutOffsets(raw.options), [
    { name: "raw", kind: 99, length: 3, data: new Uint8Array([0xaa]) },
    { name: "raw", kind: 2, length: 3, data: new Uint8Array([0]) },
    { name: "user-timeout", kind: 28, length: 4, minutes: false, timeout: 30 },
    { name: "nop", kind: 1, length: 1 },
    { name: "eol", kind: 0, length: 1 },
  ]);
  assert.equal(raw.mss, undefined, "a raw MSS is not an MSS");
  assert.equal(raw.optionsMalformed, false);
});

Deno.test("Tcp.options stops at a malformed option and marks it", () => {
  const cases: [number[], number][] = [
    [[1, 2, 0, 1, 1, 1], 0], // length 0
    [[1, 8, 1, 1, 1, 1, 1, 1], 1], // length 1
    [[1, 1, 1, 8, 12, 0, 0, 0], 12], // runs past the header
    [[1, 1, 1, 5], 0], // the length byte is missing
  ];
  for (const [bytes, length] of cases) {
    const tcp = decodeTcp(segment(bytes));
    const options = tcp.options;
    const last = options.at(-1);
    assert.equal(last?.name, "malformed", String(bytes));
    assert.equal(last?.length, length);
    assert.ok(options.slice(0, -1).every((option) => option.name === "nop"));
    assert.equal(tcp.optionsMalformed, true);
    assert.equal(tcp.mss, undefined);
    assert.equal(tcp.timestamp, undefined);
  }
  // An MSS after the malformed option is not seen by the getters either.
  const hidden = decodeTcp(segment([8, 20, 0, 0, 2, 4, 1, 0]));
  assert.equal(hidden.mss, undefined);
  assert.equal(hidden.options.length, 1);
  // But one before it is.
  const seen = decodeTcp(segment([2, 4, 1, 0, 8, 0, 0, 0]));
  assert.equal(seen.mss, 256);
  assert.equal(seen.optionsMalformed, true);
});

Deno.test("TcpOptionCursor walks the options that Tcp.options lists, reused across headers", () => {
  const cursor = new TcpOptionCursor();
  const digest = Array.from({ length: 16 }, (_, i) => 0xa0 + i);
  const headers = [
    segment([
      ...[2, 4, 0x05, 0xb4],
      ...[3, 3, 14],
      ...[5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5],
      ...[8, 10, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 7],
    ]),
    segment([...[19, 18, ...digest], ...[28, 4, 0x80, 0x05], ...[254, 6, 0xf9, 0x89, 9, 8]]),
    segment([1, 1, 1, 8, 12, 0, 0, 0]),
  ];
  const seen: string[] = [];
  for (const bytes of headers) {
    const tcp = decodeTcp(bytes);
    const options = tcp.options;
    assert.equal(cursor.reset(tcp), cursor);
    let i = 0;
    while (cursor.next()) {
      const option = options[i++]!;
      assert.deepEqual(cursor.toOption(), option);
      assert.equal(cursor.name, option.name);
      assert.equal(cursor.offset, option.offset);
      const bytes = encodeHex(cursor.data.subarray(cursor.valueStart, cursor.valueEnd));
      switch (cursor.name) {
        case "mss":
          seen.push(`mss ${cursor.mss}`);
          break;
        case "window-scale":
          seen.push(`wscale ${cursor.shift}`);
          break;
        case "sack":
          for (let b = 0; b < cursor.sackBlocks; b++) {
            seen.push(`sack ${cursor.sackLeft(b)}:${cursor.sackRight(b)}`);
          }
          break;
        case "timestamps":
          seen.push(`TS ${cursor.value} ${cursor.echo}`);
          break;
        case "user-timeout":
          seen.push(`uto ${cursor.minutes} ${cursor.timeout}`);
          break;
        default:
          seen.push(`${cursor.name} ${cursor.kind} ${bytes}`);
      }
    }
    assert.equal(i, options.length);
    assert.equal(cursor.next(), false, "the walk stays over");
  }
  assert.deepEqual(seen, [
    "mss 1460",
    "wscale 14",
    "sack 1:2",
    "sack 4294967295:5",
    "TS 4294967294 7",
    "eol 0 ",
    `md5 19 ${encodeHex(new Uint8Array(digest))}`,
    "uto true 5",
    "fast-open 254 0908",
    "nop 1 ",
    "nop 1 ",
    "nop 1 ",
    "malformed 8 080c000000",
  ]);
});

Deno.test("decodeTcp() rejects a truncated header at every length", () => {
  for (const bytes of [SYN_BAD_CHECKSUM.subarray(20), PUSH_WITH_DATA.subarray(20, 56)]) {
    const headerLength = (bytes[12]! >> 4) * 4;
    for (let n = 0; n < headerLength; n++) {
      assert.throws(() => decodeTcp(bytes.subarray(0, n)), (error: unknown) => {
        assert.ok(error instanceof DecodeError);
        assert.equal(error.code, "truncated");
        assert.equal(error.layer, "tcp");
        assert.equal(error.received, n);
        assert.equal(error.required, n < 20 ? 20 : headerLength);
        return true;
      });
    }
    assert.equal(decodeTcp(bytes.subarray(0, headerLength)).headerLength, headerLength);
  }
  assert.throws(() => decodeTcp(new Uint8Array(19)), {
    message: "Cannot decode TCP header: 20 bytes required, received 19",
  });
});

Deno.test("decode() reports a truncated TCP header as the packet's error", () => {
  for (let n = 20; n < SYN_BAD_CHECKSUM.length; n++) {
    const packet = decode(LinkType.IPV4, SYN_BAD_CHECKSUM.subarray(0, n));
    assert.ok(packet.error instanceof DecodeError);
    assert.equal(packet.error.layer, "tcp");
    assert.equal(packet.error.code, "truncated");
    // From the fixed 20 bytes on, a header whose options the capture cut is kept.
    const partial = n >= 40;
    assert.equal(packet.error.partial, partial);
    assert.deepEqual(
      packet.layers.map((layer) => layer.kind),
      partial ? ["ipv4", "tcp"] : ["ipv4"],
    );
  }
});

Deno.test("decode() keeps a TCP header cut inside its options, flagged truncated", () => {
  // zeek/tcp/truncated-header.pcap, packet 1 (snap length 68): the timestamps option is
  // cut after 6 of its bytes. tcpdump -n prints: ... win 5840, options [mss 1460,sackOK,TS [|tcp]>
  const bytes = hex(`
    4500 003c 38e0 4000 3306 0ce2 c9ba 9d43
    8003 1af9 ed9b 0019 3e17 75de 0000 0000
    a0c2 16d0 90d6 0000 0204 05b4 0402 0808
    0000 0001 0000`);
  const packet = decode(LinkType.IPV4, bytes);
  assert.equal(packet.error?.partial, true);
  const tcp = packet.layer("tcp")!;
  assert.equal(tcp.truncated, true);
  assert.equal(tcp.headerLength, 34);
  assert.equal(tcp.dataOffset, 10);
  assert.deepEqual(tcp.options.map((option) => option.name), [
    "mss",
    "sack-permitted",
    "truncated",
  ]);
  assert.equal(tcp.mss, 1460);
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const record = { seconds: 0, nanoseconds: 0, originalLength: 74 };
  assert.equal(
    printer.format(packet, record),
    "IP 201.186.157.67.60827 > 128.3.26.249.25: Flags [SEW], seq 1041724894, win 5840, " +
      "options [mss 1460,sackOK,TS [|tcp]>",
  );
});

Deno.test("decodeTcp() rejects a data offset below 5", () => {
  for (let dataOffset = 0; dataOffset < 5; dataOffset++) {
    const bytes = segment([]);
    bytes[12] = dataOffset << 4;
    assert.throws(() => decodeTcp(bytes), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "malformed");
      assert.equal(error.received, dataOffset * 4);
      assert.equal(
        error.message,
        `Cannot decode TCP header: header length ${dataOffset * 4} is less than 20`,
      );
      return true;
    });
  }
});

Deno.test("decodeTcp() survives random bytes", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 0x80000000) / 0x80000000;
  for (let i = 0; i < 2000; i++) {
    const bytes = Uint8Array.from({ length: Math.floor(random() * 80) }, () => random() * 256);
    try {
      const tcp = decodeTcp(bytes);
      JSON.stringify(tcp.toJSON());
      void [tcp.mss, tcp.windowScale, tcp.sackPermitted, tcp.timestamp, tcp.optionsMalformed];
      assert.ok(tcp.payload.length >= 0);
    } catch (error) {
      assert.ok(error instanceof DecodeError, String(error));
    }
  }
});

Deno.test("PacketParser reuses a Tcp layer without stale fields", () => {
  const parser = new PacketParser();
  const a = ipv4Tcp(segment([2, 4, 5, 0xb4, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2], [1, 2]));
  const b = ipv4Tcp(segment([], [], TcpFlag.RST));
  b[23] = 9; // source port 1024 + 9... the low byte
  parser.parse(LinkType.IPV4, a);
  const first = parser.get("tcp");
  assert.equal(first?.mss, 1460);
  assert.equal(first?.checksumValid, true);
  parser.parse(LinkType.IPV4, b);
  const second = parser.get("tcp");
  assert.equal(second, first, "the same object");
  assert.equal(second?.headerLength, 20);
  assert.equal(second?.dataOffset, 5);
  assert.equal(second?.flags, TcpFlag.RST);
  assert.equal(second?.mss, undefined);
  assert.equal(second?.timestamp, undefined);
  assert.deepEqual(second?.options, []);
  assert.equal(second?.payload.length, 0);
  assert.equal(second?.checksumValid, false, "the port changed after the checksum was set");
  parser.parse(LinkType.IPV4, ipv4Tcp(segment([], [], TcpFlag.RST)));
  assert.equal(parser.get("tcp")?.checksumValid, true);
});

Deno.test("Tcp.nextDecoder() looks up the destination port, then the source port", () => {
  const registry = defaultRegistry.clone();
  registry.tcpPorts.set(80, udpDecoder);
  const withPayload = ipv4Tcp(segment([], [0, 1, 0, 2, 0, 8, 0, 0]));
  assert.deepEqual(
    decode(LinkType.IPV4, withPayload, { registry }).layers.map((layer) => layer.kind),
    ["ipv4", "tcp", "udp"],
  );
  const reversed = segment([], [0, 1, 0, 2, 0, 8, 0, 0]);
  reversed.set([0x00, 0x50, 0x04, 0xd2]); // 80 > 1234
  assert.equal(decode(LinkType.IPV4, ipv4Tcp(reversed), { registry }).layers.length, 3);
  const empty = ipv4Tcp(segment([]));
  assert.deepEqual(
    decode(LinkType.IPV4, empty, { registry }).layers.map((layer) => layer.kind),
    ["ipv4", "tcp"],
    "no payload: no application decoder",
  );
  assert.equal(tcpDecoder.create() instanceof Tcp, true);
});

Deno.test("Tcp.toJSON() returns plain header fields", () => {
  const tcp = decodeTcp(segment([2, 4, 5, 0xb4, 19, 18, ...new Array(16).fill(0xab)]));
  const json = tcp.toJSON();
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  assert.equal(json.sourcePort, 1234);
  assert.equal(json.acknowledgmentNumber, 200);
  assert.deepEqual(json.options, [
    { name: "mss", kind: 2, length: 4, mss: 1460, offset: 20 },
    { name: "md5", kind: 19, length: 18, digest: "ab".repeat(16), offset: 24 },
    { name: "eol", kind: 0, length: 1, offset: 42 },
  ]);
});

const TSHARK_FILES = [
  "pcapplusplus/TcpPacketWithOptions2.pcap",
  "pcapplusplus/TcpPacketWithOptions3.pcap",
  "pcapplusplus/tcp-malformed.pcap",
  "pcapplusplus/dns_over_tcp.pcapng",
  "tcpdump/tfo-5c1fa7f9ae91.pcap",
  "tcpdump/accecn_handshake.pcap",
  "tcpdump/tcp_eight_lowest_weight_flags_set.pcap",
  "tcpdump/print-flags.pcap",
  "tcpdump/dns_tcp.pcap",
  "tcpdump/mptcp-v1.pcap",
  "tcpdump/tcp-handshake-nano.pcap",
  "tcpdump/tcp_rst_data.pcap",
  "tcpdump/tcp_rst_data-trunc.pcap",
  "tcpdump/tcp_header_heapoverflow.pcap",
  "tcpdump/ipv4_tcp_http_xml.pcap",
  "tcpdump/bigtcp-ipv4.pcap",
];

const TSHARK_TCP = [
  "tcp.srcport",
  "tcp.dstport",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "tcp.flags",
  "tcp.window_size_value",
  "tcp.hdr_len",
  "tcp.urgent_pointer",
  "tcp.options.mss_val",
  "tcp.options.wscale.shift",
  "tcp.options.timestamp.tsval",
  "tcp.options.timestamp.tsecr",
  "tcp.checksum.status",
  "icmp.type",
];

for (const name of TSHARK_FILES) {
  Deno.test({
    name: `decode() agrees with tshark on the TCP headers of ${name}`,
    ignore: !hasCapture(name) || !(await hasTshark()),
    fn() {
      const rows = tsharkFields(name, TSHARK_TCP, [
        "-o",
        "tcp.check_checksum:TRUE",
        "-o",
        "ip.defragment:FALSE",
        "-o",
        "tcp.desegment_tcp_streams:FALSE",
      ]);
      const packets = readCapture(name);
      assert.equal(rows.length, packets.length);
      let compared = 0;
      packets.forEach((packet, i) => {
        const row = rows[i]!;
        if (row[0] === "" || row[13] !== "") return; // no TCP, or TCP quoted in ICMP
        const decoded = decode(packet.linkType, packet.data);
        const tcp = decoded.layer("tcp");
        const headerLength = Number(row[6]);
        if (tcp === undefined) {
          // tshark shows what it can of a header cut short; wirekit reports the error.
          assert.ok(decoded.error?.layer === "tcp", `${name} #${i + 1}: ${decoded.error}`);
          return;
        }
        const optional = (value: number | undefined) => value === undefined ? "" : String(value);
        const status = tcp.checksumValid === undefined ? "2" : tcp.checksumValid ? "1" : "0";
        const mine = [
          tcp.sourcePort,
          tcp.destinationPort,
          tcp.sequenceNumber,
          tcp.acknowledgmentNumber,
          `0x${tcp.flags.toString(16).padStart(4, "0")}`,
          tcp.window,
          tcp.headerLength,
          tcp.urgentPointer,
          optional(tcp.mss),
          optional(tcp.windowScale),
          optional(tcp.timestamp?.value),
          optional(tcp.timestamp?.echo),
          status,
        ].map(String);
        assert.deepEqual(mine, row.slice(0, 13), `${name} #${i + 1}`);
        assert.equal(tcp.headerLength, headerLength);
        compared++;
      });
      assert.ok(compared > 0 || name.includes("heapoverflow") || name.includes("malformed"));
    },
  });
}
