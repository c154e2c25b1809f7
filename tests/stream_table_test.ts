// Tests of lib/reassembly/_stream_table.ts: the numeric keys of address and port pairs
// (the same both ways, IPv4 and IPv6 apart) and the table's chains of entries whose keys
// share a hash.

import assert from "node:assert/strict";
import { buildIpv4, buildIpv6, buildUdp } from "../lib/craft/mod.ts";
import { LinkType } from "../lib/link_type.ts";
import { PacketParser } from "../lib/decode.ts";
import type { Ipv4 } from "../lib/net/ipv4.ts";
import type { Ipv6 } from "../lib/net/ipv6.ts";
import {
  newPairKey,
  type PairKey,
  pairKey,
  StreamTable,
  type TableEntry,
} from "../lib/reassembly/_stream_table.ts";
import { addressText } from "../lib/reassembly/_address_texts.ts";

/** The IP header of a UDP datagram between two ends. */
function ipOf(source: string, destination: string): Ipv4 | Ipv6 {
  const v6 = source.includes(":");
  const payload = buildUdp({ source, destination, sourcePort: 1, destinationPort: 2 });
  const packet = v6
    ? buildIpv6({ source, destination, nextHeader: 17, payload })
    : buildIpv4({ source, destination, protocol: 17, payload });
  const parser = new PacketParser();
  parser.parse(LinkType.RAW, packet);
  return (v6 ? parser.get("ipv6") : parser.get("ipv4"))!;
}

function keyOf(source: string, destination: string, sourcePort: number, destinationPort: number) {
  const key = pairKey(ipOf(source, destination), sourcePort, destinationPort, newPairKey());
  return { ...key, words: key.words.slice() };
}

/** A table entry with a given hash (to make hashes collide) and the words of a key. */
function entry(key: PairKey, hash = key.hash): TableEntry {
  return {
    hash,
    words: key.words.slice(0, key.length),
    clientIsLow: key.sourceIsLow,
    lastSeen: 0,
    older: undefined,
    newer: undefined,
    sameHash: undefined,
  };
}

Deno.test("pairKey() gives both directions of a pair the same key and hash", () => {
  for (const [a, b] of [["10.0.0.1", "10.0.0.2"], ["2001:db8::1", "2001:db8::2"]] as const) {
    const forward = keyOf(a!, b!, 40000, 80);
    const backward = keyOf(b!, a!, 80, 40000);
    assert.equal(forward.length, a!.includes(":") ? 9 : 3);
    assert.deepEqual(
      forward.words.slice(0, forward.length),
      backward.words.slice(0, forward.length),
    );
    assert.equal(forward.hash, backward.hash);
    assert.notEqual(forward.sourceIsLow, backward.sourceIsLow);
    assert.ok(forward.hash >= 0 && forward.hash < 2 ** 30);
  }
});

Deno.test("pairKey() tells apart pairs that differ by a port, an address or the order", () => {
  const keys = [
    keyOf("10.0.0.1", "10.0.0.2", 40000, 80),
    keyOf("10.0.0.1", "10.0.0.2", 40001, 80),
    keyOf("10.0.0.1", "10.0.0.3", 40000, 80),
    keyOf("10.0.0.1", "10.0.0.2", 80, 40000),
    keyOf("::ffff:10.0.0.1", "::ffff:10.0.0.2", 40000, 80),
  ];
  const table = new StreamTable<TableEntry>();
  const entries = keys.map((key) => entry(key));
  entries.forEach((e) => table.insert(e));
  keys.forEach((key, i) => assert.equal(table.get(key), entries[i]));
  assert.equal(new Set(keys.map((key) => key.hash)).size, keys.length);
});

Deno.test("StreamTable finds, removes and lists entries whose keys share a hash", () => {
  const keys = [
    keyOf("10.0.0.1", "10.0.0.2", 40000, 80),
    keyOf("10.0.0.1", "10.0.0.2", 40001, 80),
    keyOf("2001:db8::1", "2001:db8::2", 40000, 80),
  ];
  const table = new StreamTable<TableEntry>();
  const entries = keys.map((key) => entry(key, 7));
  entries.forEach((e) => table.insert(e));
  assert.equal(table.size, 3);
  keys.forEach((key, i) => assert.equal(table.get({ ...key, hash: 7 }), entries[i]));
  assert.equal(table.get(keys[0]!), keys[0]!.hash === 7 ? entries[0] : undefined);

  table.remove(entries[1]!); // the middle of the chain
  assert.equal(table.get({ ...keys[1]!, hash: 7 }), undefined);
  assert.equal(table.get({ ...keys[0]!, hash: 7 }), entries[0]);
  assert.equal(table.get({ ...keys[2]!, hash: 7 }), entries[2]);
  table.remove(entries[2]!); // the head of the chain
  assert.equal(table.get({ ...keys[0]!, hash: 7 }), entries[0]);
  assert.deepEqual([...table.values()], [entries[0]]);
  assert.equal(table.oldest, entries[0]);
  table.remove(entries[0]!);
  assert.equal(table.size, 0);
  assert.equal(table.get({ ...keys[0]!, hash: 7 }), undefined);
  assert.equal(table.oldest, undefined);
});

Deno.test("addressText() gives each end the text its IP header formats, kept or not", () => {
  const pairs = [
    ["10.0.0.1", "10.0.0.2"],
    ["10.0.0.2", "192.0.2.200"],
    ["2001:db8::1", "2001:db8::100"],
    ["2001:db8::1:0", "2001:db8::1"],
    ["::ffff:10.0.0.1", "fe80::1"],
  ];
  // The second round finds every text kept from the first.
  for (let round = 0; round < 2; round++) {
    for (const [source, destination] of pairs) {
      const ip = ipOf(source!, destination!);
      assert.equal(addressText(ip, true), ip.source);
      assert.equal(addressText(ip, false), ip.destination);
      assert.notEqual(addressText(ip, true), addressText(ip, false));
    }
  }
});
