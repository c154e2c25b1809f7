import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeIpcomp, ipcompDecoder } from "../lib/net/ipcomp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { concatBytes } from "./_shared.ts";

const IPV4 = "4500 0023 4242 0000 406c 0000 c000 0201 c633 6407";
const IPCOMP = "0600 635c 789c 4b4c 4a06 0002 4d01 27";
// An IPv6 header with AH (next header 51) and 39 bytes of payload, as in tcpdump's
// AH-IPcomp-IPv6.pcap.
const IPV6_AH = "6000 0000 0027 3340 2001 0db8 0000 0000 0000 0000 0000 0001" +
  "2001 0db8 0000 0000 0000 0000 0000 0002 6c04 0000 0000 1001 0000 0007" +
  "0001 0203 0405 0607 0809 0a0b";

function print(hex: string, verbose = 0, originalLength?: number): string {
  const frame = decodeHex(hex);
  return printFrame(LinkType.RAW, frame, { verbose }, originalLength ?? frame.length);
}

Deno.test("decodeIpcomp() reads the next header, flags and CPI", () => {
  const ipcomp = decodeIpcomp(decodeHex(IPCOMP));
  assert.equal(ipcomp.kind, "ipcomp");
  assert.equal(ipcomp.nextHeader, 6);
  assert.equal(ipcomp.flags, 0);
  assert.equal(ipcomp.cpi, 0x635c);
  assert.equal(ipcomp.payload.length, 11);
  assert.deepEqual(ipcomp.toJSON(), { nextHeader: 6, flags: 0, cpi: 0x635c });
  assert.equal(ipcompDecoder.create().kind, "ipcomp");
});

Deno.test("decodeIpcomp() rejects a truncated header", () => {
  assert.throws(() => decodeIpcomp(decodeHex("0600 63")), DecodeError);
  const cut = decode(LinkType.RAW, decodeHex(IPV4 + "0600 63"));
  assert.equal(cut.error?.layer, "ipcomp");
  assert.equal(cut.error?.partial, false);
});

Deno.test("printIpcomp() prints the CPI as tcpdump does, over IPv4, IPv6 and AH", () => {
  assert.equal(print(IPV4 + IPCOMP), "IP 192.0.2.1 > 198.51.100.7: IPComp(cpi=0x635c)");
  assert.equal(
    print(IPV6_AH + "06ff e3de 789c 4b4c 4a06 0002 4d01 27"),
    "IP6 2001:db8::1 > 2001:db8::2: AH(spi=0x00001001,seq=0x7,icv=0x000102030405060708090a0b): " +
      "IPComp(cpi=0xe3de)",
  );
});

Deno.test("printIpcomp() ends the packet where the capture or the IP length cuts the CPI", () => {
  const frame = IPV4 + IPCOMP;
  assert.equal(
    printFrame(LinkType.RAW, decodeHex(frame).subarray(0, 23), {}, 35),
    "IP 192.0.2.1 > 198.51.100.7:  [|ipcomp]",
  );
  // The IP length leaves 3 bytes of the header: -X dumps the whole packet.
  const short = concatBytes(decodeHex("4500 0017"), decodeHex(frame).subarray(4));
  const text = printFrame(LinkType.RAW, short, { hex: 1, ascii: true });
  assert.ok(text.startsWith("IP 192.0.2.1 > 198.51.100.7:  [|ipcomp]\n\t0x0000:  4500 0017"));
});
