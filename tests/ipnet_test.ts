import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { IP_UDP, IP_UDP_TEXT } from "./_ip_fixture.ts";
import { decode } from "../lib/decode.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import { decodeIpnet } from "../lib/link/ipnet.ts";

/** An ipnet header: version 1, the family, zones 4294967295 > 0 (as in tcpdump's e1000g.pcap). */
function frame(family: number, payload: Uint8Array = IP_UDP): Uint8Array {
  const bytes = new Uint8Array(24 + payload.length);
  bytes.set([1, family, 0, 0, 0, 0, 0, 0x54, 0, 0, 0, 3], 0);
  bytes.set([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], 16);
  bytes.set(payload, 24);
  return bytes;
}

Deno.test("the link type is named as libpcap names it", () => {
  assert.equal(linkTypeName(226), "IPNET");
});

Deno.test("decodeIpnet() reads every field and rejects a truncated header", () => {
  const ipnet = decodeIpnet(frame(2));
  assert.equal(ipnet.version, 1);
  assert.equal(ipnet.family, 2);
  assert.equal(ipnet.packetLength, 0x54);
  assert.equal(ipnet.interfaceIndex, 3);
  assert.equal(ipnet.sourceZone, 0xffffffff);
  assert.equal(ipnet.destinationZone, 0);
  assert.equal(ipnet.headerLength, 24);
  assert.deepEqual(decode(LinkType.IPNET, frame(2)).layers.map((l) => l.kind), [
    "ipnet",
    "ipv4",
    "udp",
  ]);
  assert.deepEqual(decode(LinkType.IPNET, frame(10)).layers.map((l) => l.kind), ["ipnet"]);
  assert.throws(() => decodeIpnet(frame(2).subarray(0, 23)), {
    message: "Cannot decode ipnet header: 24 bytes required, received 23",
  });
});

Deno.test("printIpnet() prints the header with -e, or when the family is not IP", () => {
  assert.equal(printFrame(LinkType.IPNET, frame(2)), `IP ${IP_UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.IPNET, frame(2), { link: true }),
    `4294967295 > 0, family IPv4 (2), length 54: ${IP_UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.IPNET, frame(2), { link: true, quiet: true }),
    `4294967295 > 0, IPv4, length 54: ${IP_UDP_TEXT}`,
  );
  const other = frame(10, new Uint8Array([1, 2]));
  assert.equal(
    printFrame(LinkType.IPNET, other),
    "4294967295 > 0, family Unknown (10), length 26: \n\t0x0000:  0102" +
      "                                     ..",
  );
  assert.equal(
    printFrame(LinkType.IPNET, other, { quiet: true }),
    "4294967295 > 0, Unknown Ethertype (0x000a), length 26: ",
  );
  assert.equal(printFrame(LinkType.IPNET, frame(2).subarray(0, 23)), " [|ipnet]");
});
