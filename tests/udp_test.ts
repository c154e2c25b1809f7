import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { decodeUdp, Udp, udpDecoder } from "../lib/transport/udp.ts";
import { tcpDecoder } from "../lib/transport/tcp.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { printFrame } from "./_print_layer.ts";

/** An IPv6 packet (2001:db8::1 > 2001:db8::2, next header 17) around `datagram`. */
function ipv6Udp(datagram: number[], checksum = true): Uint8Array {
  const packet = new Uint8Array(40 + datagram.length);
  packet.set([0x60, 0, 0, 0, datagram.length >> 8, datagram.length & 0xff, 17, 64]);
  packet.set([0x20, 0x01, 0x0d, 0xb8], 8);
  packet[23] = 1;
  packet.set([0x20, 0x01, 0x0d, 0xb8], 24);
  packet[39] = 2;
  packet.set(datagram, 40);
  if (checksum) {
    const sum = foldChecksum(sumWords(packet, 8, packet.length, 17 + datagram.length));
    packet[46] = sum >> 8;
    packet[47] = sum & 0xff;
  }
  return packet;
}

// tcpdump/LINKTYPE_RAW_ipv4.pcap, packet 1 (tcpdump -vvx):
// IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 57)
//     192.168.1.100.12345 > 9.9.9.9.53: [udp sum ok] 4660+ A? example.com. (29)
const DNS_QUERY = hex(`
  4500 0039 0001 0000 4011 a695 c0a8 0164
  0909 0909 3039 0035 0025 1976 1234 0100
  0001 0000 0000 0000 0765 7861 6d70 6c65
  0363 6f6d 0000 0100 01`);

Deno.test("decode() reads a UDP header and checks its checksum", () => {
  const udp = decode(LinkType.IPV4, DNS_QUERY).layer("udp")!;
  assert.equal(udp.sourcePort, 12345);
  assert.equal(udp.destinationPort, 53);
  assert.equal(udp.length, 37);
  assert.equal(udp.checksum, 0x1976);
  assert.equal(udp.checksumValid, true);
  assert.equal(udp.headerLength, 8);
  assert.equal(udp.payload.length, 29);
  assert.deepEqual(udp.toJSON(), {
    sourcePort: 12345,
    destinationPort: 53,
    length: 37,
    checksum: 0x1976,
  });
  const corrupted = DNS_QUERY.slice();
  corrupted[40]! ^= 1;
  assert.equal(decode(LinkType.IPV4, corrupted).layer("udp")?.checksumValid, false);
});

Deno.test("Udp.checksumValid is undefined without a checksum, an IP layer or the whole datagram", () => {
  const zero = DNS_QUERY.slice();
  zero[26] = 0;
  zero[27] = 0;
  assert.equal(decode(LinkType.IPV4, zero).layer("udp")?.checksumValid, undefined);
  assert.equal(decodeUdp(DNS_QUERY, 20).checksumValid, undefined);
  const cut = decode(LinkType.IPV4, DNS_QUERY.subarray(0, 50)).layer("udp");
  assert.equal(cut?.checksumValid, undefined);
  assert.equal(cut?.payload.length, 22);
});

Deno.test("decode() checks UDP checksums over IPv6", () => {
  const datagram = [0x14, 0xe9, 0x14, 0xe9, 0, 11, 0, 0, 1, 2, 3];
  assert.equal(decode(LinkType.IPV6, ipv6Udp(datagram)).layer("udp")?.checksumValid, true);
  const bad = ipv6Udp(datagram);
  bad[50]! ^= 0x80;
  assert.equal(decode(LinkType.IPV6, bad).layer("udp")?.checksumValid, false);
});

Deno.test("Udp trims the payload to the length field", () => {
  const padded = new Uint8Array([0, 1, 0, 2, 0, 10, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd]);
  const udp = decodeUdp(padded);
  assert.equal(udp.end, 10);
  assert.deepEqual(udp.payload, new Uint8Array([0xaa, 0xbb]));
  // A length beyond the bytes: the payload is what there is.
  padded[5] = 100;
  assert.equal(decodeUdp(padded).payload.length, 4);
  // Length 0 (an IPv6 jumbogram): the rest of the bytes.
  padded[5] = 0;
  assert.equal(decodeUdp(padded).payload.length, 4);
  assert.equal(decodeUdp(padded).length, 0);
});

Deno.test("decodeUdp() rejects a length field below 8", () => {
  for (let length = 1; length < 8; length++) {
    const bytes = new Uint8Array([0, 1, 0, 2, 0, length, 0, 0, 9, 9]);
    assert.throws(() => decodeUdp(bytes), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "malformed");
      assert.equal(error.message, `Cannot decode UDP header: length ${length} is less than 8`);
      return true;
    });
  }
});

Deno.test("decodeUdp() rejects a truncated header at every length", () => {
  const bytes = DNS_QUERY.subarray(20);
  for (let n = 0; n < 8; n++) {
    assert.throws(() => decodeUdp(bytes.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.message, `Cannot decode UDP header: 8 bytes required, received ${n}`);
      return true;
    });
    const packet = decode(LinkType.IPV4, DNS_QUERY.subarray(0, 20 + n));
    assert.equal(packet.error?.layer, "udp");
  }
});

Deno.test("PacketParser reuses a Udp layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.IPV4, DNS_QUERY);
  const first = parser.get("udp")!;
  parser.parse(LinkType.IPV6, ipv6Udp([0, 7, 0, 9, 0, 8, 0, 0], false));
  const second = parser.get("udp")!;
  assert.equal(second, first, "the same object");
  assert.equal(second.sourcePort, 7);
  assert.equal(second.destinationPort, 9);
  assert.equal(second.length, 8);
  assert.equal(second.checksum, 0);
  assert.equal(second.checksumValid, undefined);
  assert.equal(second.payload.length, 0);
  assert.ok(udpDecoder.create() instanceof Udp);
});

Deno.test("Udp.nextDecoder() looks up the destination port, then the source port", () => {
  const registry = defaultRegistry.clone();
  registry.udpPorts.set(4000, tcpDecoder);
  const payload = new Array(20).fill(0);
  payload[12] = 0x50;
  const toPort = ipv6Udp([0x30, 0x39, 0x0f, 0xa0, 0, 28, 0, 0, ...payload]);
  assert.deepEqual(
    decode(LinkType.IPV6, toPort, { registry }).layers.map((layer) => layer.kind),
    ["ipv6", "udp", "tcp"],
  );
  const fromPort = ipv6Udp([0x0f, 0xa0, 0x30, 0x39, 0, 28, 0, 0, ...payload]);
  assert.equal(decode(LinkType.IPV6, fromPort, { registry }).layers.length, 3);
  assert.equal(decode(LinkType.IPV6, fromPort).layers.length, 2);
});

const TSHARK_FILES = [
  "tcpdump/dns_udp.pcap",
  "tcpdump/dns-badvers.pcap",
  "tcpdump/udp-length-heapoverflow.pcap",
  "tcpdump/dhcpv6-ia-na.pcap",
  "tcpdump/quic_handshake.pcap",
  "pcapplusplus/IPv6UdpPacket.pcap",
  "dpkt/dns_icmp.pcap",
];

for (const name of TSHARK_FILES) {
  Deno.test({
    name: `decode() agrees with tshark on the UDP headers of ${name}`,
    ignore: !hasCapture(name) || !(await hasTshark()),
    fn() {
      const rows = tsharkFields(
        name,
        ["udp.srcport", "udp.dstport", "udp.length", "udp.checksum.status", "icmp.type"],
        ["-o", "udp.check_checksum:TRUE", "-o", "ip.defragment:FALSE"],
      );
      const packets = readCapture(name);
      let compared = 0;
      packets.forEach((packet, i) => {
        const row = rows[i]!;
        if (row[0] === "" || (row[4] ?? "") !== "") return;
        const decoded = decode(packet.linkType, packet.data);
        const udp = decoded.layer("udp");
        if (udp === undefined) {
          assert.equal(decoded.error?.layer, "udp", `${name} #${i + 1}`);
          return;
        }
        const status = udp.checksumValid === undefined ? "2" : udp.checksumValid ? "1" : "0";
        const mine = [udp.sourcePort, udp.destinationPort, udp.length, status].map(String);
        assert.deepEqual(mine, row.slice(0, 4), `${name} #${i + 1}`);
        compared++;
      });
      assert.ok(compared > 0 || name.includes("heapoverflow"), "nothing compared");
    },
  });
}

Deno.test("printUdp() sums the checksum over the UDP length when the IP packet is longer", () => {
  // IPv4 of 35 bytes: a UDP datagram of 12 (its checksum right), then 3 more bytes.
  const frame = hex("4500002300010000401166c70a0000010a00000204000009000c23046162636478797a");
  assert.match(printFrame(LinkType.RAW, frame, { verbose: 2 }), /: \[udp sum ok\] UDP, length 4$/);
});
