import assert from "node:assert/strict";
import {
  formatIpv4,
  formatIpv6,
  formatMac,
  parseIpv4,
  parseIpv6,
  parseMac,
} from "../lib/address.ts";
import { ByteWriter } from "../lib/print/mod.ts";

/** Sixteen bytes from eight 16-bit groups. */
function groups(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(16);
  values.forEach((value, i) => {
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 0xff;
  });
  return bytes;
}

Deno.test("formatIpv6() writes the RFC 5952 canonical form", () => {
  const cases: [Uint8Array, string][] = [
    // 4.1: no leading zeros; 4.3: lowercase.
    [groups(0x2001, 0x0db8, 0, 0, 0, 0, 0, 1), "2001:db8::1"],
    [
      groups(0x2001, 0x0db8, 0xaaaa, 0xbbbb, 0xcccc, 0xdddd, 0xeeee, 0x0001),
      "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
    ],
    // 4.2.1: the longest run is shortened; 4.2.2: a single 0 group is not.
    [groups(0x2001, 0x0db8, 0, 1, 1, 1, 1, 1), "2001:db8:0:1:1:1:1:1"],
    [groups(0x2001, 0x0db8, 0, 0, 1, 0, 0, 0), "2001:db8:0:0:1::"],
    // 4.2.3: of two equal runs, the first is shortened.
    [groups(0x2001, 0x0db8, 0, 0, 1, 0, 0, 1), "2001:db8::1:0:0:1"],
    [groups(0x2001, 0, 0, 1, 0, 0, 0, 1), "2001:0:0:1::1"],
    [groups(0, 0, 0, 0, 0, 0, 0, 0), "::"],
    [groups(0, 0, 0, 0, 0, 0, 0, 1), "::1"],
    [groups(1, 0, 0, 0, 0, 0, 0, 0), "1::"],
    [groups(0xfe80, 0, 0, 0, 0xc000, 0x54ff, 0xfef5, 0), "fe80::c000:54ff:fef5:0"],
    [groups(1, 2, 3, 4, 5, 6, 7, 8), "1:2:3:4:5:6:7:8"],
    [groups(0, 1, 2, 3, 4, 5, 6, 0), "0:1:2:3:4:5:6:0"],
    // 5: IPv4-mapped addresses end in a dotted quad.
    [groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201), "::ffff:192.0.2.1"],
    [groups(0, 0, 0, 0, 0, 0xffff, 0, 0), "::ffff:0.0.0.0"],
    // IPv4-compatible addresses too, as inet_ntop and tcpdump write them.
    [groups(0, 0, 0, 0, 0, 0, 0xc000, 0x0201), "::192.0.2.1"],
    [groups(0, 0, 0, 0, 0, 0, 0x0102, 0), "::1.2.0.0"],
    // Not IPv4-mapped: ffff elsewhere.
    [groups(0, 0, 0, 0, 0xffff, 0, 0xc000, 0x0201), "::ffff:0:c000:201"],
  ];
  for (const [bytes, text] of cases) {
    assert.equal(formatIpv6(bytes, 0), text);
    assert.deepEqual(parseIpv6(text), bytes, text);
  }
});

Deno.test("formatIpv6() reads at an offset", () => {
  const bytes = new Uint8Array(20);
  bytes.set(groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2), 4);
  assert.equal(formatIpv6(bytes, 4), "2001:db8::2");
});

Deno.test("ByteWriter.ipv6() writes what formatIpv6() returns", () => {
  const addresses = [
    groups(0, 0, 0, 0, 0, 0, 0, 0),
    groups(0, 0, 0, 0, 0, 0, 0, 1),
    groups(0, 0, 0, 0, 0, 0, 0xc000, 0x0201),
    groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201),
    groups(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1),
    groups(0xfe80, 0, 0, 0, 0x21b, 0x21ff, 0xfe3a, 0x4f01),
  ];
  // Random groups, each zero half of the time, to make runs of every length and place.
  for (let i = 0; i < 2000; i++) {
    addresses.push(groups(
      ...Array.from({ length: 8 }, () => Math.random() < 0.5 ? 0 : Math.random() * 0x10000 | 0),
    ));
  }
  const out = new ByteWriter();
  for (const address of addresses) {
    const padded = new Uint8Array(20);
    padded.set(address, 3);
    out.length = 0;
    out.ipv6(padded, 3);
    assert.equal(out.text(), formatIpv6(address, 0));
  }
});

Deno.test("parseIpv6() accepts the non-canonical forms", () => {
  assert.equal(formatIpv6(parseIpv6("2001:DB8:0:0:0:0:0:1"), 0), "2001:db8::1");
  assert.equal(formatIpv6(parseIpv6("2001:0db8::0001"), 0), "2001:db8::1");
  assert.equal(formatIpv6(parseIpv6("::0:1"), 0), "::1");
  assert.equal(formatIpv6(parseIpv6("64:ff9b::192.0.2.33"), 0), "64:ff9b::c000:221");
  assert.equal(formatIpv6(parseIpv6("1:2:3:4:5:6:1.2.3.4"), 0), "1:2:3:4:5:6:102:304");
});

Deno.test("parseIpv6() rejects malformed text", () => {
  for (
    const text of [
      "",
      ":",
      ":::",
      "1:::2",
      "1::2::3",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "1::2:3:4:5:6:7:8",
      ":1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:",
      "12345::",
      "g::",
      "1.2.3.4::",
      "1.2.3.4:1::",
      "::1.2.3",
      "::256.1.1.1",
      "1:2:3:4:5:6:7:1.2.3.4",
    ]
  ) {
    assert.throws(() => parseIpv6(text), SyntaxError, text);
  }
  assert.throws(() => parseIpv6("zz"), { message: 'Cannot parse IPv6 address: received "zz"' });
});

Deno.test("formatIpv4() and parseIpv4() round-trip", () => {
  assert.equal(formatIpv4(new Uint8Array([0, 0, 192, 0, 2, 255]), 2), "192.0.2.255");
  assert.deepEqual(parseIpv4("255.255.255.255"), new Uint8Array([255, 255, 255, 255]));
  assert.deepEqual(parseIpv4("0.0.0.0"), new Uint8Array(4));
  for (
    const text of [
      "1.2.3",
      "1.2.3.4.5",
      "256.0.0.0",
      "1.2.3.-4",
      "a.b.c.d",
      "01.2.3.4",
      " 1.2.3.4",
      "",
    ]
  ) {
    assert.throws(() => parseIpv4(text), SyntaxError, text);
  }
});

Deno.test("formatMac() and parseMac() round-trip", () => {
  const bytes = new Uint8Array([0xc2, 0x00, 0x54, 0xf5, 0x00, 0x0a]);
  assert.equal(formatMac(bytes, 0), "c2:00:54:f5:00:0a");
  assert.deepEqual(parseMac("C2-00-54-F5-00-0A"), bytes);
  assert.equal(formatMac(new Uint8Array([1, 2, 3]), 1, 2), "02:03");
  assert.equal(formatMac(bytes, 0, 0), "");
  for (
    const text of ["c2:00:54:f5:00", "c2:00:54:f5:00:0a:01", "c2:00:54:f5:00:zz", "c200.54f5.000a"]
  ) {
    assert.throws(() => parseMac(text), SyntaxError, text);
  }
});
