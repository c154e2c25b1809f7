import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeLmp, Lmp, lmpDecoder } from "../lib/app/lmp.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** An LMP message of `type` holding `objects`. */
function lmp(type: number, objects: number[], length = 8 + objects.length): Uint8Array {
  return new Uint8Array([0x10, 0, 0, type, length >> 8, length & 0xff, 0, 0, ...objects]);
}

/** An Ethernet frame with the message in a UDP datagram between ports 701 over IPv4. */
function frame(payload: Uint8Array): Uint8Array {
  const addresses = { source: "10.0.12.1", destination: "10.0.12.2" };
  const udp = buildUdp({ ...addresses, sourcePort: 701, destinationPort: 701, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ ...addresses, protocol: 17, ttl: 1, payload: udp }),
  });
}

const HELLO = lmp(4, [
  ...[1, 1, 0, 8, 0, 0, 0, 1],
  ...[1, 7, 0, 12, 0, 0, 0, 50, 0, 0, 0, 60],
]);

const print = (payload: Uint8Array, verbose = 0) =>
  printFrame(LinkType.EN10MB, frame(payload), { verbose }).replace(/^.*?701: /s, "");

Deno.test("decodeLmp() reads the header and the object headers", () => {
  const layer = decodeLmp(HELLO);
  assert.ok(layer instanceof Lmp);
  assert.deepEqual([layer.version, layer.flags, layer.messageType, layer.length], [1, 0, 4, 28]);
  assert.deepEqual(layer.objectAt(8), {
    offset: 8,
    classNum: 1,
    ctype: 1,
    negotiable: false,
    length: 8,
  });
  assert.equal(layer.objectAt(16)?.classNum, 7);
  assert.equal(layer.objectAt(26), undefined);
  assert.equal(lmpDecoder.create().kind, "lmp");
  assert.deepEqual(decode(LinkType.EN10MB, frame(HELLO)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "udp",
    "lmp",
  ]);
});

Deno.test("decodeLmp() rejects a truncated header by reading no field", () => {
  const layer = decodeLmp(HELLO.subarray(0, 7));
  assert.deepEqual([layer.version, layer.messageType, layer.length], [0, 0, 0]);
  assert.equal(layer.has(0, 8), false);
});

Deno.test("printLmp() prints the message as tcpdump does", () => {
  assert.equal(print(HELLO), "LMPv1 Hello Message, length: 28");
  assert.equal(
    print(HELLO, 1),
    "\n\tLMPv1, msg-type: Hello, Flags: [none], length: 28" +
      "\n\t  Control Channel ID Object (1), Class-Type: Local (1) Flags: [non-negotiable], length: 8" +
      "\n\t    Control Channel ID: 1 (0x00000001)" +
      "\n\t  Hello Object (7), Class-Type: 1 (1) Flags: [non-negotiable], length: 12" +
      "\n\t    Tx Seq: 50, Rx Seq: 60",
  );
  assert.equal(
    print(new Uint8Array([0x20, 0, 0, 4, 0, 8, 0, 0])),
    "LMP version 2 packet not supported",
  );
  assert.equal(
    print(lmp(99, [], 6), 1),
    "\n\tLMPv1, msg-type: unknown, type: 99, Flags: [none], length: 6 (too short)",
  );
});

Deno.test("printLmp() prints Data Link subobjects and their ends as tcpdump does", () => {
  const dataLink = (subobjects: number[]) =>
    lmp(1, [
      0x03,
      12,
      0,
      16 + subobjects.length,
      2,
      0,
      0,
      0,
      ...new Array(8).fill(0),
      ...subobjects,
    ]);
  assert.match(
    print(dataLink([2, 8, 0, 0, 0, 0, 6, 14]), 1),
    /Subobject, Type: Wavelength \(2\), Length: 8\n\t {6}Wavelength: 1550$/,
  );
  assert.match(print(dataLink([2, 2, 0, 0]), 1), /Length: 2 \(too short\)$/);
  assert.match(print(dataLink([2, 6, 0, 0]), 1), /Length: 6 \(not a multiple of 4\)$/);
  assert.match(
    print(dataLink([2, 12, 0, 0]), 1),
    /Length: 12 \(goes past the end of the object\)$/,
  );
  // A 4-byte Interface Switching Type subobject reads its bandwidths past the capture.
  assert.match(
    print(dataLink([1, 4, 150, 8]), 1),
    /Encoding Type: Lambda \(photonic\) \(8\) \[\|lmp\]$/,
  );
});

Deno.test("printLmp() marks cuts and overruns as tcpdump does", () => {
  assert.equal(print(HELLO.subarray(0, 5)), " [|lmp]");
  assert.match(
    print(HELLO.subarray(0, 26), 1),
    /Class-Type: 1 \(1\) Flags: \[non-negotiable\], length: 12 \[\|lmp\]$/,
  );
  assert.match(print(lmp(4, [1, 1, 0, 2]), 1), /length: 2 \(too short\)$/);
  assert.match(print(lmp(4, [1, 1, 0, 6, 0, 0]), 1), /length: 6 \(not a multiple of 4\)$/);
  assert.match(print(lmp(4, [1, 1, 0, 8, 0, 0, 0, 1], 40), 1), /length: 40 \(too long\)\n/);
  assert.match(
    print(lmp(4, [1, 1, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0], 16), 1),
    /length: 12 \(not correct for object\) \[remaining objects length 8 < 12\] \(invalid\)$/,
  );
});

Deno.test("decode() and printLmp() never throw on mutated LMP messages", () => {
  let seed = 701;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  let printed = 0;
  for (let i = 0; i < 2000; i++) {
    const bytes = HELLO.slice(0, 1 + random() % 28);
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    if (bytes.length > 9) bytes[9] = random() % 60; // any class
    const packet = frame(bytes);
    for (const verbose of [0, 1, 2]) {
      const text = printFrame(LinkType.EN10MB, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object|Invalid/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, packet));
  }
  assert.equal(printed, 6000);
});
