import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeIcmpv6 } from "../lib/net/icmpv6.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { icmpv6Frame } from "./_shared.ts";

const ADDRESSES = "2001 0db8 0000 0000 0000 0000 0000 0001 2001 0db8 0000 0000 0000 0000 0000 0002";
const HA = "2001 0db8 0000 0000 0000 0000 0000 0aaa";
const SLLA = "0101 0050 568a 1b2c";

function print(message: string, verbose = 0, cut?: number): string {
  const { bytes, wire } = icmpv6Frame(ADDRESSES, message, cut);
  return printFrame(LinkType.RAW, bytes, { verbose }, wire).split("2001:db8::2: ")[1]!;
}

Deno.test("decodeIcmpv6() reads the Mobile IPv6 identifiers, flags and addresses", () => {
  const reply = decodeIcmpv6(decodeHex(`9100 0000 4321 0000 ${HA}`));
  assert.equal(reply.mobileIdentifier, 0x4321);
  assert.equal(reply.homeAgentAddressAt(0), "2001:db8::aaa");
  assert.equal(reply.homeAgentAddressAt(1), undefined);
  const advert = decodeIcmpv6(decodeHex(`9300 0000 1234 c000 ${SLLA}`));
  assert.equal(advert.mobilePrefixFlags, 0xc000);
  assert.equal(advert.sourceLinkLayerAddress, "00:50:56:8a:1b:2c");
  assert.equal(decodeIcmpv6(decodeHex("8000 0000 1234 0001")).mobileIdentifier, undefined);
});

Deno.test("printIcmpv6() prints the Mobile IPv6 messages as tcpdump does", () => {
  assert.equal(print("9000 0000 1234 0000"), "ICMP6, ha discovery request, id 0x1234, length 8");
  assert.equal(
    print("9200 0000 00ff 0000"),
    "ICMP6, mobile router solicitation, id 0x00ff, length 8",
  );
  assert.equal(print(`9100 0000 4321 0000 ${HA}`), "ICMP6, ha discovery reply, length 24");
  assert.match(
    print(`9100 0000 4321 0000 ${HA}`, 1),
    /ICMP6, ha discovery reply, length 24, id 0x4321, 2001:db8::aaa$/,
  );
  assert.equal(
    print(`9300 0000 1234 c000 ${SLLA}`),
    "ICMP6, mobile router advertisement, length 16",
  );
  assert.match(
    print(`9300 0000 1234 c000 ${SLLA}`, 1),
    /ICMP6, mobile router advertisement, length 16, id 0x1234 MO\n\t {2}source link-address option \(1\), length 8 \(1\): 00:50:56:8a:1b:2c$/,
  );
});

Deno.test("printIcmpv6() stops where the capture cuts a Mobile IPv6 field", () => {
  assert.equal(print("9000 0000 1234 0000", 0, 5), "ICMP6, ha discovery request [|icmp6]");
  assert.equal(print("9300 0000 1234 c000", 0, 5), "ICMP6, mobile router advertisement, length 8");
  assert.match(
    print("9300 0000 1234 c000", 1, 7),
    /ICMP6, mobile router advertisement, length 8, id 0x1234 \[\|icmp6\]$/,
  );
  assert.match(
    print(`9100 0000 4321 0000 ${HA}`, 1, 20),
    /length 24, id 0x4321 \[\|icmp6\]$/,
  );
});
