import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  decodeOlsr,
  Olsr,
  olsrDecoder,
  olsrGatewaySpeed,
  OlsrMessageType,
  olsrTime,
} from "../lib/app/olsr.ts";
import { buildEthernet, buildIpv4, buildIpv6, buildUdp } from "../lib/craft/mod.ts";

const u16 = (n: number) => [n >> 8, n & 0xff];
const V4 = [10, 0, 0, 1];
const V6 = [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1];

/** A message of `type` with `body`, from 10.0.0.1 (or 2001:db8::1 with `v6`). */
function message(type: number, body: number[], v6 = false, length?: number): number[] {
  const origin = v6 ? V6 : V4;
  const size = length ?? origin.length + 8 + body.length;
  return [type, 0x86, ...u16(size), ...origin, 255, 0, 0, 7, ...body];
}

/** A packet of `messages` (its length field is the payload's unless given). */
function packet(messages: number[][], length?: number): Uint8Array {
  const body = messages.flat();
  return new Uint8Array([...u16(length ?? 4 + body.length), 0x12, 0x34, ...body]);
}

/** An Ethernet frame with the packet in a UDP datagram to port 698 over IPv4 or IPv6. */
function frame(payload: Uint8Array, v6 = false, sourcePort = 698): Uint8Array {
  const addresses = v6
    ? { source: "fe80::1", destination: "ff02::1" }
    : { source: "10.0.0.1", destination: "255.255.255.255" };
  const udp = buildUdp({ ...addresses, sourcePort, destinationPort: 698, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "ff:ff:ff:ff:ff:ff",
    etherType: v6 ? 0x86dd : 0x0800,
    payload: v6
      ? buildIpv6({ ...addresses, nextHeader: 17, hopLimit: 1, payload: udp })
      : buildIpv4({ ...addresses, protocol: 17, payload: udp }),
  });
}

const print = (payload: Uint8Array, verbose = 1, v6 = false) =>
  printFrame(LinkType.EN10MB, frame(payload, v6), { verbose }).replace(/^.*?OLSR/s, "OLSR");

const HNA = packet([message(4, [10, 0, 1, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0, 7, 0x4b, 0x4b])]);

Deno.test("decodeOlsr() reads the header, message headers and HNA entries", () => {
  const olsr = decodeOlsr(HNA);
  assert.ok(olsr instanceof Olsr);
  assert.deepEqual([olsr.packetLength, olsr.packetSequence, olsr.ipv6], [32, 0x1234, false]);
  const m = olsr.messageAt(4)!;
  assert.deepEqual(
    [m.type, m.vtime, m.length, m.originator, m.ttl, m.hops, m.sequence, m.body],
    [OlsrMessageType.HNA, 6, 28, "10.0.0.1", 255, 0, 7, 16],
  );
  assert.equal(olsr.maskLength(20), 24);
  assert.equal(olsr.smartGateway(16), undefined);
  assert.deepEqual(olsr.smartGateway(24), { flags: 7, uplink: 10000, downlink: 10000 });
  assert.equal(olsrDecoder.create().kind, "olsr");
  const layers = decode(LinkType.EN10MB, frame(HNA, true)).layers;
  assert.deepEqual(layers.map((l) => l.kind), ["ethernet", "ipv6", "udp", "olsr"]);
  assert.equal((layers[3] as Olsr).messageHeaderSize, 24);
});

Deno.test("olsrTime() and olsrGatewaySpeed() decode their bytes as RFC 3626 and olsrd do", () => {
  assert.equal(olsrTime(0x00), 0.0625);
  assert.equal(olsrTime(0xff), 3968);
  assert.equal(olsrGatewaySpeed(0), 0);
  assert.equal(olsrGatewaySpeed(255), 320000000);
  assert.equal(olsrGatewaySpeed(0x0a), 200);
});

Deno.test("Olsr.messageAt() rejects a truncated message header", () => {
  const olsr = decodeOlsr(packet([message(3, [10, 0, 0, 2])]).subarray(0, 15));
  assert.equal(olsr.messageAt(4), undefined);
  assert.equal(decodeOlsr(new Uint8Array([0, 4, 0])).packetLength, -1);
  const masks = decodeOlsr(new Uint8Array([255, 0, 255, 0]));
  assert.equal(masks.maskLength(0), 4294967295);
});

Deno.test("printOlsr() prints every message kind as tcpdump does", () => {
  assert.equal(print(HNA, 0), "OLSRv4, seq 0x1234, length 32");
  assert.equal(
    print(HNA),
    "OLSRv4, seq 0x1234, length 32\n\tHNA Message (0x04), originator 10.0.0.1, ttl 255, hop 0" +
      "\n\t  vtime 6.000s, msg-seq 0x0007, length 28\n\t  Advertised networks (total 2)" +
      "\n\t    10.0.1.0/24, Smart-Gateway: LINKSPEED IPV4 IPV4-NAT 10000/10000",
  );
  const hello = packet([message(201, [0, 0, 5, 3, 10, 0, ...u16(12), ...V4, 255, 0, 0, 0])]);
  assert.equal(
    print(hello).split("\n").slice(3).join("|"),
    "\t  hello-time 2.000s, MPR willingness 3|\t    link-type Symmetric, neighbor-type " +
      "Symmetric-MPR, len 12|\t      neighbor 10.0.0.1, link-quality 100.00%, " +
      "neighbor-link-quality 0.00%",
  );
  const tc = packet([message(2, [0, 9, 0, 0, ...V4, 10, 0, 0, 2])]);
  assert.equal(
    print(tc).split("\n").slice(3).join("|"),
    "\t    advertised neighbor seq 0x0009|\t      neighbor|\t\t10.0.0.1 10.0.0.2 ",
  );
  const mid = packet([message(3, V6, true)]);
  assert.equal(print(mid, 1, true).split("\n")[3], "\t  interface address 2001:db8::1");
  const names = packet([message(130, [0, 1, 0, 1, 0, 0, 0, 3, ...V4, 0x61, 0x62, 0x63, 0])]);
  assert.equal(
    print(names).split("\n").slice(3).join("|"),
    '\t  Version 1, Entries 1|\t    #0: type 000000, length 3, address 10.0.0.1, name "abc"',
  );
  assert.equal(
    print(packet([message(128, [1, 2])])).split("\n")[3],
    "\t    0x0000:  0102",
  );
});

Deno.test("printOlsr() marks invalid lengths and truncated messages as tcpdump does", () => {
  assert.match(print(packet([message(3, V4, false, 11)])), /length 11 \(invalid\)$/);
  assert.match(print(packet([message(3, V4, false, 500)])), /length 500 \(invalid\)$/);
  assert.match(print(packet([message(2, [0])])), /length 13 \[\|olsr\]$/);
  assert.equal(print(new Uint8Array([0, 4, 0])), "OLSRv4 [|olsr]");
  assert.equal(print(new Uint8Array(0), 1, true), "OLSRv6 [|olsr]");
  const cut = packet([message(3, V4)]).subarray(0, 10);
  assert.equal(print(cut), "OLSRv4, seq 0x1234, length 10 [|olsr]");
});

Deno.test("decode() and printOlsr() never throw on mutated OLSR packets", () => {
  let seed = 698;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const seeds = [HNA, packet([message(201, [0, 0, 5, 3, 10, 0, ...u16(12), ...V4, 9, 9, 0, 0])])];
  let printed = 0;
  for (let i = 0; i < 2000; i++) {
    const from = seeds[i % 2]!;
    const bytes = from.slice(0, 1 + random() % from.length);
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    const packet = frame(bytes, i % 3 === 0);
    for (const verbose of [0, 1, 2]) {
      const text = printFrame(LinkType.EN10MB, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object|Invalid/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, packet));
  }
  assert.equal(printed, 6000);
});
