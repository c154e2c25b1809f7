import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeM3uaHeader, m3uaParameters } from "../lib/app/m3ua.ts";

/** An M3UA message of `messageClass` and `type` before `body` (its length given or counted). */
function message(messageClass: number, type: number, body: number[] = [], length?: number) {
  const n = length ?? 8 + body.length;
  return [1, 0, messageClass, type, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, ...body];
}

/** A parameter of `tag` with `value`, padded to 4 bytes (its length given or counted). */
function parameter(tag: number, value: number[], length?: number): number[] {
  const n = length ?? 4 + value.length;
  const pad = new Array((4 - ((4 + value.length) % 4)) % 4).fill(0);
  return [tag >> 8, tag & 0xff, n >> 8, n & 0xff, ...value, ...pad];
}

/** An Ethernet frame with `payload` in one SCTP DATA chunk of PPID `ppid`. */
function frame(payload: number[], ppid = 3): Uint8Array {
  const chunkLength = 16 + payload.length;
  const pad = new Array((4 - (chunkLength % 4)) % 4).fill(0);
  const chunk = [0, 3, chunkLength >> 8, chunkLength & 0xff, 0, 0, 0, 1, 0, 0, 0, 1];
  chunk.push(ppid >>> 24, (ppid >> 16) & 0xff, (ppid >> 8) & 0xff, ppid & 0xff);
  const sctp = [0x0b, 0x59, 0x0b, 0x59, 0, 0, 0, 7, 0, 0, 0, 0, ...chunk, ...payload, ...pad];
  const total = 20 + sctp.length;
  const ip = [0x45, 0, total >> 8, total & 0xff, 0, 1, 0x40, 0, 64, 132, 0, 0];
  ip.push(192, 0, 2, 1, 192, 0, 2, 2);
  return new Uint8Array([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0, ...ip, ...sctp]);
}

/** What sniff prints after the DATA chunk's PPID at -vv. */
function m3uaText(payload: number[], options = {}): string {
  const line = printFrame(LinkType.EN10MB, frame(payload), { verbose: 2, ...options });
  return line.slice(line.indexOf("[PPID M3UA] ") + "[PPID M3UA] ".length);
}

Deno.test("decodeM3uaHeader() rejects a truncated header", () => {
  const header = decodeM3uaHeader(new Uint8Array(message(3, 1).slice(0, 7)), 0, 7);
  assert.ok(header instanceof DecodeError && header.code === "truncated");
  assert.deepEqual(decodeM3uaHeader(new Uint8Array(message(9, 4)), 0, 8), {
    version: 1,
    messageClass: 9,
    messageType: 4,
    length: 8,
  });
});

Deno.test("m3uaParameters() walks padded parameters and says why it stopped", () => {
  const walk = (bytes: number[], end = bytes.length) =>
    m3uaParameters(new Uint8Array(bytes), 0, bytes.length, end);
  const two = [...parameter(4, [0x68, 0x69]), ...parameter(6, [0, 0, 0, 1])];
  assert.deepEqual(walk(two).parameters, [
    { tag: 4, length: 6, offset: 0 },
    { tag: 6, length: 8, offset: 8 },
  ]);
  assert.deepEqual(walk([...two, 0, 9, 0]).stop, { kind: "short" });
  assert.deepEqual(walk([0, 9, 0, 3]).stop, { kind: "bad-length", tag: 9 });
  // The padding of the last parameter must be captured too.
  assert.deepEqual(walk([0, 4, 0, 6, 0x68, 0x69]).stop, { kind: "cut", tag: 4 });
});

Deno.test("printM3ua() names each message class and type as tcpdump does", () => {
  assert.equal(m3uaText(message(3, 1)), "\n\t\tASP Up Message");
  assert.equal(m3uaText(message(4, 3)), "\n\t\tASP Active Acknowledgement Message");
  assert.equal(m3uaText(message(2, 5)), "\n\t\tSS7 Destination User Part Unavailable Message");
  assert.equal(
    m3uaText(message(9, 2)),
    "\n\t\tRouting Key Management Registration Response Message",
  );
  assert.equal(m3uaText(message(3, 9)), "\n\t\tASP Unknown (0x09) Message");
  assert.equal(m3uaText(message(7, 1)), "\n\t\tUnknown message class 7");
  // Another version prints nothing; a chunk under 8 bytes is invalid.
  assert.equal(m3uaText([2, 0, 3, 1, 0, 0, 0, 8]), "");
  assert.equal(m3uaText(message(3, 1).slice(0, 6)), " (invalid)");
  assert.equal(
    m3uaText(message(3, 1, [], 12)),
    "\n\t\tASP Up Message\n\t\t\t@@@@@@ Corrupted length 12 of message @@@@@@",
  );
});

Deno.test("printM3ua() prints parameters, with tcpdump's hex of the parameter header", () => {
  const body = [
    ...parameter(0x0200, [0, 0, 0, 9]),
    ...parameter(0x0006, [0, 1]),
    ...parameter(0x0210, [1, 2, 3, 4, 5]),
    ...parameter(0x7777, []),
  ];
  assert.equal(
    m3uaText(message(1, 1, body)),
    "\n\t\tTransfer Data Message" +
      "\n\t\t\tNetwork Appearance: 0x02000008" +
      "\n\t\t\tRouting Context:  (invalid)" +
      "\n\t\t\tProtocol Data: (length 9)" +
      "\n\t\t\tUnknown Parameter (0x7777): (length 4)",
  );
  assert.equal(
    m3uaText(message(3, 3, parameter(9, [], 3))),
    "\n\t\tASP Heartbeat Message\n\t\t\tHeartbeat Data:  (invalid)",
  );
  assert.equal(
    m3uaText(message(3, 3, [...parameter(6, [0, 0, 0, 1]), 0, 4, 0])),
    "\n\t\tASP Heartbeat Message\n\t\t\tRouting Context: 0x00060008 (invalid)",
  );
});

Deno.test("The SCTP printer dumps other user data at -vv only without -x or -X", () => {
  const other = frame([0x68, 0x65, 0x6c, 0x6c, 0x6f], 5);
  assert.match(printFrame(LinkType.EN10MB, other, { verbose: 2 }), /\[Payload:\n\t0x0000: /);
  const hex = printFrame(LinkType.EN10MB, other, { verbose: 2, hex: 1, ascii: true });
  assert.match(hex, /\[PPID M2PA\] \[Payload\]\n\t0x0000:/);
});
