import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Bfd, bfdDecoder, decodeBfd } from "../lib/app/bfd.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

// Written for this test: a BFDv1 control packet (Up, C bit, diagnostic 3) from port
// 49153 to 3784; `tcpdump -xx`.
const CONTROL = hex(`
  0200 0000 0002 0200 0000 0001 0800 45c0
  0034 0001 0000 ff11 a6f5 0a00 0001 0a00
  0002 c001 0ec8 0020 0000 23c8 0318 0000
  0001 0000 0002 0004 93e0 0004 93e0 0000
  c350`);

function print(frame: Uint8Array, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength: frame.length },
  );
}

Deno.test("decodeBfd() reads the control header", () => {
  const bfd = decode(LinkType.EN10MB, CONTROL).layers.at(-1);
  assert.ok(bfd instanceof Bfd);
  assert.equal(bfd.version, 1);
  assert.equal(bfd.state, 3);
  assert.equal(bfd.diagnostic, 3);
  assert.equal(bfd.detectMultiplier, 3);
  assert.equal(bfd.desiredMinTx, 300000);
  assert.equal(bfd.requiredMinEcho, 50000);
  assert.equal(bfdDecoder.create().kind, "bfd");
});

Deno.test("decodeBfd() rejects an empty packet and tcpdump's BCM-LI source port", () => {
  assert.throws(() => decodeBfd(new Uint8Array(0)), DecodeError);
  const shim = CONTROL.slice();
  shim.set([0xc0, 0x00], 34); // source port 49152
  assert.equal(decode(LinkType.EN10MB, shim).layers.at(-1)?.kind, "udp");
});

Deno.test("printBfd() prints a control packet as tcpdump does", () => {
  assert.equal(
    print(CONTROL),
    "IP 10.0.0.1.49153 > 10.0.0.2.3784: BFDv1, Control, State Up, Flags: [Control Plane Independent], length: 24",
  );
  assert.equal(
    print(CONTROL, 1),
    [
      "IP (tos 0xc0, ttl 255, id 1, offset 0, flags [none], proto UDP (17), length 52)",
      "    10.0.0.1.49153 > 10.0.0.2.3784: BFDv1, length: 24",
      "\tControl, State Up, Flags: [Control Plane Independent], Diagnostic: Neighbor Signaled Session Down (0x03)",
      "\tDetection Timer Multiplier: 3 (900 ms Detection time), BFD Length: 24",
      "\tMy Discriminator: 0x00000001, Your Discriminator: 0x00000002",
      "\t  Desired min Tx Interval:     300 ms",
      "\t  Required min Rx Interval:    300 ms",
      "\t  Required min Echo Interval:   50 ms",
    ].join("\n"),
  );
});

/** A BFDv1 control packet with `auth` after its header, in UDP to port 3784, in raw IPv4. */
function withAuthentication(auth: number[], captured?: number): Uint8Array {
  const addresses = { source: "10.0.0.1", destination: "10.0.0.2" };
  const bfd = new Uint8Array([...CONTROL.subarray(42, 66), ...auth]);
  bfd[1] = 0xc4; // Up, A flag
  bfd[3] = bfd.length;
  const udp = buildUdp({ ...addresses, sourcePort: 49153, destinationPort: 3784, payload: bfd });
  const ip = buildIpv4({ ...addresses, protocol: 17, ttl: 255, payload: udp });
  return ip.subarray(0, captured ?? ip.length);
}

function printRaw(packet: Uint8Array, verbose: number): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.RAW, packet),
    { seconds: 0, nanoseconds: 0, originalLength: 60 },
  );
}

Deno.test("printBfd() prints the authentication section at -v as tcpdump does", () => {
  const md5 = [2, 24, 5, 0, 1, 2, 3, 4, ...Array.from({ length: 16 }, (_, i) => i)];
  const lines = printRaw(withAuthentication(md5), 1).split("\n");
  assert.deepEqual(lines.slice(-3), [
    "\tAuthentication: Keyed MD5 (2), length: 24",
    "\t  Auth Key ID: 5, Sequence Number: 0x01020304",
    "\t  Digest: 000102030405060708090a0b0c0d0e0f",
  ]);
  const password = [1, 9, 1, ...new TextEncoder().encode("secret")];
  assert.equal(
    printRaw(withAuthentication(password), 1).split("\n").at(-1),
    "\t  Auth Key ID: 1, Password: secret",
  );
  // Cut in the password, then in the sequence number: tcpdump's [|bfd].
  assert.equal(
    printRaw(withAuthentication(password, 28 + 24 + 5), 1).split("\n").at(-1),
    "\t  Auth Key ID: 1, Password: se [|bfd]",
  );
  assert.equal(
    printRaw(withAuthentication(md5, 28 + 24 + 6), 1).split("\n").at(-1),
    "\t  Auth Key ID: 5 [|bfd]",
  );
  assert.equal(
    printRaw(withAuthentication([2, 20, 1, 0]), 1).split("\n").at(-1),
    "\t  Auth Key ID: 1[invalid length 20]",
  );
  const bfd = decode(LinkType.RAW, withAuthentication(md5)).layers.at(-1);
  assert.ok(bfd instanceof Bfd);
  assert.equal(bfd.authentication?.sequenceNumber, 0x01020304);
});

Deno.test("decodeBfd() reads only the first byte of a header cut short", () => {
  const bfd = decodeBfd(CONTROL.subarray(42, 42 + 12));
  assert.equal(bfd.complete, false);
  assert.equal(bfd.headerLength, 12);
  assert.equal(bfd.version, 1);
  assert.equal(bfd.diagnostic, 3);
  assert.deepEqual(
    [bfd.flags, bfd.detectMultiplier, bfd.length, bfd.myDiscriminator, bfd.yourDiscriminator],
    [0, 0, 0, 0, 0],
  );
  assert.equal(decodeBfd(CONTROL.subarray(42)).myDiscriminator, 1);
});
