import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeDns, Dns, dnsDecoder } from "../lib/app/dns.ts";
import { Tcp } from "../lib/transport/tcp.ts";
import { decodeInto, printLayer } from "./_print_layer.ts";
import { TcpdumpPrinter } from "../lib/print/tcpdump_printer.ts";
import { buildIpv4 } from "../lib/craft/ipv4.ts";
import { buildTcp } from "../lib/craft/tcp.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { sharedCaptures } from "./_shared.ts";
import { hasTshark, NO_REASSEMBLY, tsharkFields } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

/** An IPv4 packet (10.0.0.1 > 10.0.0.2) around a UDP datagram 5353/53 > 53 holding `message`. */
function ipv4Udp(message: Uint8Array, port = 53): Uint8Array {
  const packet = new Uint8Array(28 + message.length);
  const total = packet.length;
  packet.set([
    0x45,
    0,
    total >> 8,
    total & 0xff,
    0,
    0,
    0,
    0,
    64,
    17,
    0,
    0,
    10,
    0,
    0,
    1,
    10,
    0,
    0,
    2,
  ]);
  const udp = message.length + 8;
  packet.set([0x30, 0x39, port >> 8, port & 0xff, udp >> 8, udp & 0xff, 0, 0], 20);
  packet.set(message, 28);
  return packet;
}

/** An IPv4 packet around a TCP segment (port 53, PSH ACK) holding `payload`. */
function ipv4Tcp(payload: Uint8Array): Uint8Array {
  const packet = new Uint8Array(40 + payload.length);
  const total = packet.length;
  packet.set([
    0x45,
    0,
    total >> 8,
    total & 0xff,
    0,
    0,
    0,
    0,
    64,
    6,
    0,
    0,
    10,
    0,
    0,
    1,
    10,
    0,
    0,
    2,
  ]);
  packet.set([0xc0, 0x00, 0, 53, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0], 20);
  packet.set(payload, 40);
  return packet;
}

/** Encodes a name as uncompressed labels. */
function name(text: string): number[] {
  const bytes: number[] = [];
  for (const label of text.split(".").filter((part) => part !== "")) {
    bytes.push(label.length, ...new TextEncoder().encode(label));
  }
  bytes.push(0);
  return bytes;
}

function u16(value: number): number[] {
  return [value >> 8, value & 0xff];
}

function u32(value: number): number[] {
  return [value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function record(owner: number[], type: number, ttl: number, rdata: number[], klass = 1): number[] {
  return [...owner, ...u16(type), ...u16(klass), ...u32(ttl), ...u16(rdata.length), ...rdata];
}

// tcpdump/dns_udp.pcap, packet 1 (tcpdump -x), IP and UDP headers omitted:
// 192.168.1.11.43966 > 209.87.249.18.53: 22836+ [1au] A? www.tcpdump.org. (56)
const QUERY = hex(`
  5934 0120 0001 0000 0000 0001 0377 7777 0774 6370
  6475 6d70 036f 7267 0000 0100 0100 0029 1000 0000 0000 000c 000a 0008 42f5 d009
  96f9 0b13`);

// tcpdump/dns_udp.pcap, packet 2: 22836*- 2/2/5 A 192.139.46.66, A 198.199.88.104 (224)
const RESPONSE = hex(`
  5934 8500 0001 0002 0002 0005 0377 7777 0774 6370
  6475 6d70 036f 7267 0000 0100 01c0 0c00 0100 0100 0000 3c00 04c0 8b2e 42c0 0c00
  0100 0100 0000 3c00 04c6 c758 68c0 1000 0200 0100 0151 8000 1203 736e 7308 636f
  6f70 6572 6978 036e 6574 00c0 1000 0200 0100 0151 8000 1203 6e69 6309 7361 6e64
  656c 6d61 6e02 6361 00c0 6b00 0100 0100 0001 2c00 04d1 57f9 12c0 6b00 1c00 0100
  0001 2c00 1026 07f0 b000 0f00 0000 0000 00ba bef0 0dc0 4d00 0100 0100 001c 2000
  0461 6b85 0fc0 4d00 1c00 0100 001c 2000 1026 003c 0300 0000 00f0 3c91 fffe 96e8
  ef00 0029 1000 0000 0000 0000`);

/** A response holding one record of each decoded type. */
function allTypes(): Uint8Array {
  const owner = [0xc0, 12];
  const bytes = [
    ...u16(0xbeef),
    ...u16(0x8580),
    ...u16(1),
    ...u16(8),
    ...u16(1),
    ...u16(1),
    ...name("example.com"),
    ...u16(255),
    ...u16(1),
    ...record(owner, 1, 300, [192, 0, 2, 1]),
    ...record(owner, 28, 300, [0x20, 1, 0x0d, 0xb8, ...new Array(11).fill(0), 1]),
    ...record(owner, 5, 60, name("alias.example.com")),
    ...record(owner, 15, 60, [...u16(10), ...name("mail.example.com")]),
    ...record(owner, 16, 60, [5, ...new TextEncoder().encode("hello"), 0, 2, 0x68, 0x69]),
    ...record(owner, 33, 60, [...u16(1), ...u16(2), ...u16(5060), ...name("sip.example.com")]),
    ...record(owner, 12, 60, [0xc0, 12]),
    ...record(owner, 99, 60, [1, 2, 3]),
    ...record(owner, 6, 3600, [
      ...name("ns.example.com"),
      ...name("admin.example.com"),
      ...u32(2024010101),
      ...u32(7200),
      ...u32(900),
      ...u32(1209600),
      ...u32(300),
    ]),
    ...record([0], 41, 0x01008000, [...u16(10), ...u16(8), 1, 2, 3, 4, 5, 6, 7, 8], 1232),
  ];
  return Uint8Array.from(bytes);
}

Deno.test("decodeDns() reads the header and the question of a query", () => {
  const dns = decodeDns(QUERY);
  assert.equal(dns.kind, "dns");
  assert.equal(dns.id, 22836);
  assert.equal(dns.response, false);
  assert.equal(dns.opcode, 0);
  assert.equal(dns.recursionDesired, true);
  assert.equal(dns.authenticData, true);
  assert.equal(dns.checkingDisabled, false);
  assert.equal(dns.questionCount, 1);
  assert.equal(dns.additionalCount, 1);
  assert.equal(dns.transport, undefined);
  assert.equal(dns.truncated, false);
  assert.deepEqual(dns.questions, [{ name: "www.tcpdump.org", type: 1, class: 1 }]);
  const edns = dns.edns!;
  assert.equal(edns.udpPayloadSize, 4096);
  assert.equal(edns.version, 0);
  assert.equal(edns.dnssecOk, false);
  assert.equal(edns.options.length, 1);
  assert.equal(edns.options[0]!.code, 10);
  assert.deepEqual(edns.options[0]!.data, hex("42f5d00996f90b13"));
  assert.equal(dns.malformed, false);
  assert.equal(dns.headerLength, QUERY.length);
  assert.equal(dns.payload.length, 0);
});

Deno.test("decodeDns() decompresses names in a response", () => {
  const dns = decodeDns(RESPONSE);
  assert.equal(dns.response, true);
  assert.equal(dns.authoritative, true);
  assert.equal(dns.recursionAvailable, false);
  assert.equal(dns.responseCode, 0);
  assert.deepEqual(
    dns.answers.map((answer) => [answer.name, answer.ttl, answer.value]),
    [
      ["www.tcpdump.org", 60, { kind: "a", address: "192.139.46.66" }],
      ["www.tcpdump.org", 60, { kind: "a", address: "198.199.88.104" }],
    ],
  );
  assert.deepEqual(dns.authorities.map((record) => record.value), [
    { kind: "ns", target: "sns.cooperix.net" },
    { kind: "ns", target: "nic.sandelman.ca" },
  ]);
  assert.deepEqual(dns.additionals.map((record) => [record.name, record.value.kind]), [
    ["nic.sandelman.ca", "a"],
    ["nic.sandelman.ca", "aaaa"],
    ["sns.cooperix.net", "a"],
    ["sns.cooperix.net", "aaaa"],
    ["", "opt"],
  ]);
  assert.deepEqual(dns.additionals[1]!.value, { kind: "aaaa", address: "2607:f0b0:f::babe:f00d" });
  assert.equal(dns.sections.error, undefined);
});

Deno.test("decodeDns() decodes the RDATA of every typed record", () => {
  const dns = decodeDns(allTypes());
  assert.deepEqual(dns.questions, [{ name: "example.com", type: 255, class: 1 }]);
  assert.deepEqual(dns.answers.map((record) => record.value), [
    { kind: "a", address: "192.0.2.1" },
    { kind: "aaaa", address: "2001:db8::1" },
    { kind: "cname", target: "alias.example.com" },
    { kind: "mx", preference: 10, exchange: "mail.example.com" },
    { kind: "txt", strings: ["hello", "", "hi"] },
    { kind: "srv", priority: 1, weight: 2, port: 5060, target: "sip.example.com" },
    { kind: "ptr", target: "example.com" },
    { kind: "raw" },
  ]);
  assert.deepEqual(dns.answers[7]!.rdata, new Uint8Array([1, 2, 3]));
  assert.deepEqual(dns.authorities[0]!.value, {
    kind: "soa",
    primaryNameServer: "ns.example.com",
    responsibleMailbox: "admin.example.com",
    serial: 2024010101,
    refresh: 7200,
    retry: 900,
    expire: 1209600,
    minimum: 300,
  });
  const opt = dns.edns!;
  assert.equal(opt.udpPayloadSize, 1232);
  assert.equal(opt.extendedResponseCode, 1);
  assert.equal(opt.dnssecOk, true);
  assert.equal(dns.extendedResponseCode, 16);
  const json = JSON.parse(JSON.stringify(dns));
  assert.equal(json.answers.length, 8);
  assert.equal(json.additionals[0].value.options[0].data, "0102030405060708");
});

Deno.test("decode() decodes DNS over UDP, mDNS, and over TCP with the length prefix", () => {
  const udp = decode(LinkType.IPV4, ipv4Udp(QUERY)).layer("dns")!;
  assert.equal(udp.transport, "udp");
  assert.equal(udp.multicast, false);
  assert.equal(udp.wireLength, QUERY.length);
  const mdns = decode(LinkType.IPV4, ipv4Udp(QUERY, 5353)).layer("dns")!;
  assert.equal(mdns.multicast, true);

  const framed = new Uint8Array(2 + QUERY.length);
  framed.set([0, QUERY.length]);
  framed.set(QUERY, 2);
  const tcp = decode(LinkType.IPV4, ipv4Tcp(framed));
  assert.equal(tcp.error, undefined);
  const dns = tcp.layer("dns")!;
  assert.equal(dns.transport, "tcp");
  assert.equal(dns.messageOffset, dns.offset + 2);
  assert.equal(dns.messageLength, QUERY.length);
  assert.equal(dns.truncated, false);
  assert.deepEqual(dns.questions.map((question) => question.name), ["www.tcpdump.org"]);
});

Deno.test("decode() lets a reader walk a DNS message past the UDP length to the IP end", () => {
  // The UDP length covers the header and 4 bytes; the IP packet holds the whole query.
  const packet = ipv4Udp(QUERY);
  packet.set([0, 8 + 16], 24);
  const dns = decode(LinkType.IPV4, packet).layer("dns")!;
  assert.equal(dns.end, 28 + 16);
  assert.equal(dns.snapEnd, packet.length);
  assert.equal(dns.wireLength, 16);
  // The decoded sections keep to the message the UDP length declares.
  assert.equal(dns.questions.length, 0);
  assert.equal(dns.malformed, true);
  // tcpdump's ns_print() reads the question from the IP packet's bytes.
  assert.equal(printLayer(dns), "22836+ [1au] A? www.tcpdump.org. (16)");
  // Over TCP the message is walked within the segment as before.
  const framed = new Uint8Array(2 + QUERY.length);
  framed.set([0, QUERY.length]);
  framed.set(QUERY, 2);
  const tcp = decode(LinkType.IPV4, ipv4Tcp(framed)).layer("dns")!;
  assert.equal(tcp.snapEnd, tcp.end);
});

Deno.test("decode() marks a TCP segment holding part of a DNS message as truncated", () => {
  const framed = new Uint8Array(2 + RESPONSE.length);
  framed.set([0, RESPONSE.length]);
  framed.set(RESPONSE, 2);
  const part = decode(LinkType.IPV4, ipv4Tcp(framed.subarray(0, 60)));
  assert.equal(part.error, undefined);
  const dns = part.layer("dns")!;
  assert.equal(dns.truncated, true);
  assert.equal(dns.messageLength, RESPONSE.length);
  assert.equal(dns.id, 22836);
  assert.equal(dns.answers.length, 1);
  assert.equal(dns.malformed, true);
  assert.match(dns.sections.error!, /answer record 2/);
});

Deno.test("decodeDns() rejects a truncated header at every length", () => {
  for (let n = 0; n < 12; n++) {
    assert.throws(() => decodeDns(QUERY.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "dns");
      return true;
    });
  }
  const framed = Uint8Array.from([0, QUERY.length, ...QUERY]);
  for (let n = 0; n < 14; n++) {
    assert.throws(() => decodeDns(framed.subarray(0, n), 0, { tcp: true }), DecodeError);
  }
  assert.throws(() => decodeDns(Uint8Array.from([0, 11, ...QUERY]), 0, { tcp: true }), {
    message: "Cannot decode DNS header: length prefix 11 is less than 12",
  });
});

Deno.test("decode() never throws at any truncation of a DNS packet", () => {
  for (const message of [QUERY, RESPONSE, allTypes()]) {
    const packet = ipv4Udp(message);
    for (let n = 0; n <= packet.length; n++) {
      const decoded = decode(LinkType.IPV4, packet.subarray(0, n));
      if (decoded.error !== undefined) assert.ok(decoded.error instanceof DecodeError);
      const dns = decoded.layer("dns");
      if (dns === undefined) continue;
      JSON.stringify(dns);
      assert.equal(dns.truncated, n < packet.length);
      for (let verbose = 0; verbose <= 3; verbose++) printLayer(dns, verbose);
    }
  }
});

Deno.test("Dns sections stop on compression loops, bad labels and long names", () => {
  const header = [0, 1, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0];
  const cases: [number[], RegExp][] = [
    [[0xc0, 12, 0, 1, 0, 1], /more than 126 compression pointers/],
    [[1, 0x61, 0xc0, 14, 0, 1, 0, 1], /more than 126 compression pointers/],
    [[0xc0, 14, 0xc0, 12, 0, 1, 0, 1], /more than 126 compression pointers/],
    [[0xc0, 200, 0, 1, 0, 1], /pointer past the message/],
    [[0x41, 0, 0, 1, 0, 1], /label type 0x40/],
    [[0x81, 0, 0, 1, 0, 1], /label type 0x80/],
    [[5, 0x61], /runs past the message/],
    [[0xc0], /runs past the message/],
    [
      [...Array.from({ length: 5 }, () => [63, ...new Array(63).fill(0x61)]).flat(), 0, 0, 1, 0, 1],
      /longer than 255/,
    ],
  ];
  for (const [body, pattern] of cases) {
    const dns = decodeDns(Uint8Array.from([...header, ...body]));
    assert.equal(dns.malformed, true);
    assert.match(dns.sections.error!, pattern);
    assert.deepEqual(dns.questions, []);
    for (let verbose = 0; verbose <= 3; verbose++) printLayer(dns, verbose);
  }
  // A forward pointer is followed (tcpdump refuses it, resolvers may accept it).
  const forward = decodeDns(Uint8Array.from([...header, 0xc0, 18, 0, 1, 0, 1, 1, 0x62, 0]));
  assert.deepEqual(forward.questions, [{ name: "b", type: 1, class: 1 }]);
  // A 255-byte name is the longest allowed.
  const longest = [...Array.from({ length: 3 }, () => [63, ...new Array(63).fill(0x61)]).flat()];
  longest.push(61, ...new Array(61).fill(0x62), 0);
  assert.equal(longest.length, 255);
  const ok = decodeDns(Uint8Array.from([...header, ...longest, 0, 1, 0, 1]));
  assert.equal(ok.malformed, false);
  assert.equal(ok.questions[0]!.name.length, 253);
});

Deno.test("Dns sections stop cleanly on huge counts with few bytes", () => {
  const dns = decodeDns(
    Uint8Array.from([0, 1, 0x81, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0]),
  );
  assert.equal(dns.questionCount, 65535);
  assert.equal(dns.malformed, true);
  assert.equal(dns.questions.length, 0);
  assert.equal(dns.answers.length, 0);
  assert.equal(
    printLayer(dns, 2),
    "1 [65535q] q: [|domain]",
  );
});

Deno.test("Dns labels escape dots, backslashes and unprintable bytes", () => {
  const body = [3, 0x61, 0x2e, 0x5c, 2, 0x20, 0xff, 0, 0, 1, 0, 1];
  const dns = decodeDns(Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...body]));
  assert.equal(dns.questions[0]!.name, "a\\.\\\\.\\032\\255");
});

Deno.test("decode() never throws on randomly mutated DNS packets", () => {
  let seed = 0x2545f491;
  const random = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const parser = new PacketParser();
  const bases = [ipv4Udp(QUERY), ipv4Udp(RESPONSE), ipv4Udp(allTypes()), ipv4Udp(RESPONSE, 5353)];
  const framed = Uint8Array.from([0, RESPONSE.length, ...RESPONSE]);
  bases.push(ipv4Tcp(framed));
  for (let i = 0; i < 12000; i++) {
    const base = bases[i % bases.length]!;
    const packet = base.slice(0, Math.max(29, Math.floor(random() * (base.length + 1))));
    const mutations = 1 + Math.floor(random() * 8);
    for (let m = 0; m < mutations; m++) {
      const at = 28 + Math.floor(random() * (packet.length - 28));
      packet[at] = random() < 0.3 ? 0xc0 | Math.floor(random() * 64) : Math.floor(random() * 256);
    }
    parser.parse(LinkType.IPV4, packet);
    const dns = parser.get("dns");
    if (dns === undefined) continue;
    const sections = dns.sections;
    assert.ok(sections.questions.length <= dns.questionCount);
    JSON.stringify(dns);
    dns.extendedResponseCode;
    for (let verbose = 0; verbose <= 3; verbose++) {
      assert.equal(typeof printLayer(dns, verbose), "string");
    }
  }
});

Deno.test("PacketParser reuses a Dns layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.IPV4, ipv4Udp(RESPONSE));
  const first = parser.get("dns")!;
  assert.equal(first.answers.length, 2);
  parser.parse(LinkType.IPV4, ipv4Udp(QUERY, 5353));
  const second = parser.get("dns")!;
  assert.equal(second, first);
  assert.equal(second.response, false);
  assert.equal(second.answerCount, 0);
  assert.equal(second.answers.length, 0);
  assert.equal(second.multicast, true);
  assert.equal(second.truncated, false);
  assert.deepEqual(second.questions.map((question) => question.name), ["www.tcpdump.org"]);
  const framed = Uint8Array.from([0, RESPONSE.length, ...RESPONSE]);
  parser.parse(LinkType.IPV4, ipv4Tcp(framed.subarray(0, 40)));
  const third = parser.get("dns")!;
  assert.equal(third.transport, "tcp");
  assert.equal(third.truncated, true);
  assert.equal(third.multicast, false);
});

Deno.test("dnsDecoder creates empty Dns layers", () => {
  const layer = dnsDecoder.create();
  assert.ok(layer instanceof Dns);
  assert.equal(layer.id, 0);
});

const captures = sharedCaptures();
const tshark = await hasTshark();
const TSHARK_FILES = [
  "tcpdump/dns_udp.pcap",
  "tcpdump/dns_tcp.pcap",
  "gopacket/test_dns.pcap",
  "dpkt/dns_icmp.pcap",
  "pcapplusplus/DnsPackets.pcap",
  "pcapplusplus/Dns.pcap",
  "tcpdump/edns-opts.pcap",
  "tcpdump/dnssec.pcap",
  "zeek/dns/mdns.pcap",
];
const FIELDS = [
  "dns.id",
  "dns.flags.response",
  "dns.flags.opcode",
  "dns.flags.rcode",
  "dns.count.queries",
  "dns.count.answers",
  "dns.qry.name",
  "dns.qry.type",
  "dns.a",
  "dns.aaaa",
  "dns.cname",
];

for (const file of TSHARK_FILES) {
  Deno.test({
    name: `decode() agrees with tshark on the DNS fields of ${file}`,
    ignore: captures === undefined || !tshark,
    async fn() {
      const url = new URL(file, captures);
      const { rows } = await tsharkFields(url, FIELDS, {
        preferences: NO_REASSEMBLY,
        disableProtocols: ["llmnr"],
      });
      await using reader = await openCapture(decodeURIComponent(url.pathname));
      let index = 0;
      let compared = 0;
      for await (const record of reader) {
        const row = rows[index++]!;
        const dns = decode(record.linkType, record.data).layer("dns");
        if (dns === undefined || row["dns.id"]!.length !== 1 || dns.malformed) continue;
        compared++;
        const where = `${file} packet ${index}`;
        assert.equal(dns.id, Number(row["dns.id"]![0]), where);
        assert.equal(dns.response, row["dns.flags.response"]![0] === "1", where);
        assert.equal(dns.opcode, Number(row["dns.flags.opcode"]![0]), where);
        if (row["dns.flags.rcode"]!.length > 0) {
          assert.equal(dns.responseCode, Number(row["dns.flags.rcode"]![0]), where);
        }
        assert.equal(dns.questionCount, Number(row["dns.count.queries"]![0]), where);
        assert.equal(dns.answerCount, Number(row["dns.count.answers"]![0]), where);
        const names = dns.questions.map((question) => question.name || "<Root>");
        assert.deepEqual(names, row["dns.qry.name"], where);
        assert.deepEqual(dns.questions.map((q) => String(q.type)), row["dns.qry.type"], where);
        const values = (kind: string): string[] =>
          dns.answers.flatMap((answer) => {
            const value = answer.value;
            if (value.kind !== kind) return [];
            if (value.kind === "a" || value.kind === "aaaa") return [value.address];
            if (value.kind === "cname") return [value.target];
            return [];
          });
        // tshark lists these fields for every section; wirekit's answers come first.
        const prefix = (field: string, kind: string): void => {
          const ours = values(kind);
          assert.deepEqual(row[field]!.slice(0, ours.length), ours, `${where} ${field}`);
        };
        prefix("dns.a", "a");
        prefix("dns.aaaa", "aaaa");
        prefix("dns.cname", "cname");
      }
      assert.ok(compared > 0, `no DNS packet compared in ${file}`);
    },
  });
}

/** The error a decoder throws, or a failed assertion when it throws none. */
function thrown(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  assert.fail("Expected a DecodeError");
}

Deno.test("Dns.decodeFrom() keeps what a cut header holds as a partial decode", () => {
  const cut = Uint8Array.from([0x30, 0x39, 0x81, 0x80, 0, 1]);
  assert.equal(thrown(() => decodeDns(cut)).code, "truncated");
  const { layer: partial, error } = decodeInto(new Dns(), cut);
  assert.equal(error?.partial, true);
  assert.equal(partial.partial, true);
  assert.equal(partial.id, 0);
  assert.equal(partial.wireLength, 6);
  assert.equal(printLayer(partial), "domain [length 6 < 12] (invalid)");
  // Through decode(): the UDP length says 20, 6 bytes were captured.
  const packet = decode(LinkType.IPV4, ipv4Udp(QUERY).subarray(0, 28 + 6));
  assert.equal(packet.error?.partial, true);
  const kept = packet.layer("dns");
  assert.ok(kept !== undefined && kept.partial);
  assert.equal(printLayer(kept), " [|domain]");
  // Over TCP, a prefix below 12 is malformed but still kept.
  const overTcp = (bytes: number[]) => decodeInto(new Dns(), Uint8Array.from(bytes), new Tcp());
  const tcp = overTcp([0, 5, 1, 2, 3, 4, 5]);
  assert.equal(tcp.error?.code, "malformed");
  assert.equal(printLayer(tcp.layer), " domain [length 5 < 12] (invalid)");
  const stream = overTcp([0x40, 0, 1, 2, 3]);
  assert.equal(printLayer(stream.layer), " [prefix length(16384) != length(3)] (invalid)");
  const short = overTcp([0]);
  assert.equal(printLayer(short.layer), " [DNS over TCP: length 1 < 2] (invalid)");
});

Deno.test("TcpdumpPrinter checks the DNS over TCP length prefix as tcpdump does", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none", absoluteSequence: true });
  const line = (payload: number[]): string => {
    const spec = { source: "10.0.0.1", destination: "10.0.0.2" };
    const tcp = buildTcp({
      ...spec,
      sourcePort: 53,
      destinationPort: 40000,
      flags: { psh: true, ack: true },
      payload: Uint8Array.from(payload),
    });
    const frame = buildIpv4({ ...spec, protocol: 6, payload: tcp });
    const record = { seconds: 0, nanoseconds: 0, originalLength: frame.length };
    const text = printer.format(decode(LinkType.RAW, frame), record);
    return text.slice(text.indexOf(", length ") + 2);
  };
  const query = Array.from(QUERY);
  // What tcpdump 4.99.3 prints for the same segments.
  assert.equal(line([0]), "length 1 [DNS over TCP: length 1 < 2] (invalid)");
  assert.equal(line([0, 5, 1, 2, 3, 4, 5]), "length 7 domain [length 5 < 12] (invalid)");
  assert.equal(line([0x40, 0, 1, 2, 3]), "length 5 [prefix length(16384) != length(3)] (invalid)");
  assert.equal(
    line([0, query.length, ...query.slice(0, 5)]),
    `length 7 [prefix length(${query.length}) != length(5)] (invalid)`,
  );
  assert.match(line([0, query.length, ...query]), new RegExp(`^length ${query.length + 2} \\d+`));
});
