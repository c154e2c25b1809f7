import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeLwres, Lwres, lwresDecoder, LwresOpcode } from "../lib/app/lwres.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** A 28-byte lwres header and `body`: the length field covers both unless given. */
function lwres(opcode: number, body: number[] = [], flags = 0, length?: number): Uint8Array {
  const size = length ?? 28 + body.length;
  const header = new Uint8Array(28);
  const view = new DataView(header.buffer);
  view.setUint32(0, size);
  view.setUint16(6, flags);
  view.setUint32(8, 0x1234);
  view.setUint32(12, opcode);
  view.setUint32(20, 4096);
  return new Uint8Array([...header, ...body]);
}

const NAME = [...new TextEncoder().encode("www.example.com")];
/** A get-addresses-by-name request for IPv4 and IPv6 addresses of www.example.com. */
const GABN_REQUEST = lwres(LwresOpcode.GET_ADDRS_BY_NAME, [
  ...[0, 0, 0, 0, 0, 0, 0, 3, 0, NAME.length],
  ...NAME,
  0,
]);
/** Its response: one alias, an IPv4 address and an address of family 7. */
const GABN_RESPONSE = lwres(LwresOpcode.GET_ADDRS_BY_NAME, [
  ...[0, 0, 0, 0, 0, 1, 0, 2, 0, 1, 0x68, 0],
  ...[0, 2, 0x61, 0x31, 0],
  ...[0, 0, 0, 1, 0, 4, 192, 0, 2, 1],
  ...[0, 0, 0, 7, 0, 2, 0xab, 0xcd],
], 1);

/** An Ethernet frame with `message` to UDP port 921. */
function frame(message: Uint8Array): Uint8Array {
  return buildEthernet({
    source: "00:00:00:00:00:01",
    destination: "00:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({
      source: "10.0.0.1",
      destination: "10.0.0.2",
      protocol: 17,
      payload: buildUdp({
        source: "10.0.0.1",
        destination: "10.0.0.2",
        sourcePort: 1024,
        destinationPort: 921,
        payload: message,
      }),
    }),
  });
}

/** Prints `message` as tcpdump -n prints it after the ports. */
function print(message: Uint8Array, verbose = 0, captured = message.length): string {
  const data = frame(message);
  const text = printFrame(
    LinkType.EN10MB,
    data.subarray(0, 42 + captured),
    { verbose },
    data.length,
  );
  return text.slice(text.indexOf(".921: ") + 6);
}

Deno.test("decodeLwres() reads the header and a request's body", () => {
  const packet = decodeLwres(GABN_REQUEST);
  assert.ok(packet instanceof Lwres);
  assert.deepEqual(
    [packet.length, packet.version, packet.serial, packet.opcode, packet.receiveLength],
    [54, 0, 0x1234, LwresOpcode.GET_ADDRS_BY_NAME, 4096],
  );
  assert.equal(packet.isResponse, false);
  const { items, end, consumed } = packet.body();
  assert.deepEqual(items.slice(0, 2), [
    { type: "word", name: "flags", value: 0 },
    { type: "word", name: "addrtypes", value: 3 },
  ]);
  assert.deepEqual(items[2], { type: "name", at: 38, length: 15, unterminated: false });
  assert.deepEqual([end, consumed], ["done", 54]);
  assert.equal(lwresDecoder.create().kind, "lwres");
});

Deno.test("decodeLwres() reads a response's aliases and addresses", () => {
  const { items, end } = decodeLwres(GABN_RESPONSE).body();
  assert.deepEqual(items.map((item) => item.type), [
    "word",
    "word",
    "word",
    "name",
    "name",
    "address",
    "address",
  ]);
  assert.deepEqual(items[6], { type: "address", family: 7, at: 61, length: 2 });
  assert.equal(end, "done");
});

Deno.test("decodeLwres() rejects a truncated header and marks a cut or short body", () => {
  assert.throws(() => decodeLwres(GABN_REQUEST.subarray(0, 27)), DecodeError);
  const cut = decode(LinkType.EN10MB, frame(GABN_REQUEST).subarray(0, 42 + 45));
  assert.equal((cut.layers.at(-1) as Lwres).body().end, "truncated");
  const short = lwres(LwresOpcode.GET_NAME_BY_ADDR, [0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 2]);
  assert.equal(decodeLwres(short).body().end, "invalid");
});

Deno.test("printLwres() prints requests and responses as tcpdump's lwres_print() does", () => {
  assert.equal(print(GABN_REQUEST), " lwres getaddrsbyname? IPv4/6 www.example.com");
  assert.equal(
    print(GABN_RESPONSE),
    " lwres getaddrsbyname 1/2 h a1 192.0.2.1 7/abcd",
  );
  assert.equal(
    print(lwres(LwresOpcode.NOOP, [], 0x8001), 3),
    "[udp sum ok]  lwres v0 noop[0x8001] (serial:0x1234 result:0x0 recvlen:4096 authtype:0x0 authlen:0)",
  );
  assert.equal(print(lwres(0x20000, [1, 2])), " lwres #0x20000?");
});

Deno.test("printLwres() marks a length mismatch, extra bytes, short addresses and cuts", () => {
  assert.equal(print(lwres(LwresOpcode.NOOP, [], 0, 100)), " lwres noop? [len: 100 != 28][extra]");
  assert.equal(print(lwres(LwresOpcode.NOOP, [1])), " lwres noop?[extra]");
  assert.equal(
    print(lwres(LwresOpcode.GET_NAME_BY_ADDR, [0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 2])),
    " lwres getnamebyaddr? (invalid)",
  );
  assert.equal(print(GABN_REQUEST, 0, 20), " [|lwres]");
  assert.equal(print(GABN_REQUEST, 0, 44), " lwres getaddrsbyname? IPv4/6 www.ex [|lwres]");
});
