// Defragmenter: arrival orders, duplicates, headers of the rebuilt datagram, keys, atomic
// fragments, timeouts, limits and bad input.

import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { buildUdp } from "../lib/craft/udp.ts";
import { pcapBytes, PcapReader } from "../lib/formats/pcap.ts";
import {
  DEFRAG_DATAGRAM_OVERHEAD,
  DEFRAG_FRAGMENT_OVERHEAD,
  Defragmenter,
  type ReassembledDatagram,
} from "../lib/reassembly/defragmenter.ts";
import { defragmentRecords } from "../lib/reassembly/defrag_records.ts";
import { DefragPolicy, newFragmentWins } from "../lib/reassembly/defrag_policy.ts";
import {
  fragmentPacket,
  type FragmentSpec,
  ipv4Fragment,
  ipv6Fragment,
  letters,
} from "./_defrag_fragments.ts";

const SECOND = 1_000_000_000n;
const POLICIES = Object.values(DefragPolicy);

/** A UDP datagram of 8 + 40 bytes, its payload 0, 1, 2..., cut into 3 fragments. */
function udpPieces(version: 4 | 6): { whole: Uint8Array; specs: FragmentSpec[] } {
  const payload = Uint8Array.from({ length: 40 }, (_, i) => i);
  const whole = buildUdp({
    sourcePort: 5000,
    destinationPort: 7,
    payload,
    source: version === 4 ? "10.0.0.1" : "2001:db8::1",
    destination: version === 4 ? "10.0.0.2" : "2001:db8::2",
  });
  return {
    whole,
    specs: [
      { offset: 0, data: whole.subarray(0, 16) },
      { offset: 16, data: whole.subarray(16, 32) },
      { offset: 32, data: whole.subarray(32), more: false },
    ],
  };
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest])
  );
}

function pushAll(
  defrag: Defragmenter,
  version: 4 | 6,
  specs: FragmentSpec[],
  start = 0n,
): ReassembledDatagram[] {
  const out: ReassembledDatagram[] = [];
  specs.forEach((spec, i) => {
    const datagram = defrag.push(fragmentPacket(version, spec), {
      frame: i + 1,
      timestamp: start + BigInt(i),
    });
    if (datagram !== undefined) out.push(datagram);
  });
  return out;
}

for (const version of [4, 6] as const) {
  Deno.test(`Defragmenter() rebuilds an IPv${version} datagram from fragments in any order`, () => {
    const { whole, specs } = udpPieces(version);
    for (
      const [policy, order] of POLICIES.flatMap((p) =>
        permutations(specs).map((o) => [p, o] as const)
      )
    ) {
      const defrag = new Defragmenter({ policy });
      const datagrams = pushAll(defrag, version, order);
      assert.equal(datagrams.length, 1);
      const datagram = datagrams[0]!;
      assert.deepEqual(datagram.data.subarray(datagram.headerLength), whole);
      assert.equal(datagram.version, version);
      assert.equal(datagram.linkType, version === 4 ? LinkType.IPV4 : LinkType.IPV6);
      const udp = datagram.packet.layer("udp");
      assert.equal(udp?.destinationPort, 7);
      assert.equal(udp?.checksumValid, true);
      assert.equal(datagram.packet.error, undefined);
      assert.deepEqual(datagram.fragments.map((f) => [f.frame, f.offset]), [
        [1, order[0]!.offset],
        [2, order[1]!.offset],
        [3, order[2]!.offset],
      ]);
      assert.equal(datagram.overlapped, false);
      assert.equal(defrag.pendingDatagrams, 0);
      assert.equal(defrag.pendingBytes, 0);
    }
  });

  Deno.test(`Defragmenter() drops duplicate IPv${version} fragments wherever they come`, () => {
    const { whole, specs } = udpPieces(version);
    for (const [policy, copy] of POLICIES.flatMap((p) => [0, 1, 2].map((c) => [p, c] as const))) {
      // The copy comes right after its original, or before the last fragment. Policies
      // under which the new fragment wins a tie take the copy's bytes (the same bytes).
      const takesCopy = newFragmentWins(policy, 0, 8, 0, 8);
      for (const order of [[0, 1, 2], [1, 0, 2], [2, 1, 0]]) {
        const arrivals = order.flatMap((i) => i === copy ? [specs[i]!, specs[i]!] : [specs[i]!]);
        const defrag = new Defragmenter({ policy });
        const datagrams = pushAll(defrag, version, arrivals);
        const completing = arrivals.findIndex((_, n) =>
          new Set(arrivals.slice(0, n + 1)).size === specs.length
        );
        assert.equal(datagrams.length, 1);
        assert.deepEqual(datagrams[0]!.data.subarray(datagrams[0]!.headerLength), whole);
        assert.equal(datagrams[0]!.fragments.at(-1)!.frame, completing + 1);
        // A copy after completion starts a datagram of its own, which stays incomplete.
        const late = completing < arrivals.length - 1;
        assert.equal(defrag.stats.droppedFragments.duplicate, late || takesCopy ? 0 : 1);
        assert.equal(datagrams[0]!.overlapped, !late);
        assert.equal(defrag.pendingDatagrams, late ? 1 : 0);
      }
    }
  });
}

Deno.test("Defragmenter() fixes the IPv4 header as Linux does", () => {
  const options = new Uint8Array([0x94, 0x04, 0, 0]); // router alert
  const defrag = new Defragmenter();
  const first = ipv4Fragment({ offset: 0, data: letters("a", 16), options });
  first[1] = 0xb8;
  // DF is not set on fragments; set the reserved bit to see it kept.
  first[6]! |= 0x80;
  const datagrams = [
    defrag.push(decode(LinkType.IPV4, first), { frame: 1, timestamp: 0n }),
    defrag.push(fragmentPacket(4, { offset: 16, data: letters("b", 5), more: false }), {
      frame: 2,
      timestamp: 0n,
    }),
  ];
  const datagram = datagrams[1]!;
  const ip = datagram.packet.layer("ipv4")!;
  assert.equal(datagram.headerLength, 24);
  assert.equal(ip.totalLength, 24 + 21);
  assert.equal(ip.moreFragments, false);
  assert.equal(ip.fragmentOffset, 0);
  assert.equal(ip.reservedFlag, true);
  assert.equal(ip.tos, 0xb8);
  assert.equal(ip.headerChecksumValid, true);
  assert.equal(foldChecksum(sumWords(datagram.data, 0, 24, 0)), 0);
  assert.deepEqual(ip.options.map((option) => option.name), ["RTRALT"]);
  assert.equal(new TextDecoder().decode(ip.payload), "a".repeat(16) + "b".repeat(5));
});

Deno.test("Defragmenter() removes the IPv6 fragment header after unfragmentable headers", () => {
  const { whole, specs } = udpPieces(6);
  const defrag = new Defragmenter();
  const datagrams = pushAll(
    defrag,
    6,
    specs.map((spec) => ({ ...spec, destinationOptions: true })),
  );
  const datagram = datagrams[0]!;
  assert.equal(datagram.headerLength, 48);
  assert.equal(datagram.data[6], 60); // IPv6 next header: destination options, as sent
  assert.equal(datagram.data[40], 17); // destination options next header: UDP, was 44
  assert.equal((datagram.data[4]! << 8) | datagram.data[5]!, 8 + whole.length);
  assert.deepEqual(datagram.packet.layers.map((layer) => layer.kind), [
    "ipv6",
    "ipv6-destination",
    "udp",
  ]);
  assert.equal(datagram.packet.layer("udp")?.checksumValid, true);
});

Deno.test("Defragmenter() keys IPv4 fragments by addresses, protocol and identification", () => {
  const defrag = new Defragmenter();
  const variants: Partial<FragmentSpec>[] = [{}, { id: 2 }, { protocol: 6 }, { source: 9 }];
  variants.forEach((variant, i) => {
    const packet = fragmentPacket(4, { offset: 0, data: letters(String(i), 8), ...variant });
    assert.equal(defrag.push(packet, { frame: i + 1, timestamp: 0n }), undefined);
  });
  assert.equal(defrag.pendingDatagrams, 4);
  variants.forEach((variant, i) => {
    const packet = fragmentPacket(4, { offset: 8, data: letters("z", 1), more: false, ...variant });
    const datagram = defrag.push(packet, { frame: 10 + i, timestamp: 0n })!;
    assert.equal(new TextDecoder().decode(datagram.data.subarray(20)), String(i).repeat(8) + "z");
  });
});

Deno.test("Defragmenter() keys IPv6 fragments by addresses and identification only", () => {
  const defrag = new Defragmenter();
  defrag.push(fragmentPacket(6, { offset: 0, data: letters("a", 8), protocol: 17 }), {
    frame: 1,
    timestamp: 0n,
  });
  defrag.push(fragmentPacket(6, { offset: 0, data: letters("b", 8), source: 7 }), {
    frame: 2,
    timestamp: 0n,
  });
  assert.equal(defrag.pendingDatagrams, 2);
  // Another next header in a later fragment does not start another datagram (RFC 8200).
  const datagram = defrag.push(
    fragmentPacket(6, { offset: 8, data: letters("c", 3), more: false, protocol: 6 }),
    { frame: 3, timestamp: 0n },
  );
  assert.equal(datagram?.data[6], 17);
  assert.equal(new TextDecoder().decode(datagram?.data.subarray(40)), "aaaaaaaaccc");
});

Deno.test("Defragmenter() leaves IPv6 atomic fragments alone", () => {
  const defrag = new Defragmenter();
  const atomic = fragmentPacket(6, { offset: 0, data: letters("a", 8), more: false });
  assert.equal(defrag.isFragment(atomic), false);
  assert.equal(defrag.push(atomic, { frame: 1, timestamp: 0n }), undefined);
  assert.equal(defrag.stats.atomicFragments, 1);
  assert.equal(defrag.stats.fragments, 0);
  assert.equal(defrag.pendingDatagrams, 0);
  const plain = decode(
    LinkType.IPV4,
    ipv4Fragment({ offset: 0, data: letters("a", 8), more: false }),
  );
  assert.equal(defrag.isFragment(plain), false);
  assert.equal(defrag.push(plain, { frame: 2, timestamp: 0n }), undefined);
  assert.equal(defrag.stats.atomicFragments, 1);
});

Deno.test("Defragmenter() times datagrams out in capture time: 30 s for IPv4, 60 s for IPv6", () => {
  const defrag = new Defragmenter();
  for (const version of [4, 6] as const) {
    defrag.push(fragmentPacket(version, { offset: 0, data: letters("a", 8) }), {
      frame: 1,
      timestamp: 0n,
    });
  }
  // 29.9 s later both are still there: the IPv4 one completes.
  const done = defrag.push(fragmentPacket(4, { offset: 8, data: letters("b", 1), more: false }), {
    frame: 2,
    timestamp: 29n * SECOND + 900_000_000n,
  });
  assert.ok(done !== undefined);
  defrag.push(fragmentPacket(4, { offset: 0, data: letters("c", 8), id: 5 }), {
    frame: 3,
    timestamp: 30n * SECOND,
  });
  assert.equal(defrag.expire(59n * SECOND), 0);
  assert.equal(defrag.expire(60n * SECOND), 2);
  assert.equal(defrag.stats.droppedDatagrams.timeout, 2);
  assert.equal(defrag.stats.droppedFragments.timeout, 2);
  assert.equal(defrag.pendingDatagrams, 0);
  assert.equal(defrag.pendingBytes, 0);
  // A late last fragment starts over, incomplete.
  const late = defrag.push(fragmentPacket(6, { offset: 8, data: letters("b", 1), more: false }), {
    frame: 4,
    timestamp: 61n * SECOND,
  });
  assert.equal(late, undefined);
  assert.equal(defrag.pendingDatagrams, 1);
});

Deno.test("Defragmenter() takes its timeouts from the options", () => {
  const defrag = new Defragmenter({ ipv4Timeout: 0.5, ipv6Timeout: 2 });
  pushAll(defrag, 4, [{ offset: 0, data: letters("a", 8) }]);
  pushAll(defrag, 6, [{ offset: 0, data: letters("a", 8) }]);
  assert.equal(defrag.expire(SECOND / 2n), 1);
  assert.equal(defrag.expire(2n * SECOND), 1);
});

Deno.test("Defragmenter() drops malformed, truncated and oversized fragments", () => {
  const defrag = new Defragmenter();
  const push = (bytes: Uint8Array, version: 4 | 6 = 4) =>
    defrag.push(decode(version === 4 ? LinkType.IPV4 : LinkType.IPV6, bytes), {
      frame: 1,
      timestamp: 0n,
    });
  // Not the last fragment, and 7 bytes long.
  push(ipv4Fragment({ offset: 0, data: letters("a", 7) }));
  push(ipv6Fragment({ offset: 0, data: letters("a", 7) }), 6);
  // Captured short of its total length.
  push(ipv4Fragment({ offset: 0, data: letters("a", 16) }).subarray(0, 30));
  // Past 65535 bytes.
  push(ipv4Fragment({ offset: 65528, data: letters("a", 8), more: false }));
  push(ipv6Fragment({ offset: 65528, data: letters("a", 16), more: false }), 6);
  assert.equal(defrag.stats.droppedFragments.malformed, 2);
  assert.equal(defrag.stats.droppedFragments.truncated, 1);
  assert.equal(defrag.stats.droppedFragments.tooLarge, 2);
  assert.equal(defrag.pendingDatagrams, 0);
});

Deno.test("Defragmenter() discards a datagram that the first fragment's header makes too large", () => {
  const defrag = new Defragmenter();
  // 40 bytes of options: 60 + 65512 bytes would pass 65535.
  const options = new Uint8Array(40).fill(1);
  const datagrams = pushAll(defrag, 4, [
    { offset: 0, data: letters("a", 8), options },
    { offset: 8, data: letters("b", 65496) },
    { offset: 65504, data: letters("c", 8), more: false },
  ]);
  assert.equal(datagrams.length, 0);
  assert.equal(defrag.stats.droppedDatagrams.tooLarge, 1);
  assert.equal(defrag.stats.droppedFragments.tooLarge, 3);
  assert.equal(defrag.pendingDatagrams, 0);
  assert.equal(defrag.pendingBytes, 0);
});

Deno.test("Defragmenter() drops a fragment that contradicts the last one", () => {
  const defrag = new Defragmenter();
  pushAll(defrag, 4, [
    { offset: 16, data: letters("c", 4), more: false },
    { offset: 16, data: letters("c", 8), more: false },
    { offset: 16, data: letters("c", 8) },
  ]);
  assert.equal(defrag.stats.droppedFragments.malformed, 2);
  pushAll(defrag, 4, [
    { offset: 8, data: letters("b", 16), id: 2 },
    { offset: 8, data: letters("b", 8), more: false, id: 2 },
  ]);
  assert.equal(defrag.stats.droppedFragments.malformed, 3);
});

Deno.test("Defragmenter() evicts the oldest datagram at maxDatagrams", () => {
  const defrag = new Defragmenter({ maxDatagrams: 2 });
  for (let id = 1; id <= 3; id++) {
    pushAll(defrag, 4, [{ offset: 0, data: letters("a", 8), id }], BigInt(id));
  }
  assert.equal(defrag.pendingDatagrams, 2);
  assert.equal(defrag.stats.droppedDatagrams.pendingDatagrams, 1);
  // id 1 is gone: its last fragment does not complete it.
  assert.equal(
    pushAll(defrag, 4, [{ offset: 8, data: letters("b", 1), more: false, id: 1 }]).length,
    0,
  );
  assert.equal(
    pushAll(defrag, 4, [{ offset: 8, data: letters("b", 1), more: false, id: 3 }]).length,
    1,
  );
});

Deno.test("Defragmenter() evicts the oldest datagrams to stay under maxBytes", () => {
  const defrag = new Defragmenter({
    maxBytes: 3 * (DEFRAG_DATAGRAM_OVERHEAD + DEFRAG_FRAGMENT_OVERHEAD + 20 + 800),
  });
  for (let id = 1; id <= 5; id++) {
    pushAll(defrag, 4, [{ offset: 0, data: letters("a", 800), id }], BigInt(id));
    assert.ok(
      defrag.pendingBytes <= 3 * (DEFRAG_DATAGRAM_OVERHEAD + DEFRAG_FRAGMENT_OVERHEAD + 20 + 800),
    );
  }
  assert.equal(defrag.pendingDatagrams, 3);
  assert.equal(defrag.stats.droppedDatagrams.pendingBytes, 2);
  assert.equal(defrag.stats.droppedFragments.pendingBytes, 2);
});

Deno.test("Defragmenter() discards a datagram of more than maxFragments fragments", () => {
  const defrag = new Defragmenter({ maxFragments: 4 });
  const specs = Array.from({ length: 6 }, (_, i) => ({ offset: i * 8, data: letters("a", 8) }));
  pushAll(defrag, 6, specs);
  assert.equal(defrag.stats.droppedDatagrams.fragmentsPerDatagram, 1);
  // The fifth was discarded with the four held, the sixth alone.
  assert.equal(defrag.stats.droppedFragments.fragmentsPerDatagram, 6);
  assert.equal(defrag.pendingBytes, 0);
});

Deno.test("Defragmenter() flush() discards what is held", () => {
  const defrag = new Defragmenter();
  pushAll(defrag, 4, [{ offset: 0, data: letters("a", 8) }, {
    offset: 0,
    data: letters("a", 8),
    id: 9,
  }]);
  assert.equal(defrag.flush(), 2);
  assert.equal(defrag.stats.droppedFragments.flushed, 2);
  assert.equal(defrag.pendingDatagrams, 0);
  assert.equal(defrag.pendingBytes, 0);
});

Deno.test("Defragmenter() rejects bad options with one-line errors", () => {
  assert.throws(() => new Defragmenter({ policy: "macos" as "bsd" }), {
    name: "RangeError",
    message: 'Cannot create Defragmenter: unknown policy "macos"',
  });
  assert.throws(() => new Defragmenter({ maxBytes: 0 }), {
    name: "RangeError",
    message: "Cannot create Defragmenter: maxBytes must be a positive number, received 0",
  });
  assert.throws(() => new Defragmenter({ ipv6Timeout: Number.NaN }), {
    message: "Cannot create Defragmenter: ipv6Timeout must be a positive number, received NaN",
  });
});

Deno.test("Defragmenter() takes fragments from a reused PacketParser", () => {
  const { whole, specs } = udpPieces(4);
  const parser = new PacketParser();
  const defrag = new Defragmenter();
  const buffer = new Uint8Array(100);
  let datagram: ReassembledDatagram | undefined;
  specs.forEach((spec, i) => {
    const bytes = ipv4Fragment(spec);
    buffer.fill(0xee);
    buffer.set(bytes);
    parser.parse(LinkType.IPV4, buffer, 0, bytes.length);
    datagram = defrag.push(parser, { frame: i + 1, timestamp: 0n }) ?? datagram;
  });
  assert.deepEqual(datagram?.data.subarray(20), whole);
});

Deno.test("Defragmenter() holds a million tiny fragments within its limits", () => {
  // The heap this takes is measured by bench/defrag_flood.ts (with a forced GC).
  const maxBytes = 1 << 20;
  const maxDatagrams = 1000;
  const defrag = new Defragmenter({ maxBytes, maxDatagrams, maxFragments: 64 });
  const parser = new PacketParser();
  const bytes = ipv4Fragment({ offset: 0, data: letters("x", 8) });
  let peakBytes = 0;
  let peakDatagrams = 0;
  for (let i = 0; i < 1_000_000; i++) {
    // 20000 identifications, 50 fragments each at rising offsets, none complete; the
    // 20001st identification comes back as a new datagram after its eviction.
    const id = i % 20000;
    const offset = Math.floor(i / 20000) * 8;
    bytes[4] = id >> 8;
    bytes[5] = id & 0xff;
    bytes[6] = 0x20 | (offset >> 11);
    bytes[7] = (offset >> 3) & 0xff;
    parser.parse(LinkType.IPV4, bytes);
    if (defrag.push(parser, { frame: i + 1, timestamp: BigInt(i) * 1000n }) !== undefined) {
      throw new Error(`Fragment ${i + 1} completed a datagram`);
    }
    peakBytes = Math.max(peakBytes, defrag.pendingBytes);
    peakDatagrams = Math.max(peakDatagrams, defrag.pendingDatagrams);
  }
  assert.ok(peakBytes <= maxBytes, `peak ${peakBytes}`);
  assert.equal(peakDatagrams, maxDatagrams);
  const stats = defrag.stats;
  assert.equal(stats.fragments, 1_000_000);
  const dropped = Object.values(stats.droppedFragments).reduce((a, b) => a + b, 0);
  assert.equal(dropped, stats.droppedFragments.pendingDatagrams);
  // Every fragment was either dropped with its evicted datagram, or is still held.
  assert.equal(defrag.flush(), maxDatagrams);
  assert.equal(stats.droppedFragments.pendingDatagrams + stats.droppedFragments.flushed, 1_000_000);
  assert.equal(defrag.pendingBytes, 0);
});

Deno.test("defragmentRecords() yields datagrams in place of their last fragment", async () => {
  const { whole, specs } = udpPieces(4);
  const other = decode(
    LinkType.IPV4,
    ipv4Fragment({ offset: 0, data: letters("q", 8), more: false }),
  );
  const bytes = pcapBytes([
    { timestamp: 1000n, data: ipv4Fragment(specs[2]!) },
    { timestamp: 2000n, data: other.data },
    { timestamp: 3000n, data: ipv4Fragment(specs[0]!) },
    { timestamp: 4000n, data: ipv4Fragment({ offset: 0, data: letters("z", 8), id: 99 }) },
    { timestamp: 5000n, data: ipv4Fragment(specs[1]!) },
  ], { linkType: LinkType.RAW });
  for (const keepFragments of [false, true]) {
    const reader = await PcapReader.open(ReadableStream.from([bytes]));
    const defragmenter = new Defragmenter();
    const out = await Array.fromAsync(defragmentRecords(reader, { defragmenter, keepFragments }));
    await reader.close();
    const expected = keepFragments ? [0, 1, 2, 3, 4, 4] : [1, 4];
    assert.deepEqual(out.map((item) => item.index), expected);
    const last = out.at(-1)!;
    assert.deepEqual(last.datagram?.data.subarray(20), whole);
    assert.equal(last.packet, last.datagram?.packet);
    assert.equal(last.record.timestamp, 5000n);
    assert.deepEqual(last.datagram?.fragments.map((f) => [f.frame, f.timestamp]), [
      [1, 1000n],
      [3, 3000n],
      [5, 5000n],
    ]);
    assert.equal(out[keepFragments ? 1 : 0]!.packet.layer("ipv4")?.payload.length, 8);
    // The fragment of datagram 99 never completed: flushed at the end.
    assert.equal(defragmenter.stats.droppedFragments.flushed, 1);
  }
});
