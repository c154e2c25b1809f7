/**
 * Packets that the 10-million-packet fuzz run (`bench/fuzz.ts --seed 17`) found, kept as
 * regression tests: each once broke an invariant that `checkDecode()` asserts.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { checkDecode } from "./_fuzz.ts";

// Ethernet, IPv4, TCP 2049 > 4433 with 229 bytes of zeros: an RPC record mark of length
// 0, shorter than the RPC header that follows it (iteration 8,756,668).
const SHORT_RPC_RECORD = new Uint8Array(295);
SHORT_RPC_RECORD.set(decodeHex(
  "d2a1c787617432a81a87ec0e080045000119466a40004006ded60a4e00020a4e000108011151cf14970d2640" +
    "4ada80180040a55800000101080a6bd7da0a0fb6df94",
));

// Ethernet, VLAN, IPv6, TCP to port 53 with one byte of payload: half a DNS length prefix
// (iteration 9,260,433).
const HALF_DNS_PREFIX = decodeHex(
  "001ba13a4f013622fb465e3f8100001486dd600984070021064020010db80014000000000010a9c38a000076" +
    "8a2e400040112ce8c0a80101c0a8010f0035943a0062836ca474818000014004800000000470797069036f72" +
    "671000010001c00c0001000100000be000049765efb4c00c0001000100000be080148efa325bc00c00010001" +
    "00000be000046810e371c00c0001000900000be0020497352577",
);

Deno.test("decode() keeps an NFS header inside its layer when the RPC record is shorter", () => {
  checkDecode(LinkType.EN10MB, SHORT_RPC_RECORD, undefined);
  const nfs = decode(LinkType.EN10MB, SHORT_RPC_RECORD).layers.at(-1)!;
  assert.equal(nfs.kind, "nfs");
  assert.ok(nfs.offset + nfs.headerLength <= nfs.end);
});

Deno.test("decode() keeps a DNS header inside its layer after half a length prefix", () => {
  checkDecode(LinkType.EN10MB, HALF_DNS_PREFIX, undefined);
  const dns = decode(LinkType.EN10MB, HALF_DNS_PREFIX).layers.at(-1)!;
  assert.equal(dns.kind, "dns");
  assert.equal(dns.headerLength, 1);
});

Deno.test("TcpdumpPrinter checks the TCP sum of a segment that holds a short RPC record", () => {
  const packet = decode(LinkType.EN10MB, SHORT_RPC_RECORD);
  const line = new TcpdumpPrinter({ timestamps: "none", verbose: 1 }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength: SHORT_RPC_RECORD.length,
  });
  // As tcpdump -v prints it: the record ending early does not hide the checksum.
  assert.match(line, /Flags \[P\.\], cksum 0xa558 \(incorrect -> 0x3b36\), seq /);
});
