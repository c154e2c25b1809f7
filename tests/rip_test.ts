import assert from "node:assert/strict";
import { decodeRip } from "../lib/app/rip.ts";
import { decodeRipng } from "../lib/app/ripng.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeUdpApp, udpAppLine } from "./_udp_app.ts";

const RIP_PORTS = { sourcePort: 520, destinationPort: 520 };
const RIPNG_PORTS = { sourcePort: 521, destinationPort: 521, ipv6: true };

// RIPv2 response: 10.0.0.0/8 tag 0 metric 1 via self, 192.168.1.0/24 tag 7 metric 2 via 10.0.0.9.
const RESPONSE = new Uint8Array([
  2,
  2,
  0,
  0, //
  0,
  2,
  0,
  0,
  10,
  0,
  0,
  0,
  255,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  0,
  2,
  0,
  7,
  192,
  168,
  1,
  0,
  255,
  255,
  255,
  0,
  10,
  0,
  0,
  9,
  0,
  0,
  0,
  2,
]);

Deno.test("decodeRip() reads the header and entries", () => {
  const rip = decodeRip(RESPONSE);
  assert.equal(rip.version, 2);
  assert.equal(rip.command, 2);
  const { entries, stop } = rip.entries();
  assert.equal(stop, "end");
  assert.deepEqual(entries.map((e) => [e.family, e.tag]), [[2, 0], [2, 7]]);
  assert.equal(decodeRip(RESPONSE.subarray(0, 30)).entries().stop, "truncated");
  assert.throws(() => decodeRip(new Uint8Array(0)), DecodeError);
});

Deno.test("decodeRip() reports no bytes received for an offset past the end", () => {
  assert.throws(() => decodeRip(RESPONSE, RESPONSE.length + 3), (error: unknown) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.required, 1);
    assert.equal(error.received, 0);
    return true;
  });
});

Deno.test("printRip() prints the summary, and the routes at -v, as tcpdump does", () => {
  assert.equal(
    udpAppLine(RESPONSE, RIP_PORTS),
    "IP 10.0.0.1.520 > 10.0.0.2.520: RIPv2, Response, length: 44",
  );
  assert.equal(
    udpAppLine(RESPONSE, RIP_PORTS, 1).split("\n").slice(1).join("\n"),
    "    10.0.0.1.520 > 10.0.0.2.520: \n\tRIPv2, Response, length: 44, routes: 2 or less\n" +
      "\t  AFI IPv4,        10.0.0.0/8 , tag 0x0000, metric: 1, next-hop: self\n" +
      "\t  AFI IPv4,     192.168.1.0/24, tag 0x0007, metric: 2, next-hop: 10.0.0.9",
  );
});

Deno.test("decodeRipng() and printRipng() read and print the entries as tcpdump does", () => {
  const bytes = new Uint8Array(44);
  bytes.set([2, 1], 0);
  bytes.set([0x20, 0x01, 0x0d, 0xb8], 4);
  bytes.set([0, 0, 32, 1], 20);
  bytes.set([0x20, 0x01, 0x0d, 0xb8, 0, 1], 24);
  bytes.set([0, 7, 48, 3], 40);
  const rip = decodeRipng(bytes);
  assert.equal(rip.entries().entries[1]?.prefix, "2001:db8:1::");
  assert.equal(decodeUdpApp(bytes, RIPNG_PORTS).layer("ripng")?.command, 2);
  assert.equal(
    udpAppLine(bytes, RIPNG_PORTS),
    "IP6 2001:db8::1.521 > 2001:db8::2.521:  ripng-resp 2: 2001:db8::/32 (1) " +
      "2001:db8:1::/48 [7] (3)",
  );
  assert.equal(
    udpAppLine(bytes, { ...RIPNG_PORTS, snapLength: 40 + 8 + 30 }),
    "IP6 2001:db8::1.521 > 2001:db8::2.521:  ripng-resp 2: 2001:db8::/32 (1)  [|ripng]",
  );
});
