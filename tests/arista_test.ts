import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Arista, aristaDecoder, decodeArista } from "../lib/link/arista.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "0000 0000 0001 0011 2233 4455 d28b";
// IPv4, protocol 63, 10.136.1.32 > 10.2.23.24, 8 bytes of data.
const IP = "4500 001c 0007 0000 403f 0000 0a88 0120 0a02 1718 6172 6973 7461 2121";
// Timestamp subtype, TAI, 64-bit, R/R2: 2019-05-29 20:36:39.944724424.
const TS64 = hex(`${ETHERNET} 0001 0010 5cee ed57 384f 59c8 0800 ${IP}`);
// UTC, 48-bit, R3: 0x1234 seconds and 2.5 s of nanoseconds.
const TS48 = hex(`${ETHERNET} 0001 0121 1234 9502 f900 8100 0064 0800 ${IP}`);
// An unknown subtype.
const UNKNOWN = hex(`${ETHERNET} 0002 0010 0102 0304`);

const HEAD = "ethertype Arista Vendor Specific Protocol (0xd28b), length";

function print(frame: Uint8Array, link = false, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { link }, originalLength);
}

Deno.test("decodeArista() reads the timestamp header and the inner EtherType", () => {
  const arista = decodeArista(TS64, 14);
  assert.ok(arista instanceof Arista);
  assert.deepEqual(arista.toJSON(), {
    subtype: 1,
    timescale: 0,
    format: 1,
    hardware: 0,
    seconds: 0x5ceeed57,
    nanoseconds: 944724424,
    etherType: 0x0800,
  });
  assert.equal(arista.headerLength, 14);
  const short = decodeArista(TS48, 14);
  assert.equal(short.timestampLength, 6);
  assert.equal(short.seconds, 0x1234);
  assert.equal(short.nanoseconds, 2_500_000_000);
  assert.equal(short.hardware, 1);
  assert.equal(aristaDecoder.create().kind, "arista");
  const packet = decode(LinkType.EN10MB, TS48);
  assert.deepEqual(packet.layers.map((layer) => layer.kind), [
    "ethernet",
    "arista",
    "vlan",
    "ipv4",
  ]);
});

Deno.test("decodeArista() rejects a truncated header and an unknown subtype", () => {
  assert.throws(() => decodeArista(TS64.subarray(14, 15)), {
    message: "Cannot decode Arista header: 2 bytes required, received 1",
  });
  assert.throws(() => decodeArista(TS64.subarray(14, 25)), {
    message: "Cannot decode Arista header: 14 bytes required, received 11",
  });
  assert.throws(() => decodeArista(UNKNOWN, 14), DecodeError);
  const packet = decode(LinkType.EN10MB, UNKNOWN);
  const arista = packet.layers[1];
  assert.ok(arista instanceof Arista);
  assert.equal(arista.known, false);
  assert.equal(arista.timescale, 0);
});

Deno.test("printArista() prints the header with and without -e, as tcpdump does", () => {
  const header = "SubType Timestamp (0x0001), Timescale TAI (0), Format 64-bit (1), " +
    "HwInfo R/R2 (0), Timestamp 2019-05-29 20:36:39.944724424: ";
  assert.equal(print(TS64), `${HEAD} 56: ${header}IP 10.136.1.32 > 10.2.23.24:  ip-proto-63 8`);
  assert.equal(
    print(TS64, true),
    `00:11:22:33:44:55 > 00:00:00:00:00:01, ${HEAD} 56: ${header}` +
      "ethertype IPv4 (0x0800), length 56: 10.136.1.32 > 10.2.23.24:  ip-proto-63 8",
  );
  assert.equal(
    print(TS48, true),
    `00:11:22:33:44:55 > 00:00:00:00:00:01, ${HEAD} 58: SubType Timestamp (0x0001), ` +
      "Timescale UTC (1), Format 48-bit (2), HwInfo R3 (1), Timestamp 4662.500000000: " +
      "ethertype 802.1Q (0x8100), length 58: vlan 100, p 0, ethertype IPv4 (0x0800), " +
      "10.136.1.32 > 10.2.23.24:  ip-proto-63 8",
  );
});

Deno.test("printArista() prints an unknown subtype's bytes and marks cuts, as tcpdump does", () => {
  assert.equal(
    print(UNKNOWN),
    `${HEAD} 22: SubType Unknown (0x0002), 00:11:22:33:44:55 > 00:00:00:00:00:01, ${HEAD} 22: ` +
      "\n\t0x0000:  0002 0010 0102 0304                      ........",
  );
  assert.equal(
    print(TS64.subarray(0, 15), true, 56),
    "00:11:22:33:44:55 > 00:00:00:00:00:01, [|arista]",
  );
  assert.equal(
    print(TS64.subarray(0, 20), false, 56),
    `${HEAD} 56: SubType Timestamp (0x0001), Timescale TAI (0), Format 64-bit (1), ` +
      "HwInfo R/R2 (0), Timestamp  [|arista]",
  );
});

Deno.test("decode() reads Arista's header after Ethernet, not after a cooked header", () => {
  const sll = hex(
    `0000 0001 0006 0011 2233 4455 0000 d28b 0001 0010 5cee ed57 384f 59c8 0800 ${IP}`,
  );
  assert.deepEqual(decode(LinkType.LINUX_SLL, sll).layers.map((layer) => layer.kind), ["sll"]);
});
