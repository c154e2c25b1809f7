import assert from "node:assert/strict";
import { DecoderTable } from "../lib/_decoder_table.ts";
import { Registry } from "../lib/registry.ts";
import { ipv4Decoder } from "../lib/net/ipv4.ts";
import { ipv6Decoder } from "../lib/net/ipv6.ts";
import { arpDecoder } from "../lib/net/arp.ts";
import type { Decoder } from "../lib/layer.ts";

Deno.test("DecoderTable.get() finds numbers that share a cache slot", () => {
  const table = new DecoderTable();
  table.set(0x8100, ipv4Decoder).set(0x9100, ipv6Decoder).set(0x8100 + 2048, arpDecoder);
  assert.equal(table.get(0x8100), ipv4Decoder);
  assert.equal(table.get(0x9100), ipv6Decoder);
  assert.equal(table.get(0x8100 + 2048), arpDecoder);
  assert.equal(table.get(0x8100 + 1024), undefined);
  assert.equal(table.size, 3);
  // Rebinding a cached number replaces it; removing it leaves the others found.
  table.set(0x8100, arpDecoder);
  assert.equal(table.get(0x8100), arpDecoder);
  assert.equal(table.delete(0x8100), true);
  assert.equal(table.get(0x8100), undefined);
  assert.equal(table.get(0x9100), ipv6Decoder);
  assert.equal(table.delete(0x8100), false);
  // The freed slot takes the next number bound to it.
  table.set(0x8100 + 8192, ipv4Decoder);
  assert.equal(table.get(0x8100 + 8192), ipv4Decoder);
  assert.deepEqual([...table.keys()].sort(), [0x8100 + 2048, 0x8100 + 8192, 0x9100].sort());
  table.clear();
  assert.equal(table.size, 0);
  assert.equal(table.get(0x9100), undefined);
});

Deno.test("DecoderTable.get() answers as a Map for odd keys", () => {
  const table = new DecoderTable();
  table.set(-1, ipv4Decoder).set(1.5, ipv6Decoder).set(NaN, arpDecoder).set(-0, ipv6Decoder);
  assert.equal(table.get(-1), ipv4Decoder);
  assert.equal(table.get(1023), undefined);
  assert.equal(table.get(1.5), ipv6Decoder);
  assert.equal(table.get(1), undefined);
  assert.equal(table.get(NaN), arpDecoder);
  assert.equal(table.get(0), ipv6Decoder);
  // A string key is not its number.
  (table as Map<unknown, unknown>).set("5", ipv4Decoder);
  assert.equal(table.get(5), undefined);
  assert.equal((table as Map<unknown, unknown>).get("5"), ipv4Decoder);
  // Removing the string leaves the number bound, and the other way round.
  table.set(5, arpDecoder);
  (table as Map<unknown, unknown>).delete("5");
  assert.equal(table.get(5), arpDecoder);
  (table as Map<unknown, unknown>).set("5", ipv4Decoder);
  table.delete(5);
  assert.equal(table.get(5), undefined);
  assert.equal((table as Map<unknown, unknown>).get("5"), ipv4Decoder);
});

Deno.test("DecoderTable.get() answers every port from 0 to 65535 as the map does", () => {
  const table = new DecoderTable();
  const map = new Map<number, Decoder>();
  // Bind, rebind and unbind random ports, above 65535 too, then compare every port.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 70000;
  for (let round = 0; round < 3000; round++) {
    const port = next();
    if (round % 3 === 2) {
      assert.equal(table.delete(port), map.delete(port));
    } else {
      const decoder = round % 2 === 0 ? ipv4Decoder : arpDecoder;
      table.set(port, decoder);
      map.set(port, decoder);
    }
  }
  for (let port = 0; port < 70000; port++) assert.equal(table.get(port), map.get(port));
  table.clear();
  for (const port of map.keys()) assert.equal(table.get(port), undefined);
  table.set(80, ipv4Decoder);
  assert.equal(table.get(80), ipv4Decoder);
});

Deno.test("Registry tables are DecoderTables, cloned apart", () => {
  const registry = new Registry().add(ipv4Decoder, { etherTypes: [0x0800] });
  assert.ok(registry.etherTypes instanceof DecoderTable);
  const copy = registry.clone();
  copy.etherTypes.delete(0x0800);
  assert.equal(registry.etherTypes.get(0x0800), ipv4Decoder);
  assert.equal(copy.etherTypes.get(0x0800), undefined);
});
