import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import { decodeIpoib } from "../lib/link/ipoib.ts";
import { IP_UDP as IP, IP_UDP_TEXT as UDP_TEXT } from "./_ip_fixture.ts";
import { readCapture } from "./_pcap_fixture.ts";

Deno.test("the link type is named as libpcap names it", () => {
  assert.equal(linkTypeName(242), "IPOIB");
});

Deno.test("decodeIpoib() reads the EtherType at offset 40 and rejects a truncated header", () => {
  const bytes = new Uint8Array([...new Array(40).fill(0), 0x08, 0x00, 0xab, 0xcd, ...IP]);
  const ipoib = decodeIpoib(bytes);
  assert.equal(ipoib.etherType, 0x0800);
  assert.equal(ipoib.reserved, 0xabcd);
  assert.equal(ipoib.headerLength, 44);
  assert.deepEqual(
    decode(LinkType.IPOIB, bytes).layers.map((l) => l.kind),
    ["ipoib", "ipv4", "udp"],
  );
  assert.throws(() => decodeIpoib(bytes.subarray(0, 43)), {
    message: "Cannot decode IPoIB header: 44 bytes required, received 43",
  });
});

Deno.test("printIpoib() prints the header with -e, or when nothing decodes the payload", () => {
  const bytes = new Uint8Array([...new Array(40).fill(0), 0x08, 0x00, 0, 0, ...IP]);
  assert.equal(printFrame(LinkType.IPOIB, bytes), `IP ${UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.IPOIB, bytes, { link: true }),
    `IPOIB, ethertype IPv4 (0x0800), length 74: ${UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.IPOIB, bytes, { link: true, quiet: true }),
    "IPOIB, ethertype IPv4, length 74: 10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2",
  );
  const unknown = new Uint8Array([...new Array(40).fill(0), 0x00, 0x20, 0, 0, 1, 2]);
  assert.equal(
    printFrame(LinkType.IPOIB, unknown),
    ", ethertype Unknown (0x0020), length 46: \n\t0x0000:  0102                                     ..",
  );
  assert.equal(printFrame(LinkType.IPOIB, bytes.subarray(0, 43)), " [|ipoib]");
});

Deno.test("an ARP packet with InfiniBand addresses prints the hardware type's name", () => {
  const url = new URL("../testdata/crafted/ipoib_frames.pcap", import.meta.url);
  const record = readCapture(url.href)[2]!;
  assert.equal(
    printFrame(LinkType.IPOIB, record.data, { link: true, verbose: 1 }, record.originalLength),
    "IPOIB, ethertype ARP (0x0806), length 100: InfiniBand (len 20), IPv4 (len 4), " +
      "Request who-has 10.0.0.2 tell 10.0.0.1, length 56",
  );
});
