import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeIgrp, Igrp, igrpDecoder, IgrpOpcode } from "../lib/net/igrp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildEthernet, buildIpv4 } from "../lib/craft/mod.ts";

/** A 12-byte IGRP header: version 1, the opcode, edition 5, AS 100, the three counts. */
function header(opcode: number, interior: number, system: number, exterior: number): number[] {
  return [0x10 | opcode, 5, 0, 100, 0, interior, 0, system, 0, exterior, 0xee, 0x93];
}

/** Three route entries: an interior one, a system one, and an exterior one at every maximum. */
const ENTRIES = [
  ...[10, 1, 2, 0, 0, 100, 0, 0x03, 0xe8, 0x05, 0xdc, 255, 1, 0],
  ...[172, 16, 0, 0, 0x07, 0xd0, 0, 0x27, 0x10, 0x11, 0x76, 200, 30, 2],
  ...[192, 168, 7, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255],
];

const UPDATE = new Uint8Array([...header(IgrpOpcode.UPDATE, 1, 1, 1), ...ENTRIES]);

/** An Ethernet frame with `message` on IP protocol 9. */
function frame(message: Uint8Array): Uint8Array {
  return buildEthernet({
    source: "00:00:0c:01:02:03",
    destination: "ff:ff:ff:ff:ff:ff",
    etherType: 0x0800,
    payload: buildIpv4({
      source: "10.0.0.1",
      destination: "255.255.255.255",
      protocol: 9,
      ttl: 2,
      payload: message,
    }),
  });
}

/** Prints `message` as tcpdump -n prints it after the IP addresses. */
function print(message: Uint8Array, verbose = 0, captured = message.length): string {
  const data = frame(message);
  const text = printFrame(
    LinkType.EN10MB,
    data.subarray(0, 34 + captured),
    { verbose },
    data.length,
  );
  return text.slice(text.indexOf("igrp:"));
}

Deno.test("decodeIgrp() reads the header and the routes of each class", () => {
  const igrp = decodeIgrp(UPDATE);
  assert.ok(igrp instanceof Igrp);
  assert.deepEqual(
    [igrp.version, igrp.opcode, igrp.edition, igrp.autonomousSystem, igrp.checksum],
    [1, 1, 5, 100, 0xee93],
  );
  assert.deepEqual([igrp.interiorCount, igrp.systemCount, igrp.exteriorCount], [1, 1, 1]);
  const { routes, truncated, extraBytes, invalid } = igrp.routes();
  assert.deepEqual(routes.map((route) => route.routeClass), ["interior", "system", "exterior"]);
  assert.deepEqual(routes[0]!.network, [10, 1, 2]);
  assert.deepEqual(
    [routes[0]!.delay, routes[0]!.bandwidth, routes[0]!.mtu, routes[0]!.metric],
    [100, 1000, 1500, 1100],
  );
  assert.deepEqual([routes[1]!.reliability, routes[1]!.load, routes[1]!.hopCount], [200, 30, 2]);
  assert.equal(routes[2]!.metric, 0xffffff);
  assert.deepEqual([truncated, extraBytes, invalid], [false, 0, false]);
  assert.equal(igrpDecoder.create().kind, "igrp");
});

Deno.test("decodeIgrp() rejects a truncated header, keeping the fields it holds", () => {
  assert.throws(() => decodeIgrp(UPDATE.subarray(0, 11)), DecodeError);
  const packet = decode(LinkType.EN10MB, frame(UPDATE.subarray(0, 7)));
  const igrp = packet.layers.at(-1);
  assert.ok(igrp instanceof Igrp);
  assert.deepEqual([igrp.captured, igrp.autonomousSystem, igrp.interiorCount, igrp.systemCount], [
    7,
    100,
    1,
    0,
  ]);
});

Deno.test("decodeIgrp() marks extra bytes, missing routes and a cut entry", () => {
  const extra = decodeIgrp(new Uint8Array([...header(1, 0, 1, 0), ...ENTRIES])).routes();
  assert.deepEqual([extra.routes.length, extra.extraBytes, extra.invalid], [1, 28, true]);
  const missing = decodeIgrp(new Uint8Array([...header(1, 2, 0, 0), ...ENTRIES.slice(0, 15)]));
  assert.deepEqual(
    [missing.routes().routes.length, missing.routes().extraBytes, missing.routes().invalid],
    [1, 0, true],
  );
  const cut = decode(LinkType.EN10MB, frame(UPDATE).subarray(0, 34 + 12 + 20));
  const { routes, truncated } = (cut.layers.at(-1) as Igrp).routes();
  assert.deepEqual([routes.length, routes[1]!.metricCaptured, truncated], [2, false, true]);
});

Deno.test("printIgrp() prints the header and routes as tcpdump's igrp_print() does", () => {
  assert.equal(
    print(UPDATE),
    "igrp: update V1 edit=5 AS=100 (1/1/1)" +
      " *.10.1.2 d=1000 b=10000 r=255 l=1 M=1100 mtu=1500 in 0 hops" +
      " 172.16.0.0 d=20000 b=1000 r=200 l=30 M=12000 mtu=4470 in 2 hops" +
      " X192.168.7.0 d=167772150 b=0 r=255 l=255 M=16777215 mtu=65535 in 255 hops",
  );
  assert.equal(
    print(new Uint8Array(header(IgrpOpcode.REQUEST, 0, 0, 0)), 1),
    "igrp: request V1 edit=5 AS=100 (0/0/0) checksum=0xee93",
  );
  assert.equal(print(new Uint8Array(header(7, 0, 0, 0))), "igrp: op-#7 V1 edit=5 AS=100 (0/0/0)");
});

Deno.test("printIgrp() marks extra bytes and counts the entries do not fill as (invalid)", () => {
  assert.equal(
    print(new Uint8Array([...header(1, 0, 0, 0), ...ENTRIES.slice(0, 17)])),
    "igrp: update V1 edit=5 AS=100 (0/0/0) [extra bytes 17] (invalid)",
  );
  assert.equal(
    print(new Uint8Array([...header(1, 1, 0, 0), ...ENTRIES.slice(0, 5)])),
    "igrp: update V1 edit=5 AS=100 (1/0/0) (invalid)",
  );
});

Deno.test("printIgrp() stops at a cut header or entry with [|igrp]", () => {
  assert.equal(print(UPDATE, 0, 9), "igrp: [|igrp]");
  assert.equal(print(UPDATE, 1, 11), "igrp: update V1 edit=5 AS=100 (1/1/1) [|igrp]");
  assert.equal(
    print(UPDATE, 1, 14),
    "igrp: update V1 edit=5 AS=100 (1/1/1) checksum=0xee93 [|igrp]",
  );
  assert.equal(print(UPDATE, 0, 20), "igrp: update V1 edit=5 AS=100 (1/1/1) *.10.1.2 [|igrp]");
});
