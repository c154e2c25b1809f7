import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";

// A segment with the TCP MD5 signature option (RFC 2385) after NOPs and an MSS, before an EOL; tcpdump
// 4.99.3 (built with libcrypto, as distributions ship it) tries to verify it at any
// verbosity: without -M it says so, and before that whether the capture cut the segment.
const OPTIONS = concatBytes(
  new Uint8Array([1, 1, 2, 4, 5, 0xa0, 19, 18]),
  Uint8Array.from({ length: 16 }, (_, i) => i),
  new Uint8Array([0, 0, 0, 0]),
);
const SEGMENT = concatBytes(
  new Uint8Array([0x9c, 0x40, 0xc3, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 0x18, 0x40, 0, 0, 0, 0, 0]),
  OPTIONS,
  new TextEncoder().encode("hello world"),
);

function line(ip: Uint8Array, originalLength: number, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(decode(LinkType.RAW, ip), {
    seconds: 0,
    nanoseconds: 0,
    originalLength,
  }).split("\n").at(-1)!;
}

Deno.test("printTcp() prints the MD5 signature as tcpdump does without -M", () => {
  const ip = ipv4Packet(6, [192, 168, 0, 1], [192, 168, 0, 2], SEGMENT);
  const md5 = "md5 shared secret not supplied with -M, can't check - " +
    "000102030405060708090a0b0c0d0e0f";
  assert.match(
    line(ip, ip.length),
    new RegExp(`options \\[nop,nop,mss 1440,${md5},eol\\], length 11$`),
  );
  assert.match(line(ip, ip.length, 1), new RegExp(`options \\[nop,nop,mss 1440,${md5},eol\\]`));
});

Deno.test("printTcp() says the MD5 signature can't be checked in a segment cut short", () => {
  const ip = ipv4Packet(6, [192, 168, 0, 1], [192, 168, 0, 2], SEGMENT);
  assert.match(
    line(ip.subarray(0, ip.length - 5), ip.length),
    /md5 snaplen too short, can't check - 000102030405060708090a0b0c0d0e0f,eol\]/,
  );
});
