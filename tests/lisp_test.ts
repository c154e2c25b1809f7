import assert from "node:assert/strict";
import { decodeUdpApp, udpAppLine } from "./_udp_app.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeLisp, Lisp, lispDecoder } from "../lib/app/lisp.ts";

const AUTH = [0x4b, 0xbb, 0x96, 0x14, 0xa6, 0x7a, 0x86, 0x04, 0x04, 0x07];
const EID6 = [0x20, 0x01, 0x0d, 0xb8, 0x85, 0xa3, 0, 0, 0, 0, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x34];
const XTR = [...Array.from({ length: 16 }, (_, i) => 0x90 + i), 0, 0, 0, 0, 0, 0, 0x01, 0x02];

const u16 = (v: number) => [v >> 8, v & 0xff];
const u32 = (v: number) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** A header of `type` with `flags` (the bits of the first word between type and count). */
function header(type: number, count: number, flags = 0, key = 1, auth = AUTH): number[] {
  const word = ((type << 28) | flags | count) >>> 0;
  return [...u32(word), ...Array(8).fill(0x11), ...u16(key), ...u16(auth.length), ...auth];
}

/** A locator of family `afi` at `address`, with its priorities, weights and `flags`. */
function locator(afi: number, address: number[], flags = 1): number[] {
  return [1, 100, 2, 50, ...u16(flags), ...u16(afi), ...address];
}

/** An EID record of family `afi`, its prefix and `locators`. */
function record(afi: number, eid: number[], mask: number, locators: number[][] = []): number[] {
  return [...u32(1440), locators.length, mask, 0x10, 0, ...u16(0x0007), ...u16(afi), ...eid]
    .concat(locators.flat());
}

const REGISTER = new Uint8Array([
  ...header(3, 2, 0x02000100),
  ...record(1, [10, 30, 1, 100], 32, [locator(1, [20, 20, 8, 253])]),
  ...record(2, EID6, 80, [locator(2, EID6, 7), locator(9, [])]),
  ...XTR,
]);

/** What the printer writes after the UDP ports, on port 4342, at `verbose`. */
function print(payload: Uint8Array | number[], verbose = 0, snapLength?: number): string {
  const spec = { sourcePort: 4342, destinationPort: 4342, snapLength };
  return udpAppLine(Uint8Array.from(payload), spec, verbose)
    .replace(/^.*?4342: (\[udp sum ok\] )?/s, "");
}

Deno.test("decodeLisp() reads the header and walks the records and locators", () => {
  const lisp = decodeLisp(REGISTER);
  assert.ok(lisp instanceof Lisp);
  assert.deepEqual([lisp.type, lisp.recordCount, lisp.keyId, lisp.authLength], [3, 2, 1, 10]);
  assert.equal(lisp.xtrPresent, true);
  assert.equal(lisp.authOffset, 16);
  const { records, stop, trailer } = lisp.walk();
  assert.equal(stop, "xtr");
  assert.equal(trailer, REGISTER.length - 24);
  assert.deepEqual(records.map((r) => [r.offset, r.eidAfi, r.eidOffset]), [
    [26, 1, 38],
    [54, 2, 66],
  ]);
  assert.deepEqual(records[1]!.locators.map((l) => [l.afi, l.addressOffset]), [
    [2, 90],
    [9, 114],
  ]);
  assert.equal(lispDecoder.create().kind, "lisp");
  const packet = decodeUdpApp(REGISTER, { sourcePort: 4342, destinationPort: 4342 });
  assert.deepEqual(packet.layers.slice(0, packet.count).map((l) => l.kind), [
    "ipv4",
    "udp",
    "lisp",
  ]);
});

Deno.test("decodeLisp() rejects a truncated header", () => {
  assert.throws(() => decodeLisp(REGISTER.subarray(0, 15)), DecodeError);
  const packet = decodeUdpApp(REGISTER, {
    sourcePort: 4342,
    destinationPort: 40000,
    snapLength: 20 + 8 + 15,
  });
  assert.equal(packet.layers[packet.count - 1]!.kind, "udp");
});

Deno.test("Lisp.walk() ends where tcpdump's lisp_print() ends", () => {
  const stop = (bytes: number[]) => decodeLisp(Uint8Array.from(bytes)).walk().stop;
  assert.equal(stop(header(3, 0)), "no-records");
  assert.equal(stop([...header(3, 1), ...record(1, [1, 2, 3, 4], 32).slice(0, 11)]), "record-cut");
  assert.equal(stop([...header(3, 1), ...record(1, [1, 2, 3], 32)]), "eid-cut");
  assert.equal(stop([...header(3, 1), ...record(16387, [], 0)]), "eid-afi");
  const one = record(1, [1, 2, 3, 4], 32, [locator(1, [5, 6, 7, 8])]);
  assert.equal(stop([...header(3, 1), ...one.slice(0, 23)]), "locator-cut");
  assert.equal(stop([...header(3, 1), ...one.slice(0, 27)]), "address-cut");
  assert.equal(stop([...header(3, 1), ...one]), "end");
  assert.equal(stop([...header(3, 1), ...one, 0xee]), "data");
  assert.equal(stop([...header(3, 1, 0x02000000), ...one, ...XTR.slice(1)]), "xtr-short");
  assert.equal(stop([...header(4, 1, 0x08000000), ...one, ...XTR]), "xtr");
  // Map-Notify's I bit is not Map-Register's.
  assert.equal(stop([...header(4, 1, 0x02000000), ...one, ...XTR]), "data");
  // More records than the message holds: the walk stops at its length.
  assert.equal(stop([...header(3, 9), ...one]), "end");
  // tcpdump's 16-bit position: an authentication length of 0xfff0 wraps back to the
  // header, read as a record.
  const bytes = Uint8Array.from([...header(3, 1, 0, 1, []), ...one]);
  bytes[15] = 0xf0;
  bytes[14] = 0xff;
  assert.deepEqual(decodeLisp(bytes).walk().records.map((r) => r.offset), [0]);
});

Deno.test("printLisp() prints the records and locators without -v, as tcpdump does", () => {
  assert.equal(
    print(REGISTER),
    "LISP-Map-Register, 2 record(s),\n EID 10.30.1.100/32, 1 locator(s) LOC 20.20.8.253" +
      "\n EID 2001:db8:85a3::8a2e:370:7334/80, 2 locator(s) LOC 2001:db8:85a3::8a2e:370:7334" +
      "\n    xTR-ID: 0x0000:  9091 9293 9495 9697 9899 9a9b 9c9d 9e9f\n    SITE-ID: 258",
  );
  assert.equal(print(header(1, 1)), "LISP-Map-Request,");
  assert.equal(print(header(8, 1), 1), "LISP-Encapsulated-Contol-Message,");
  assert.equal(print(header(6, 1)), "unknown-type-6,");
  assert.equal(print(header(3, 0)), "LISP-Map-Register, 0 record(s), (invalid)");
});

Deno.test("printLisp() prints flags, authentication and record fields with -v", () => {
  assert.equal(
    print(REGISTER, 1),
    "LISP-Map-Register, flags [I-xTR-ID-Present, M-Want-Map-Notify],\n" +
      "    2 record(s), Authentication SHA1,\n" +
      "    Authentication-Data: 0x0000:  4bbb 9614 a67a 8604 0407\n" +
      "      Record TTL 1440, Authoritative, No-Action, Map Version: 7, EID 10.30.1.100/32, " +
      "1 locator(s)\n        LOC 20.20.8.253\n" +
      "          Priority/Weight 1/100, Multicast Priority/Weight 2/50, flags [Reachable],\n" +
      "      Record TTL 1440, Authoritative, No-Action, Map Version: 7, " +
      "EID 2001:db8:85a3::8a2e:370:7334/80, 2 locator(s)\n" +
      "        LOC 2001:db8:85a3::8a2e:370:7334\n" +
      "          Priority/Weight 1/100, Multicast Priority/Weight 2/50, " +
      "flags [Local-Locator, RLoc-Probed, Reachable],\n       \n" +
      "          Priority/Weight 1/100, Multicast Priority/Weight 2/50, flags [Reachable],\n" +
      "    xTR-ID: 0x0000:  9091 9293 9495 9697 9899 9a9b 9c9d 9e9f\n    SITE-ID: 258",
  );
  assert.equal(
    print([...header(4, 1, 0x0c000000, 7, [0xab]), ...record(16387, [], 0)], 1),
    "LISP-Map-Notify, flags [I-xTR-ID-Present, R-Build-For-RTR],\n" +
      "    1 record(s), Authentication unknown-type,\n    Authentication-Data: 0x0000:  ab\n" +
      "      Record TTL 1440, Authoritative, No-Action, Map Version: 7,",
  );
});

Deno.test("printLisp() marks cuts and invalid ends as tcpdump does", () => {
  const udp = 20 + 8;
  // The header cut: nothing but the mark.
  assert.equal(print(REGISTER, 0, udp + 15), " [|lisp]");
  // Inside the first record's fixed fields, its EID, a locator.
  assert.equal(print(REGISTER, 0, udp + 30), "LISP-Map-Register, 2 record(s), [|lisp]");
  assert.equal(print(REGISTER, 0, udp + 40), "LISP-Map-Register, 2 record(s),\n [|lisp]");
  assert.equal(
    print(REGISTER, 0, udp + 50),
    "LISP-Map-Register, 2 record(s),\n EID 10.30.1.100/32, 1 locator(s) [|lisp]",
  );
  // The authentication data cut with -v: what was captured, then the mark.
  assert.equal(
    print(REGISTER, 1, udp + 20),
    "LISP-Map-Register, flags [I-xTR-ID-Present, M-Want-Map-Notify],\n" +
      "    2 record(s), Authentication SHA1,\n    Authentication-Data: 0x0000:  4bbb 9614 [|lisp]",
  );
  // Too few bytes for the xTR-ID and site-ID.
  assert.match(print(REGISTER.subarray(0, REGISTER.length - 1)), /20.20.8.253\n.* \(invalid\)$/s);
});
