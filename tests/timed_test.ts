import assert from "node:assert/strict";
import { decodeInto, printFrame, printLayer } from "./_print_layer.ts";
import { decodeTimed, Timed, timedDecoder, TimedType } from "../lib/app/timed.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { udpAppLine, udpAppPacket } from "./_udp_app.ts";

// tcpdump's tests/kh-timed-002-oobr.pcap: a UDP length (12336) past the IP packet, the
// capture ending 6 bytes into the message (262144 bytes on the wire). tcpdump -n (4.99.3):
// IP 48.48.48.48.525 > 48.48.48.48.12336: (tsp_type 0x30) vers 48 seq 12336 name  [|timed]
const KH_TIMED_002 = decodeHex(
  "303030303030303030303030 0800 4530303030300000301130303030303030303030 020d303030303030 303030303030",
);

/** A TSP_SETTIME: seq 7, time 1.000002, name "srv". */
const SETTIME = new Uint8Array([5, 1, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0x73, 0x72, 0x76, 0]);

/** A message of `type` whose union holds `sec` and `usec`, named "h" (NUL-terminated). */
function withTime(type: number, sec: number, usec: number): Uint8Array {
  const message = new Uint8Array(14);
  const view = new DataView(message.buffer);
  message.set([type, 1, 0, 9]);
  view.setInt32(4, sec);
  view.setInt32(8, usec);
  message[12] = 0x68;
  return message;
}

const PORTS = { sourcePort: 525, destinationPort: 525 };

/** tcpdump's line for the message after the ports, the capture cut after `cut` bytes of it. */
function line(message: Uint8Array, cut?: number): string {
  const snapLength = cut === undefined ? undefined : 28 + cut;
  return udpAppLine(message, { ...PORTS, snapLength })
    .replace(/^IP 10\.0\.0\.1\.525 > 10\.0\.0\.2\.525: /, "");
}

Deno.test("decodeTimed() reads the header, the time and the name", () => {
  const tsp = decodeTimed(SETTIME);
  assert.equal(tsp.kind, "timed");
  assert.deepEqual(
    [tsp.type, tsp.version, tsp.sequence, tsp.hopCount, tsp.timeCaptured],
    [TimedType.SETTIME, 1, 7, 0, true],
  );
  assert.deepEqual([tsp.seconds, tsp.microseconds], [1, 2]);
  assert.deepEqual([tsp.nameAt, tsp.nameLength, tsp.nameCut], [12, 3, false]);
  assert.equal(tsp.headerLength, 16);
  assert.equal(JSON.stringify(tsp), JSON.stringify(tsp.toJSON()));
  assert.equal(timedDecoder.create().kind, "timed");
  assert.deepEqual(timedDecoder.bindings, { udpPorts: [525] });
  // Signed seconds and microseconds; a name of 256 bytes with no NUL is whole.
  const negative = decodeTimed(withTime(1, -2, -3));
  assert.deepEqual([negative.seconds, negative.microseconds], [-2, -3]);
  const long = decodeTimed(
    new Uint8Array([2, 1, 0, 0, ...new Uint8Array(8), ...Array(300).fill(0x61)]),
  );
  assert.deepEqual([long.nameLength, long.nameCut, long.headerLength], [256, false, 268]);
});

Deno.test("decodeTimed() rejects an empty or cut message, a partial layer kept in a packet", () => {
  assert.throws(() => decodeTimed(new Uint8Array(0)), DecodeError);
  assert.throws(() => decodeTimed(SETTIME.subarray(0, 15)), DecodeError);
  const { layer, error } = decodeInto(new Timed(), SETTIME.subarray(0, 3));
  assert.equal(error?.partial, true);
  assert.deepEqual([layer.type, layer.version, layer.sequence, layer.hopCount], [5, 1, -1, -1]);
  assert.equal(layer.timeCaptured, false);
  assert.deepEqual([layer.nameLength, layer.nameCut], [0, true]);
  const noNul = decodeInto(new Timed(), SETTIME.subarray(0, 14));
  assert.equal(noNul.error?.code, "truncated");
  assert.deepEqual([noNul.layer.nameLength, noNul.layer.nameCut], [2, true]);
});

Deno.test("decodeTimed() reads on past the UDP length to the IP packet's end", () => {
  // The UDP length ends the message after 5 bytes (no checksum); timed_print() has no
  // length to check.
  const ip = udpAppPacket(SETTIME, PORTS);
  ip.set([0, 8 + 5, 0, 0], 24);
  const tsp = decode(LinkType.RAW, ip).layer("timed");
  assert.ok(tsp instanceof Timed);
  assert.deepEqual([tsp.wireLength, tsp.seconds, tsp.nameLength, tsp.nameCut], [5, 1, 3, false]);
});

Deno.test("printTimed() prints as tcpdump's timed_print()", () => {
  assert.equal(line(SETTIME), "TSP_SETTIME vers 1 seq 7 time 1.000002 name srv");
  assert.equal(
    line(new Uint8Array([24, 2, 1, 0, 200, 0, 0, 0, 0, 0, 0, 0, 0x78, 0x01, 0xff, 0])),
    "TSP_LOOP vers 2 seq 256 hopcnt 200 name x^AM-^?",
  );
  assert.equal(
    line(new Uint8Array([2, 1, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9, 0])),
    "TSP_ACK vers 1 seq 1 name ",
  );
  assert.equal(
    line(new Uint8Array([25, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
    "(tsp_type 0x19) vers 1 seq 1 name ",
  );
  // The sign of a negative time: the microseconds count up from the second below.
  const time = (sec: number, usec: number) =>
    line(withTime(TimedType.ADJTIME, sec, usec)).replace(/^TSP_ADJTIME vers 1 seq 9 /, "");
  assert.equal(time(-1, 250000), "time -0.750000 name h");
  assert.equal(time(-5, 0), "time -5.000000 name h");
  assert.equal(time(-5, 1), "time -4.999999 name h");
  assert.equal(time(-1, 1000001), "time -0.-00001 name h");
  assert.equal(time(5, 1500000), "time 5.1500000 name h");
  assert.equal(time(-2147483648, 2147483647), "time -2147483647.-2146483647 name h");
  // Negative microseconds: nothing more, no mark.
  assert.equal(line(withTime(TimedType.ADJTIME, 3, -1)), "TSP_ADJTIME vers 1 seq 9");
  for (const type of [TimedType.SETTIME, TimedType.SETDATE, TimedType.SETDATEREQ]) {
    assert.match(line(withTime(type, 0, 0)), / seq 9 time 0\.000000 name h$/);
  }
});

Deno.test("printTimed() ends a message cut by the capture with [|timed] after the last field read", () => {
  assert.equal(line(SETTIME, 0), " [|timed]");
  assert.equal(line(SETTIME, 1), "TSP_SETTIME [|timed]");
  assert.equal(line(SETTIME, 3), "TSP_SETTIME vers 1 [|timed]");
  assert.equal(line(SETTIME, 11), "TSP_SETTIME vers 1 seq 7 [|timed]");
  assert.equal(line(SETTIME, 14), "TSP_SETTIME vers 1 seq 7 time 1.000002 name sr [|timed]");
  const loop = new Uint8Array([24, 1, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(line(loop, 4), "TSP_LOOP vers 1 seq 3 [|timed]");
  assert.equal(line(loop, 5), "TSP_LOOP vers 1 seq 3 hopcnt 4 name  [|timed]");
  // tcpdump's kh-timed-002-oobr.pcap: the UDP length past the IP packet, still printed;
  // the read past the capture dumps the whole frame with -x.
  const kh = printFrame(LinkType.EN10MB, KH_TIMED_002, { hex: 1 }, 262144);
  assert.equal(
    kh,
    "IP 48.48.48.48.525 > 48.48.48.48.12336: (tsp_type 0x30) vers 48 seq 12336 name  [|timed]\n" +
      "\t0x0000:  3030 3030 3030 3030 3030 3030 0800 4530\n" +
      "\t0x0010:  3030 3030 0000 3011 3030 3030 3030 3030\n" +
      "\t0x0020:  3030 020d 3030 3030 3030 3030 3030 3030",
  );
});

Deno.test("printTimed() prints a layer decoded alone", () => {
  assert.equal(printLayer(decodeTimed(SETTIME)), "TSP_SETTIME vers 1 seq 7 time 1.000002 name srv");
});
