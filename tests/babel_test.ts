import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { readCapture } from "./_pcap_fixture.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { UPPER_FIELDS } from "./_tshark_fields_upper.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Babel, BabelTlvType, decodeBabel } from "../lib/app/babel.ts";
import { buildEthernet, buildIpv6, buildUdp } from "../lib/craft/mod.ts";

/** A Babel packet: the header, the body's TLVs, then the trailer's. */
function babel(body: number[], trailer: number[] = []): Uint8Array {
  return new Uint8Array([42, 2, body.length >> 8, body.length & 0xff, ...body, ...trailer]);
}

/** A TLV of `type` with `body`. */
function tlv(type: number, body: number[]): number[] {
  return [type, body.length, ...body];
}

const V6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];

/** An Update: AE, flags, prefix length, omitted bytes, interval 4 s, seqno 7, metric 1. */
function update(ae: number, flags: number, plen: number, omitted: number, prefix: number[]) {
  return tlv(8, [ae, flags, plen, omitted, 1, 144, 0, 7, 0, 1, ...prefix]);
}

/** An Ethernet frame with the packet in a UDP datagram to port 6696 over IPv6. */
function frame(payload: Uint8Array, port = 6696): Uint8Array {
  const addresses = { source: "fe80::1", destination: "ff02::1:6" };
  const udp = buildUdp({ ...addresses, sourcePort: port, destinationPort: port, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "33:33:00:01:00:06",
    etherType: 0x86dd,
    payload: buildIpv6({ ...addresses, nextHeader: 17, hopLimit: 1, payload: udp }),
  });
}

const HELLO = tlv(4, [0x80, 0, 0x1f, 0x6a, 0x07, 0xd0]);

Deno.test("decodeBabel() reads the header and walks the TLVs of the body and trailer", () => {
  const bytes = babel(
    [0, ...HELLO, ...tlv(6, [0, 0, 2, 0x18, 0xf3, 0xff, 0xfe, 0xa9, 0x91, 0x4e])],
    tlv(17, [0, 0, 0, 9]),
  );
  const layer = decodeBabel(bytes);
  assert.ok(layer instanceof Babel);
  assert.deepEqual([layer.magic, layer.version, layer.bodyLength], [42, 2, 21]);
  assert.equal(layer.trailerLength, 6);
  const body = layer.tlvs("body");
  assert.equal(body.stop, "end");
  assert.deepEqual(body.tlvs.map((t) => t.type), [0, 4, 6]);
  const hello = body.tlvs[1]!;
  assert.deepEqual([hello.flags, hello.seqno, hello.interval], [0x8000, 8042, 2000]);
  assert.equal(body.tlvs[2]!.routerId, "02:18:f3:ff:fe:a9:91:4e");
  const pc = layer.tlvs("trailer").tlvs[0]!;
  assert.deepEqual([pc.type, pc.timestamp, pc.length], [BabelTlvType.PC, 9, 4]);
  assert.deepEqual(layer.toJSON(), { magic: 42, version: 2, bodyLength: 21, tlvs: [0, 4, 6] });
  assert.deepEqual(decode(LinkType.EN10MB, frame(bytes)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv6",
    "udp",
    "babel",
  ]);
});

Deno.test("Babel.tlvs() expands Update prefixes from the packet's earlier Updates", () => {
  const body = [
    ...update(1, 0x80, 24, 0, [10, 1, 2]),
    ...update(1, 0, 32, 3, [9]),
    ...update(2, 0x80, 128, 0, V6),
    ...update(2, 0, 128, 14, [0xab, 0xcd]),
    ...update(3, 0, 128, 0, [0, 0, 0, 0, 0, 0, 0, 5]),
    ...update(2, 0, 120, 0, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0]),
  ];
  const tlvs = decodeBabel(babel(body)).tlvs("body").tlvs;
  assert.deepEqual(tlvs.map((t) => t.prefix), [
    "10.1.2.0/24",
    "10.1.2.9/32",
    "2001:db8:0:1::1/128",
    "2001:db8:0:1::abcd/128",
    "fe80::5/128",
    "10.0.0.0/24",
  ]);
  // The trailer starts again from an empty state.
  const trailer = decodeBabel(babel(update(1, 0x80, 24, 0, [10, 1, 2]), update(1, 0, 32, 3, [9])));
  assert.equal(trailer.tlvs("trailer").tlvs[0]!.prefix, "0.0.0.9/32");
});

Deno.test("Babel.tlvs() flags malformed TLVs and ends its walk where tcpdump does", () => {
  const walk = (bytes: Uint8Array) => decodeBabel(bytes).tlvs("body");
  assert.deepEqual(walk(babel(tlv(4, [0, 0, 0]))).tlvs[0]!.problem, "short");
  assert.deepEqual(walk(babel(tlv(7, [4, 0]))).tlvs[0]!.problem, "address");
  assert.deepEqual(walk(babel(update(1, 0, 40, 0, [0, 0, 0, 0, 0]))).tlvs[0]!.problem, "address");
  assert.equal(walk(babel([...HELLO, 4, 9, 0])).stop, "invalid");
  assert.equal(walk(babel([...HELLO, 4])).stop, "invalid");
  // The capture cuts the second Hello at its type byte, then at its length.
  const cut = (n: number) =>
    decode(LinkType.EN10MB, frame(babel([...HELLO, ...HELLO])).subarray(0, 62 + n))
      .layer("babel")!.tlvs("body").stop;
  assert.equal(cut(12), "cut-type");
  assert.equal(cut(13), "truncated");
  const subs = walk(babel(tlv(4, [0, 0, 0, 1, 0, 1, 0, 1, 0, 2, 2, 0, 255, 0x85, 0, 3, 2, 0, 0])));
  assert.deepEqual(subs.tlvs[0]!.subTlvs.map((s) => [s.type, s.problem, s.values]), [
    [0, "none", []],
    [1, "none", []],
    [2, "none", [0, 255]],
    [0x85, "none", []],
    [3, "short", []],
  ]);
  const over = walk(babel(tlv(4, [0, 0, 0, 1, 0, 1, 0x81, 3, 0])));
  assert.deepEqual(over.tlvs[0]!.subTlvs.map((s) => [s.type, s.problem]), [[0x81, "length"]]);
});

Deno.test("decodeBabel() keeps a header cut by the capture as partial", () => {
  assert.throws(() => decodeBabel(new Uint8Array([42, 2])), (error: unknown) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.partial, true);
    return true;
  });
  const layer = decode(LinkType.EN10MB, frame(babel(HELLO)).subarray(0, 14 + 40 + 8 + 2))
    .layer("babel")!;
  assert.equal(layer.partial, true);
  assert.deepEqual(layer.toJSON(), { partial: true });
});

Deno.test("printBabel() prints the TLVs as tcpdump does", () => {
  const print = (payload: Uint8Array, verbose = 0) =>
    printFrame(LinkType.EN10MB, frame(payload), { verbose }).replace(
      /^[^:]*: (\[udp sum ok\] )?/s,
      "",
    )
      .replace(/^.*?babel/s, "babel");
  const bytes = babel(
    [
      ...HELLO,
      ...update(1, 0xc0, 24, 0, [10, 1, 2]),
      ...tlv(5, [3, 0, 0, 96, 0x17, 0x70, 0, 0, 0, 0, 0, 0, 0, 1]),
    ],
    tlv(12, [0, 5, ...new Array(16).fill(0xab)]),
  );
  assert.equal(print(bytes), "babel 2 (39) hello update/prefix/id ihu | hmac");
  assert.equal(
    print(bytes, 1),
    "babel 2 (39)\n\tHello (Unicast) seqno 8042 interval 20.00s" +
      "\n\tUpdate/prefix/id 10.1.2.0/24 metric 1 seqno 7 interval 4.00s" +
      "\n\tIHU fe80::1 rxcost 96 interval 60.00s\n\t----" +
      "\n\tHMAC key-id 5 digest-16 ABABABABABABABABABABABABABABABAB",
  );
  assert.equal(print(babel(tlv(4, [0, 0, 0])), 1), "babel 2 (5)\n\tHello  (invalid)");
  assert.equal(
    print(babel([...tlv(5, [9, 0, 0, 1, 0, 1]), ...HELLO]), 1).split("\n\t")[1],
    "IHU  [|babel]",
  );
  assert.equal(print(babel([8, 1, 0])), "babel 2 (3) update (invalid)");
  assert.equal(print(babel(HELLO).subarray(0, 2)), "babel [|babel]");
});

Deno.test("decode() and printBabel() never throw on mutated Babel packets", () => {
  let seed = 0x6696;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const packets = [
    babel([
      ...HELLO,
      ...update(2, 0x80, 64, 0, V6.slice(0, 8)),
      ...update(2, 0, 128, 8, V6.slice(8)),
    ]),
    babel(tlv(13, [2, 48, 128, 4, 1, 144, 0, 9, 0, 3, ...V6.slice(4), ...V6.slice(0, 6), 2, 1, 3])),
    babel(
      tlv(10, [2, 128, 0, 1, 5, 0, 1, 2, 3, 4, 5, 6, 7, 8, ...V6]),
      tlv(12, new Array(18).fill(1)),
    ),
  ];
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const bytes = packets[i % packets.length]!.slice(0, 2 + random());
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    if (i % 3 === 0) bytes[4] = random() % 21; // any TLV type
    if (i % 5 === 0) bytes[6] = random() % 5; // any address encoding
    const packet = frame(bytes);
    for (const verbose of [0, 1]) {
      const text = printFrame(LinkType.EN10MB, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, packet));
  }
  assert.equal(printed, 6000);
});

const CRAFTED = new URL("../testdata/crafted/babel_tlvs.pcap", import.meta.url);
const SPECS = UPPER_FIELDS.filter((spec) => spec.proto === "babel");

Deno.test({
  name: "decode() matches tshark's babel fields on testdata/crafted/babel_tlvs.pcap",
  ignore: !(await hasTshark()),
  async fn() {
    const fields = [...SPECS.map((spec) => spec.field), "_ws.malformed"];
    const { rows } = await tsharkFields(CRAFTED, fields, { aggregator: "," });
    const packets = readCapture(CRAFTED.href);
    assert.equal(rows.length, packets.length);
    let compared = 0;
    packets.forEach((record, i) => {
      const layer = decode(record.linkType, record.data).layer("babel");
      const row = rows[i]!;
      const packet = decode(record.linkType, record.data);
      // tshark's Babel dissector binds port 6696 only.
      if (layer === undefined || packet.layer("udp")?.destinationPort !== 6696) return;
      // tshark lists what a malformed or cut packet holds; tcpdump's walk ends earlier.
      if ((row["_ws.malformed"] ?? []).length > 0) return;
      if (record.data.length !== record.originalLength) return;
      const info = { packet, whole: true };
      for (const spec of SPECS) {
        const theirs = (row[spec.field] ?? []).join(",");
        const ours = spec.ours(layer, info, 0);
        assert.equal(
          ours === undefined ? "" : String(ours),
          theirs,
          `packet ${i + 1} ${spec.field}`,
        );
      }
      compared++;
    });
    assert.ok(compared > 50, `${compared} packets compared`);
  },
});
