import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Ahcp, ahcpDecoder, decodeAhcp } from "../lib/app/ahcp.ts";
import { buildEthernet, buildIpv6, buildUdp } from "../lib/craft/mod.ts";

const V6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];

/** An AHCP packet of message `type` whose body holds `options`. */
function ahcp(type: number, options: number[]): Uint8Array {
  return new Uint8Array([
    ...[43, 1, 2, 3, 0xde, 0x3e, 0x51, 0x27],
    ...[2, 0x18, 0xf3, 0xff, 0xfe, 0xa9, 0x91, 0x4e],
    ...new Array(8).fill(0xff),
    ...[type, 0, options.length >> 8, options.length & 0xff],
    ...options,
  ]);
}

/** An Ethernet frame with the packet in a UDP datagram to port 5359 over IPv6. */
function frame(payload: Uint8Array): Uint8Array {
  const addresses = { source: "fe80::1", destination: "ff02::cca6:c0f9:e182:5359" };
  const udp = buildUdp({ ...addresses, sourcePort: 5359, destinationPort: 5359, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "33:33:e1:82:53:59",
    etherType: 0x86dd,
    payload: buildIpv6({ ...addresses, nextHeader: 17, hopLimit: 1, payload: udp }),
  });
}

const OFFER = ahcp(1, [
  ...[0, 1],
  ...[2, 4, 0x4d, 0x9e, 0x14, 0x5b],
  ...[3, 4, 0, 0, 0x0e, 0xb8],
  ...[5, 8, 10, 0, 0, 1, 10, 0, 0, 2],
  ...[10, 17, ...V6, 48],
  ...[11, 5, 10, 1, 0, 0, 16],
  ...[7, 1, 0],
]);

Deno.test("decodeAhcp() reads the header and lists the options", () => {
  const layer = decodeAhcp(OFFER);
  assert.ok(layer instanceof Ahcp);
  assert.deepEqual(
    [layer.version, layer.hopCount, layer.originalHopCount, layer.nonce, layer.messageType],
    [1, 2, 3, 0xde3e5127, 1],
  );
  assert.equal(layer.sourceId, "02:18:f3:ff:fe:a9:91:4e");
  assert.equal(layer.destinationId, "ff:ff:ff:ff:ff:ff:ff:ff");
  const { options, stop } = layer.options();
  assert.equal(stop, "end");
  assert.deepEqual(options.map((o) => [o.type, o.values]), [
    [0, []],
    [1, []],
    [2, ["1302205531"]],
    [3, ["3768"]],
    [5, ["10.0.0.1", "10.0.0.2"]],
    [10, ["2001:db8:0:1::1/48"]],
    [11, ["10.1.0.0/16"]],
    [7, []],
  ]);
  assert.equal(ahcpDecoder.create().kind, "ahcp");
  assert.deepEqual(decode(LinkType.EN10MB, frame(OFFER)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv6",
    "udp",
    "ahcp",
  ]);
});

Deno.test("Ahcp.options() flags values of a wrong size, overruns and cuts", () => {
  const malformed = decodeAhcp(ahcp(2, [2, 3, 0, 0, 0, 4, 5, ...new Array(5).fill(0)]));
  assert.deepEqual(malformed.options().options.map((o) => o.malformed), [true, true]);
  assert.equal(decodeAhcp(ahcp(3, [3, 9, 0, 0])).options().stop, "invalid");
  assert.equal(decodeAhcp(ahcp(3, [13])).options().stop, "invalid");
  const cut = decode(LinkType.EN10MB, frame(OFFER).subarray(0, 62 + 28 + 4)).layer("ahcp")!;
  assert.deepEqual(cut.options().stop, "cut");
  assert.equal(cut.options().options.at(-1)?.cut, true);
});

Deno.test("printAhcp() prints the packet as tcpdump does", () => {
  const print = (payload: Uint8Array, verbose = 0) =>
    printFrame(LinkType.EN10MB, frame(payload), { verbose }).replace(/^.*?AHCP/s, "AHCP");
  assert.equal(print(OFFER), "AHCP Version 1");
  assert.equal(
    print(OFFER, 2),
    "AHCP Version 1\n\tHopcount 2, Original Hopcount 3, Nonce 0xde3e5127, " +
      "Source Id 02:18:f3:ff:fe:a9:91:4e, Destination Id ff:ff:ff:ff:ff:ff:ff:ff" +
      "\n\tOffer, Length 53\n\t Pad\n\t Mandatory\n\t Origin Time: 2011-04-07 19:45:31 UTC" +
      "\n\t Expires: 3768s\n\t My-IPv4-Address: 10.0.0.1, 10.0.0.2" +
      "\n\t IPv6 Prefix Delegation: 2001:db8:0:1::1/48" +
      "\n\t IPv4 Prefix Delegation: 10.1.0.0/16\n\t IPv4 Prefix (Length 1)",
  );
  assert.equal(
    print(ahcp(9, [3, 3, 0, 0, 0]), 2).split("\n\t").slice(2).join("|"),
    [
      "Unknown-9, Length 5",
      " Expires (invalid)",
    ].join("|"),
  );
  assert.equal(print(new Uint8Array([42, 1, 0])), "AHCP (invalid)");
  assert.equal(print(OFFER.subarray(0, 10)), "AHCP Version 1 (invalid)");
});

Deno.test("decode() and printAhcp() never throw on mutated AHCP packets", () => {
  let seed = 0x5359;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const bytes = OFFER.slice(0, 1 + random() % 90);
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    if (i % 3 === 0 && bytes.length > 28) bytes[28] = random() % 16; // any option
    const packet = frame(bytes);
    for (const verbose of [0, 1, 2]) {
      const text = printFrame(LinkType.EN10MB, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object|Invalid/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, packet));
  }
  assert.equal(printed, 9000);
});
