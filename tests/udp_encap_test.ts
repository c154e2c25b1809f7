import assert from "node:assert/strict";
import { decodeUdpEncap, UdpEncap } from "../lib/net/udp_encap.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

/** IPv4 and UDP between ports 4500 around `payload` (raw IP link type). */
function natT(payload: Uint8Array): Uint8Array {
  const udp = buildUdp({
    source: "192.1.2.23",
    destination: "192.1.2.45",
    sourcePort: 4500,
    destinationPort: 4500,
    payload,
  });
  return buildIpv4({ source: "192.1.2.23", destination: "192.1.2.45", protocol: 17, payload: udp });
}

function print(datagram: Uint8Array, verbose = 0): string {
  const packet = decode(LinkType.RAW, datagram);
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength: datagram.length,
  });
}

// tcpdump's tests/espudp1.pcap, packet 1: ESP with SPI 0x12345678, sequence 1.
//   0x0000:  1234 5678 0000 0001 ...
const ESP = new Uint8Array(116);
ESP.set([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1]);

Deno.test("decodeUdpEncap() tells ESP, IKE and a keepalive apart", () => {
  const esp = decodeUdpEncap(ESP);
  assert.ok(esp instanceof UdpEncap);
  assert.equal(esp.type, "esp");
  assert.equal(esp.headerLength, 0);
  assert.equal(decodeUdpEncap(new Uint8Array([0, 0, 0, 0, 1])).type, "ike");
  assert.equal(decodeUdpEncap(new Uint8Array([0xff])).type, "keepalive");
  assert.deepEqual(esp.toJSON(), { type: "esp" });
});

Deno.test("decodeUdpEncap() rejects a message too short for the marker", () => {
  assert.throws(() => decodeUdpEncap(new Uint8Array([0, 0, 0])), DecodeError);
  assert.throws(() => decodeUdpEncap(new Uint8Array([0xfe])), DecodeError);
});

Deno.test("decode() goes on through UDP port 4500 to ESP", () => {
  const packet = decode(LinkType.RAW, natT(ESP));
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv4", "udp", "udp-encap", "esp"]);
});

Deno.test("printUdpEncap() prints UDP-encapsulated ESP as tcpdump does", () => {
  assert.equal(
    print(natT(ESP)),
    "IP 192.1.2.23.4500 > 192.1.2.45.4500: UDP-encap: ESP(spi=0x12345678,seq=0x1), length 116",
  );
  assert.equal(
    print(natT(new Uint8Array([0xff]))),
    "IP 192.1.2.23.4500 > 192.1.2.45.4500: isakmp-nat-keep-alive",
  );
  assert.equal(
    print(natT(new Uint8Array([1, 2]))),
    "IP 192.1.2.23.4500 > 192.1.2.45.4500:  [|isakmp_rfc3948]",
  );
  // tcpdump wants a byte after ESP's header (suricata-verify's eve-flow-esp: " [|esp]").
  assert.equal(
    print(natT(ESP.subarray(0, 8))),
    "IP 192.1.2.23.4500 > 192.1.2.45.4500: UDP-encap:  [|esp]",
  );
  assert.equal(
    print(natT(new Uint8Array([0, 0, 0, 0, 1, 2, 3, 4]))),
    "IP 192.1.2.23.4500 > 192.1.2.45.4500: NONESP-encap: ",
  );
});
