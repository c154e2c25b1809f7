import assert from "node:assert/strict";
import { decodeIcmpv6 } from "../lib/net/icmpv6.ts";
import { printLayer } from "./_print_layer.ts";

/** A router renumbering command: header, match prefix 2001:db8::/48, one use prefix. */
function command(): Uint8Array {
  return new Uint8Array([
    // type 138, code 0 (command), checksum, sequence number 5
    138,
    0,
    0,
    0,
    0,
    0,
    0,
    5,
    // segment 1, flags T and S, max delay 10, reserved
    1,
    0x90,
    0,
    10,
    0,
    0,
    0,
    0,
    // match: change, OpLength 7 (3 + 4), ordinal 1, MatchLen 48, MinLen 0, MaxLen 128
    2,
    7,
    1,
    48,
    0,
    128,
    0,
    0,
    0x20,
    0x01,
    0x0d,
    0xb8,
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
    0,
    0,
    // use: UseLen 64, KeepLen 48, mask 0xc0, RA flags 0x80, infinite valid, 3600 preferred
    64,
    48,
    0xc0,
    0x80,
    0xff,
    0xff,
    0xff,
    0xff,
    0,
    0,
    0x0e,
    0x10,
    // flags V, then the prefix 2001:db8:1::
    0x80,
    0,
    0,
    0,
    0x20,
    0x01,
    0x0d,
    0xb8,
    0,
    1,
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
  ]);
}

Deno.test("Icmpv6.routerRenumbering reads a command's match and use prefixes", () => {
  const rr = decodeIcmpv6(command()).routerRenumbering;
  assert.equal(rr?.sequenceNumber, 5);
  assert.equal(rr?.segmentNumber, 1);
  assert.equal(rr?.flags, 0x90);
  assert.equal(rr?.maxDelay, 10);
  assert.equal(rr?.match?.opCode, 2);
  assert.equal(rr?.match?.prefix, "2001:db8::");
  assert.equal(rr?.match?.matchLength, 48);
  assert.deepEqual(rr?.match?.uses, [{
    useLength: 64,
    keepLength: 48,
    flagMask: 0xc0,
    raFlags: 0x80,
    validLifetime: 0xffffffff,
    preferredLifetime: 3600,
    flags: 0x80,
    prefix: "2001:db8:1::",
  }]);
});

Deno.test("printIcmpv6() prints a router renumbering command as tcpdump -vv", () => {
  assert.equal(
    printLayer(decodeIcmpv6(command()), 2),
    "ICMP6, router renumbering, command, seq=5[TS,seg=1,maxdelay=10]" +
      "\n\tmatch(change,ord=1,min=0,max=128,2001:db8::/48)" +
      "\n\tuse(V,mask=0xc0,raflags=0x80,vltime=infty,pltime=3600,2001:db8:1::/64/48)",
  );
});

Deno.test("printIcmpv6() marks a router renumbering command cut inside its use prefix", () => {
  const cut = decodeIcmpv6(command().subarray(0, 60));
  assert.equal(cut.routerRenumbering?.match?.uses.length, 0);
  assert.equal(
    printLayer(cut),
    "ICMP6, router renumbering, command, seq=5 match(change,2001:db8::/48) [|icmp6], length 60",
  );
});
