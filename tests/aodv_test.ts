import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Aodv, aodvDecoder, aodvLayout, AodvMessageType, decodeAodv } from "../lib/app/aodv.ts";
import { decodeUdpApp, udpAppLine, udpAppPacket } from "./_udp_app.ts";
import { tcpdumpPortChoice } from "../lib/print/transport/_empty_payload.ts";
import { rankedPort } from "../lib/transport/_ports.ts";

const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const V4 = (n: number) => [10, 0, 0, n];
const V6 = (n: number) => [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), n];

/** An RREQ of `type` (1 with IPv4 or IPv6 addresses, 16 in the draft's order). */
function rreq(type: number, v6: boolean, extension: number[] = []): number[] {
  const a = v6 ? V6 : V4;
  const head = [type, 0, 0, 3, ...u32(0x1234abcd)];
  return type === 16
    ? [...head, ...u32(100), ...u32(200), ...a(2), ...a(1), ...extension]
    : [...head, ...a(2), ...u32(100), ...a(1), ...u32(200), ...extension];
}

/** An RREP of `type` (2, or 17 in the draft's order). */
function rrep(type: number, v6: boolean, extension: number[] = []): number[] {
  const a = v6 ? V6 : V4;
  const head = [type, 0xc0, 0xff, 2];
  return type === 17
    ? [...head, ...u32(7), ...a(3), ...a(1), ...u32(3000), ...extension]
    : [...head, ...a(3), ...u32(7), ...a(1), ...u32(3000), ...extension];
}

/** An RERR of `type` (3 or 18) with `sequences` for its destinations 10.0.0.4 on. */
function rerr(type: number, v6: boolean, sequences: number[], count = sequences.length): number[] {
  const a = v6 ? V6 : V4;
  return [type, 0x80, 0, count, ...sequences.flatMap((s, i) => [...a(4 + i), ...u32(s)])];
}

/** Where the messages go: UDP port 654 on both sides, over IPv4 or IPv6. */
const spec = (ipv6: boolean) => ({ sourcePort: 654, destinationPort: 654, ipv6 });

/** What tcpdump prints after the UDP ports. */
const print = (payload: number[], v6 = false) =>
  udpAppLine(new Uint8Array(payload), spec(v6)).replace(/^.*?\.654: /s, "");

Deno.test("decodeAodv() reads an RREQ in its IPv4 layout", () => {
  const aodv = decodeAodv(new Uint8Array(rreq(1, false, [1, 4, ...u32(1000)])));
  assert.ok(aodv instanceof Aodv);
  assert.equal(aodv.messageType, AodvMessageType.RREQ);
  assert.equal(aodv.layout?.size, 24);
  assert.ok(aodv.complete);
  assert.deepEqual(
    [aodv.hops, aodv.requestId, aodv.destination, aodv.destinationSequence],
    [3, 0x1234abcd, "10.0.0.2", 100],
  );
  assert.deepEqual([aodv.originator, aodv.originatorSequence], ["10.0.0.1", 200]);
  assert.deepEqual(aodv.extension, { type: 1, length: 4, interval: 1000 });
  assert.equal(aodvDecoder.create().kind, "aodv");
});

Deno.test("decode() picks the IPv6 layout of types 1 to 3 over IPv6, and the draft's for 16 to 18", () => {
  const layers = decodeUdpApp(new Uint8Array(rreq(1, true)), spec(true)).layers;
  assert.deepEqual(layers.map((l) => l.kind), ["ipv6", "udp", "aodv"]);
  const v6 = layers[2] as Aodv;
  assert.deepEqual([v6.ipv6, v6.layout?.size, v6.destination], [true, 48, "2001:db8::2"]);
  const draft = decodeUdpApp(new Uint8Array(rrep(17, true)), spec(false)).layer("aodv")!;
  assert.equal(draft.ipv6, false);
  assert.deepEqual(
    [draft.destinationSequence, draft.destination, draft.originator, draft.lifetime],
    [7, "2001:db8::3", "2001:db8::1", 3000],
  );
  assert.equal(draft.prefixSize, 31);
  assert.equal(aodvLayout(18, false)?.addressSize, 16);
  assert.equal(aodvLayout(3, false)?.addressSize, 4);
  assert.equal(aodvLayout(19, true), undefined);
});

Deno.test("decodeAodv() rejects an empty message, and cut fields read as not captured", () => {
  assert.throws(() => decodeAodv(new Uint8Array(0)), { name: "DecodeError" });
  const cut = decodeAodv(new Uint8Array(rreq(1, false).slice(0, 23)));
  assert.equal(cut.complete, false);
  assert.equal(cut.extension, undefined);
  assert.deepEqual([cut.flags, cut.hops], [0, 3]);
  assert.deepEqual([decodeAodv(new Uint8Array([3])).flags, decodeAodv(new Uint8Array([3])).hops], [
    -1,
    -1,
  ]);
  const errors = decodeAodv(new Uint8Array(rerr(3, false, [5, 6]).slice(0, 19)));
  assert.deepEqual(errors.unreachableAt(0), { address: "10.0.0.4", sequence: 5 });
  assert.equal(errors.unreachableAt(1), undefined);
  const hello = decodeAodv(new Uint8Array(rrep(2, false, [1, 4, 0, 0])));
  assert.deepEqual(hello.extension, { type: 1, length: 4, interval: -1 });
});

Deno.test("printAodv() prints every message type as tcpdump does", () => {
  assert.equal(
    print(rreq(1, false, [1, 4, ...u32(1000)])),
    " aodv rreq 30  hops 3 id 0x1234abcd\n\tdst 10.0.0.2 seq 100 src 10.0.0.1 seq 200" +
      "\n\text HELLO 1000 ms",
  );
  assert.equal(
    print(rreq(1, true), true),
    " aodv v6 rreq 48  hops 3 id 0x1234abcd\n\tdst 2001:db8::2 seq 100 src 2001:db8::1 seq 200",
  );
  // The flags come from the type byte, as tcpdump reads them: 16 is the [D] bit.
  assert.equal(
    print(rreq(16, true)),
    " aodv rreq 48 [D] hops 3 id 0x1234abcd\n\tdst 2001:db8::2 seq 100 src 2001:db8::1 seq 200",
  );
  assert.equal(
    print(rrep(2, false, [9, 3, 0])),
    " aodv rrep 23  prefix 31 hops 2\n\tdst 10.0.0.3 dseq 7 src 10.0.0.1 3000 ms\n\text 9 3",
  );
  assert.equal(
    print(rrep(17, true)),
    " aodv rrep 44  prefix 31 hops 2\n\tdst 2001:db8::3 dseq 7 src 2001:db8::1 3000 ms",
  );
  assert.equal(
    print(rerr(3, false, [1, 4294967295])),
    " aodv rerr [D] [items 2] [20]: {10.0.0.4}(1) {10.0.0.5}(4294967295)",
  );
  assert.equal(print(rerr(18, true, [9])), " aodv rerr [D] [items 1] [24]: {2001:db8::4}(9)");
  assert.equal(print([4, 0]), " aodv rrep-ack 2");
  assert.equal(print([19, 0], true), " aodv rrep-ack 2");
  assert.equal(print([77, 1, 2]), " aodv type 77 3");
});

Deno.test("printAodv() ends bad lengths and cut messages as tcpdump does", () => {
  assert.match(print(rreq(1, false, [1, 3, ...u32(5)])), /\n\text HELLO - bad length 3$/);
  assert.match(print(rreq(1, false, [1, 4, 0, 0])), /seq 200 \[\|aodv\]$/);
  assert.match(print(rreq(1, false, [1])), /seq 200$/);
  assert.equal(print(rreq(1, false).slice(0, 23)), " aodv [|aodv]");
  assert.equal(
    print(rerr(3, true, [1], 2), true),
    " aodv rerr [D] [items 2] [24]: {2001:db8::4}(1) [|aodv]",
  );
  assert.equal(print([3, 0, 0]), " aodv [|aodv]");
  // udp_print() hands an empty payload to aodv_print(), whose first read fails.
  assert.equal(print([]), " [|aodv]");
});

Deno.test("tcpdumpPortChoice ranks AODV's port after RIP's and before ISAKMP's, as udp_print() does", () => {
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 654, 520), 520);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 500, 654), 654);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 654, 40000), 654);
});

Deno.test("decode() and printAodv() never throw on mutated AODV messages", () => {
  let seed = 654;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const seeds = [
    rreq(1, false, [1, 4, 0, 0, 0, 9]),
    rrep(17, true, [1, 4, 0, 0, 0, 9]),
    rerr(3, true, [1, 2, 3]),
  ];
  let printed = 0;
  for (let i = 0; i < 1500; i++) {
    const from = seeds[i % 3]!;
    const bytes = new Uint8Array(from.slice(0, 1 + random() % from.length));
    for (let n = random() % 4; n >= 0; n--) bytes[random() % bytes.length] = random() % 24;
    const packet = udpAppPacket(bytes, spec(i % 2 === 0));
    for (const verbose of [0, 1]) {
      const text = printFrame(LinkType.RAW, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object|Invalid|-1/);
      printed++;
    }
    JSON.stringify(decode(LinkType.RAW, packet));
  }
  assert.equal(printed, 3000);
});
