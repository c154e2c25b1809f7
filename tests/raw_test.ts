import assert from "node:assert/strict";
import { decode, decodeStrict, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { rawIpDispatcher } from "../lib/link/raw.ts";
import { LinkType } from "../lib/link_type.ts";
import { ipv4Decoder } from "../lib/net/ipv4.ts";
import { ipv6Decoder } from "../lib/net/ipv6.ts";
import { hasCapture, readCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump/LINKTYPE_RAW_ipv4.pcap, `tcpdump -xx`: IP 192.168.1.100.12345 > 9.9.9.9.53:
// 4660+ A? example.com. (29)
const IPV4_PACKET = hex(`
  4500 0039 0001 0000 4011 a695 c0a8 0164
  0909 0909 3039 0035 0025 1976 1234 0100
  0001 0000 0000 0000 0765 7861 6d70 6c65
  0363 6f6d 0000 0100 01`);

// tcpdump/LINKTYPE_RAW_ipv6.pcap: IP6 2001:db8::1.12345 > 2620:fe::9.53:
// 4660+ A? example.com. (29)
const IPV6_PACKET = hex(`
  6000 0000 0025 1140 2001 0db8 0000 0000
  0000 0000 0000 0001 2620 00fe 0000 0000
  0000 0000 0000 0009 3039 0035 0025 98b3
  1234 0100 0001 0000 0000 0000 0765 7861
  6d70 6c65 0363 6f6d 0000 0100 01`);

Deno.test("rawIpDispatcher picks the decoder by the version nibble", () => {
  assert.equal(rawIpDispatcher.select(IPV4_PACKET, 0, IPV4_PACKET.length), ipv4Decoder);
  assert.equal(rawIpDispatcher.select(IPV6_PACKET, 0, IPV6_PACKET.length), ipv6Decoder);
  for (let version = 0; version < 16; version++) {
    if (version === 4 || version === 6) continue;
    const bytes = new Uint8Array([version << 4, 0, 0, 0]);
    assert.equal(rawIpDispatcher.select(bytes, 0, 4), undefined, `version ${version}`);
  }
});

Deno.test("rawIpDispatcher reads the byte at the offset and nothing at or past the end", () => {
  const bytes = new Uint8Array([0x00, 0x60, 0x45]);
  assert.equal(rawIpDispatcher.select(bytes, 1, 3), ipv6Decoder);
  assert.equal(rawIpDispatcher.select(bytes, 2, 3), ipv4Decoder);
  assert.equal(rawIpDispatcher.select(bytes, 2, 2), undefined);
  assert.equal(rawIpDispatcher.select(bytes, 3, 3), undefined);
  assert.equal(rawIpDispatcher.select(new Uint8Array(0), 0, 0), undefined);
});

Deno.test("decodeStrict() decodes raw IPv4 and IPv6 under every raw link type", () => {
  for (const linkType of [LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14]) {
    const v4 = decodeStrict(linkType, IPV4_PACKET);
    assert.deepEqual(v4.layers.map((layer) => layer.kind), ["ipv4", "udp", "dns"]);
    const v6 = decodeStrict(linkType, IPV6_PACKET);
    assert.deepEqual(v6.layers.map((layer) => layer.kind), ["ipv6", "udp", "dns"]);
  }
});

Deno.test("decode() leaves a packet of another IP version undecoded, without an error", () => {
  const packet = decode(LinkType.RAW, new Uint8Array([0x50, 1, 2, 3]));
  assert.equal(packet.layers.length, 0);
  assert.equal(packet.error, undefined);
  assert.equal(packet.payload.length, 4);
  const empty = decode(LinkType.RAW, new Uint8Array(0));
  assert.equal(empty.layers.length, 0);
  assert.equal(empty.error, undefined);
});

Deno.test("decode() stops with a DecodeError at every truncation of a raw packet", () => {
  // The IP and UDP headers must be whole, and so must the 12-byte DNS header once any of the
  // UDP payload is there (the questions are read lazily, so a cut question is no error).
  for (const [bytes, headers] of [[IPV4_PACKET, 28], [IPV6_PACKET, 48]] as const) {
    for (let n = 1; n <= bytes.length; n++) {
      const packet = decode(LinkType.RAW, bytes.subarray(0, n));
      if (n < headers || (n > headers && n < headers + 12)) {
        assert.ok(packet.error instanceof DecodeError, `${n} bytes`);
      } else {
        assert.equal(packet.error, undefined, `${n} bytes`);
      }
    }
  }
});

Deno.test("PacketParser switches between IPv4 and IPv6 on a raw link", () => {
  const parser = new PacketParser();
  assert.equal(parser.parse(LinkType.RAW, IPV4_PACKET), 3);
  assert.equal(parser.get("ipv4")?.source, "192.168.1.100");
  assert.equal(parser.parse(LinkType.RAW, IPV6_PACKET), 3);
  assert.equal(parser.get("ipv4"), undefined);
  assert.equal(parser.get("ipv6")?.source, "2001:db8::1");
  assert.equal(parser.parse(LinkType.RAW, new Uint8Array([0x50])), 0);
  assert.equal(parser.get("ipv6"), undefined);
});

const SAMPLE = "pcapplusplus/raw_ip.pcap";

Deno.test({
  name: "decode() matches tshark on the IP version of every packet of a raw capture",
  ignore: !hasCapture(SAMPLE) || !(await hasTshark()),
  fn() {
    const rows = tsharkFields(SAMPLE, ["frame.protocols"]);
    const packets = readCapture(SAMPLE);
    assert.equal(rows.length, packets.length);
    let v4 = 0;
    let v6 = 0;
    packets.forEach((record, i) => {
      const first = decode(record.linkType, record.data).layers[0];
      const protocol = rows[i]![0]!.split(":")[1]; // "raw:ip:udp:dns" or "raw:ipv6:..."
      const expected = protocol === "ip" ? "ipv4" : protocol === "ipv6" ? "ipv6" : undefined;
      assert.equal(first?.kind, expected, `packet ${i + 1}`);
      if (expected === "ipv4") v4++;
      if (expected === "ipv6") v6++;
    });
    assert.ok(v4 > 0 && v6 > 0);
  },
});
