import assert from "node:assert/strict";
import { printLayer } from "./_print_layer.ts";
import { Cnfp, cnfpDecoder, cnfpRecordLength, decodeCnfp } from "../lib/app/cnfp.ts";

/** A version 5 or 6 header whose count and uptime make print-cnfp.c's record count `count`. */
const header56 = (version: number, count: number) => [
  0,
  version,
  count >>> 24,
  (count >>> 16) & 0xff,
  (count >>> 8) & 0xff,
  count & 0xff,
  0,
  0,
  0,
  0,
  0,
  1,
  0,
  0,
  0,
  7,
  0,
  0,
  0,
  42,
  0,
  0,
  0,
  0,
];
const record56 = [
  ...[192, 168, 1, 1, 8, 8, 8, 8, 10, 0, 0, 1],
  ...[0, 3, 0, 4, 0, 0, 0, 5, 0, 0, 1, 0, 0, 0, 0x03, 0xe8, 0, 0, 0x07, 0xd1],
  ...[0, 53, 0x0b, 0xb8, 0, 0x12, 6, 16, 0xfd, 0xe9, 0x34, 0x17, 24, 17, 0x14, 0x10],
  ...[10, 9, 9, 9],
];
const HEADER1 = [0, 1, 0, 0, 0, 0, 0x04, 0xd2, 0, 0, 0, 1, 0, 0, 0, 5];

const print = (bytes: number[]) => printLayer(decodeCnfp(new Uint8Array(bytes)));

Deno.test("decodeCnfp() reads a version 5 header and its records", () => {
  const layer = decodeCnfp(new Uint8Array([...header56(5, 1), ...record56]));
  assert.ok(layer instanceof Cnfp);
  assert.deepEqual(
    [layer.version, layer.headerCaptured, layer.recordCount, layer.seconds, layer.sequence],
    [5, true, 1, 1, 42],
  );
  const record = layer.record(0)!;
  assert.deepEqual(
    [record.source, record.destination, record.nextHop, record.packets, record.octets],
    ["192.168.1.1", "8.8.8.8", "10.0.0.1", 5, 256],
  );
  assert.deepEqual(
    [record.protocol, record.tcpFlags, record.tos, record.sourceAs, record.destinationAs],
    [6, 0x12, 16, 65001, 13335],
  );
  assert.deepEqual([record.sourceMask, record.destinationMask, record.encapsulation], [
    24,
    17,
    undefined,
  ]);
  assert.equal(layer.record(1), undefined);
  assert.equal(
    decodeCnfp(new Uint8Array([...header56(6, 1), ...record56])).record(0)!.encapsulation,
    0x1410,
  );
  assert.deepEqual([cnfpRecordLength(1), cnfpRecordLength(5), cnfpRecordLength(6)], [48, 52, 52]);
});

Deno.test("decodeCnfp() reads print-cnfp.c's record count across the uptime", () => {
  const layer = decodeCnfp(new Uint8Array([0, 1, 0, 2, 0, 1, 0, 0, ...new Array(8).fill(0)]));
  assert.equal(layer.recordCount, 0x00020001);
  assert.equal(layer.uptime, 65536);
});

Deno.test("decodeCnfp() rejects an empty datagram and reads no field of a cut one", () => {
  assert.throws(() => decodeCnfp(new Uint8Array(0)), /1 bytes required, received 0/);
  assert.equal(decodeCnfp(new Uint8Array([0])).version, undefined);
  assert.equal(decodeCnfp(new Uint8Array(HEADER1.slice(0, 15))).headerCaptured, false);
  assert.equal(cnfpDecoder.create().kind, "cnfp");
  assert.deepEqual(cnfpDecoder.bindings, {});
});

Deno.test("printCnfp() prints as tcpdump's cnfp_print()", () => {
  assert.equal(print(HEADER1), "NetFlow v1, 1.234 uptime, 1.000000005,  0 recs");
  assert.equal(
    print([...header56(6, 1), ...record56]),
    "NetFlow v6, 65.536 uptime, 1.000000007, #42,  1 recs" +
      "\n  started 1.000, last 2.001" +
      "\n    192.168.1.1/24:65001:53 > 8.8.8.8/17:13335:3000 >> 10.0.0.1" +
      "\n    6 SA tos 16, 5 (256 octets) (20<>16 encaps)",
  );
  assert.equal(print([0, 0x1a, 0, 0]), "NetFlow v1a");
});

Deno.test("printCnfp() ends a datagram the capture cut with [|cnfp]", () => {
  assert.equal(print([0]), " [|cnfp]");
  assert.equal(print(HEADER1.slice(0, 15)), " [|cnfp]");
  assert.equal(
    print([...header56(5, 2), ...record56]).split("\n").at(-1),
    "    6 SA tos 16, 5 (256 octets)  [|cnfp]",
  );
});
