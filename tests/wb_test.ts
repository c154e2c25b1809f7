import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { tcpdumpPortChoice } from "../lib/print/transport/_empty_payload.ts";
import { rankedPort } from "../lib/transport/_ports.ts";
import { packetTypeRegistry } from "../lib/pipeline/_packet_type_registry.ts";
import { packetTypeBinding } from "../lib/print/packet_type.ts";
import { decodeWb, Wb, wbDecoder } from "../lib/app/wb.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** A WB packet of `type` with `flags` holding `body`. */
function wb(type: number, body: number[], flags = 0): Uint8Array {
  return new Uint8Array([10, 0, 45, 1, 7, 91, 205, 21, 0, 2, type, flags, ...body]);
}

/** A 32-bit word's bytes. */
const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A drawing op header (no body) of `type` with `timestamp`. */
const op = (type: number, timestamp = 0) => [...u32(timestamp), 0, 0, 0, type];

/** An Ethernet frame with the packet in a UDP datagram between the ports over IPv4. */
function frame(payload: Uint8Array, sourcePort = 1024, destinationPort = 4567): Uint8Array {
  const addresses = { source: "10.0.45.1", destination: "224.2.127.254" };
  const udp = buildUdp({ ...addresses, sourcePort, destinationPort, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "01:00:5e:02:7f:fe",
    etherType: 0x0800,
    payload: buildIpv4({ ...addresses, protocol: 17, ttl: 1, payload: udp }),
  });
}

const A = [10, 0, 45, 2];
const B = [192, 168, 1, 9];
const ID = wb(1, [
  ...u32(5),
  ...B,
  ...u32(6),
  ...u32(2),
  ...A,
  ...u32(3),
  0,
  2,
  0,
  0,
  ...A,
  ...u32(100),
  ...B,
  ...u32(7),
  ...[0x77, 0x62, 0x01, 0xe1, 0, 0x78],
]);
const DROP = wb(0, [...A, ...u32(3), ...u32(1), ...u32(4), ...op(2), ...op(14, 3), ...op(99)]);

const print = (payload: Uint8Array, verbose = 0, ports?: [number, number]) =>
  printFrame(LinkType.EN10MB, frame(payload, ...(ports ?? [])), { verbose })
    .replace(/^.*?\.\d+ > [^ ]*: /s, "");

Deno.test("decodeWb() reads the header and the body's fields", () => {
  const layer = decodeWb(ID);
  assert.ok(layer instanceof Wb);
  assert.deepEqual(
    [layer.source, layer.timestamp, layer.version, layer.type, layer.flags],
    [0x0a002d01, 123456789, 2, 1, 0],
  );
  assert.equal(layer.bodyLength, ID.length - 12);
  assert.equal(layer.word(0), 5);
  assert.equal(layer.announcedIds, 2);
  assert.equal(layer.pageStateIds(12), 0);
  assert.equal(layer.word(ID.length - 12), undefined);
  assert.deepEqual(decodeWb(DROP).drawOpAt(16 + 8), { at: 24, timestamp: 3, type: 14, next: 32 });
  assert.equal(wbDecoder.create().kind, "wb");
  assert.deepEqual(decode(LinkType.EN10MB, frame(ID)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "udp",
    "wb",
  ]);
});

Deno.test("decodeWb() rejects a truncated header by reading no field", () => {
  const layer = decodeWb(ID.subarray(0, 11));
  assert.deepEqual([layer.source, layer.type, layer.flags], [0, 0, 0]);
  assert.equal(layer.has(0, 1), false);
  assert.equal(layer.drawOpAt(0), undefined);
});

Deno.test("decodeWb() rejects a packet not sent to port 4567, as udp_print() takes it", () => {
  const kinds = (source: number, destination: number) =>
    decode(LinkType.EN10MB, frame(ID, source, destination)).layers.map((l) => l.kind).join();
  assert.equal(kinds(4567, 1024), "ethernet,ipv4,udp");
  assert.equal(kinds(1024, 4567), "ethernet,ipv4,udp,wb");
  assert.equal(print(ID, 0, [4567, 1024]), "UDP, length 62");
  // The printing pipeline tries the ports in udp_print()'s order: WB (the destination
  // only) before RADIUS and LSP-Ping.
  const registry = defaultRegistry.clone();
  registry.portChoice = tcpdumpPortChoice;
  const last = (source: number, destination: number) =>
    decode(LinkType.EN10MB, frame(ID, source, destination), { registry }).layers.at(-1)?.kind;
  assert.equal(last(3503, 4567), "wb");
  assert.equal(last(4567, 1812), "radius");
  assert.equal(last(1812, 4567), "wb");
  assert.equal(last(4567, 3503), "lspping");
  assert.equal(last(8231, 4567), "hncp");
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 4567, 40000), undefined);
});

Deno.test("decodeWb() takes a packet sent to any port with -T wb, which binds them all", () => {
  const registry = packetTypeRegistry(defaultRegistry, packetTypeBinding("wb"));
  const kinds = (source: number, destination: number) =>
    decode(LinkType.EN10MB, frame(ID, source, destination), { registry }).layers
      .map((l) => l.kind).join();
  assert.equal(kinds(4567, 1024), "ethernet,ipv4,udp,wb");
  assert.equal(kinds(53, 1812), "ethernet,ipv4,udp,wb");
  // Without -T, a datagram to another port still is not WB.
  const plain = decode(LinkType.EN10MB, frame(ID, 4567, 1812)).layers.at(-1)?.kind;
  assert.equal(plain, "radius");
});

Deno.test("printWb() prints every packet type as tcpdump does", () => {
  assert.equal(
    print(ID),
    ' wb-id: 2/10.0.45.2:3 (max 5/192.168.1.9:6) <10.0.45.2:100,192.168.1.9:7> "wb^AM-a"',
  );
  assert.equal(print(DROP), " wb-dop: 10.0.45.2:3<1:4>");
  assert.equal(print(DROP, 1), " wb-dop: 10.0.45.2:3<1:4> < RECT SKIP2 dop-99! >");
  assert.equal(
    print(wb(3, [...B, ...A, ...u32(3), ...u32(7), ...u32(6)], 1), 1),
    "* wb-rrep: for 192.168.1.9 10.0.45.2:3<7:6> < >",
  );
  assert.equal(
    print(wb(2, [...B, ...A, ...u32(77), ...u32(5), ...u32(9)])),
    " wb-rreq: please repair 192.168.1.9 10.0.45.2:77<5:9>",
  );
  assert.equal(
    print(wb(5, [...A, ...u32(8), ...u32(1), ...u32(20)])),
    " wb-preq: need 1/10.0.45.2:8",
  );
  assert.equal(
    print(wb(7, [...u32(1), ...u32(4), ...B, ...u32(5), 1, 0, 0, 0, ...A, ...u32(9)])),
    " wb-prep: 4/192.168.1.9:5<10.0.45.2:9>",
  );
  assert.equal(print(wb(4, [], 2)), "* wb-kill");
  assert.equal(print(wb(6, [])), " wb-6! (invalid)");
});

Deno.test("printWb() marks short bodies, cuts and out-of-range ops as tcpdump does", () => {
  assert.equal(print(ID.subarray(0, 11)), " (invalid)");
  assert.equal(print(wb(1, new Array(27).fill(0))), " wb-id: (invalid)");
  assert.equal(print(wb(7, [0, 0, 0])), " wb-prep: (invalid)");
  assert.equal(
    print(wb(0, [...A, ...u32(3), ...u32(3), ...u32(9), ...op(2), ...op(15, 1)]), 1),
    " wb-dop: 10.0.45.2:3<3:9> < RECT HOLE4294967294[|]",
  );
  const cut = (bytes: Uint8Array, n: number, verbose = 0) =>
    printFrame(LinkType.EN10MB, frame(bytes).subarray(0, 42 + n), { verbose }, 42 + bytes.length)
      .replace(/^.*?4567: /s, "");
  assert.equal(cut(ID, 11), " [|wb]");
  assert.equal(cut(ID, 35), " wb-id: [|wb]");
  assert.equal(cut(ID, 39), " wb-id: 2/10.0.45.2:3 (max 5/192.168.1.9:6)  [|wb]");
  assert.equal(
    cut(ID, 59),
    ' wb-id: 2/10.0.45.2:3 (max 5/192.168.1.9:6) <10.0.45.2:100,192.168.1.9:7> "wb^A [|wb]',
  );
  assert.equal(cut(DROP, 44, 1), " wb-dop: 10.0.45.2:3<1:4> < RECT SKIP2 [|wb]");
});
