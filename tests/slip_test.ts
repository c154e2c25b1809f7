import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { IP_UDP, IP_UDP_TEXT } from "./_ip_fixture.ts";
import { decode } from "../lib/decode.ts";
import { LinkType, linkTypeName } from "../lib/link_type.ts";
import { decodeSlip, decodeSlipBsdos } from "../lib/link/slip.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4, buildTcp } from "../lib/craft/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

/** A TCP segment with 5 bytes of data (the length compressed headers remember). */
const TCP = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: 6,
  payload: buildTcp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 1024,
    destinationPort: 23,
    sequence: 1000,
    acknowledgment: 2000,
    flags: 0x18,
    window: 4096,
    payload: new TextEncoder().encode("hello"),
  }),
});
const TCP_TEXT =
  "10.0.0.1.1024 > 10.0.0.2.23: Flags [P.], seq 1000:1005, ack 2000, win 4096, length 5";

/** A pseudo-header (the direction, then the compressed header padded to 15 bytes), then `ip`. */
function frame(direction: number, header: number[], ip: Uint8Array = IP_UDP): Uint8Array {
  const bytes = new Uint8Array(16 + ip.length);
  bytes[0] = direction;
  bytes.set(header.slice(0, 15), 1);
  bytes.set(ip, 16);
  return bytes;
}

Deno.test("the link types are named as libpcap names them", () => {
  assert.equal(linkTypeName(8), "SLIP");
  assert.equal(linkTypeName(15), "SLIP_BSDOS");
});

Deno.test("decodeSlip() reads the direction and type, and rejects a truncated header", () => {
  const slip = decodeSlip(frame(1, [0x40]));
  assert.equal(slip.direction, 1);
  assert.equal(slip.packetType, 0x40);
  assert.equal(slip.ipVersion, 4);
  assert.equal(slip.compressedHeader.length, 15);
  assert.deepEqual(decode(LinkType.SLIP, frame(0, [0x40])).layers.map((l) => l.kind), [
    "slip",
    "ipv4",
    "udp",
  ]);
  assert.deepEqual(
    decode(LinkType.SLIP, frame(0, [0x40], new Uint8Array([0x35]))).layers.map((l) => l.kind),
    ["slip"],
  );
  assert.equal(decodeSlip(frame(0, [0x40], new Uint8Array())).ipVersion, -1);
  assert.throws(() => decodeSlip(frame(0, [0x40]).subarray(0, 15)), {
    message: "Cannot decode SLIP header: 16 bytes required, received 15",
  });
  assert.throws(() => decodeSlipBsdos(new Uint8Array(15)), {
    message: "Cannot decode BSD/OS SLIP header: 16 bytes required, received 15",
  });
});

Deno.test("printSlip() prints the direction and packet type with -e", () => {
  assert.equal(printFrame(LinkType.SLIP, frame(0, [0x40])), `IP ${IP_UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.SLIP, frame(0, [0x40]), { link: true }),
    `I ip 46: ${IP_UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.SLIP, frame(9, [0x70, 0, 0, 0, 0, 0, 0, 0, 0, 5]), { link: true }),
    `Invalid direction 9 utcp 5: ${IP_UDP_TEXT}`,
  );
  assert.equal(
    printFrame(LinkType.SLIP, frame(1, [0x5a]), { link: true }),
    `O slip-90!: ${IP_UDP_TEXT}`,
  );
  assert.equal(printFrame(LinkType.SLIP, frame(0, [0x40], new Uint8Array([0x35]))), "ip v3");
  assert.equal(printFrame(LinkType.SLIP, frame(0, [0x40], new Uint8Array())), " [|slip]");
  assert.equal(printFrame(LinkType.SLIP, frame(0, [0x40]).subarray(0, 15)), " [|slip]");
});

Deno.test("printSlip() prints a compressed header's changes and remembers data lengths", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none", link: true, absoluteSequence: true });
  const line = (bytes: Uint8Array) =>
    printer.format(decode(LinkType.SLIP, bytes), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: bytes.length,
    });
  assert.equal(line(frame(1, [0xcf, 0x07, 0x12, 0x34], TCP)), `O ctcp 7 *S+0 5 (4): ${TCP_TEXT}`);
  assert.equal(line(frame(1, [0x8b, 0x12, 0x34], TCP)), `O ctcp * *SA+5 5 (3): ${TCP_TEXT}`);
  assert.equal(
    line(frame(0, [0xa7, 0x12, 0x34, 0, 0, 1, 0, 0xff, 0xfe, 0, 0, 3, 9], TCP)),
    `I ctcp * U=1 W-2 A+3 I+9 5 (12): ${TCP_TEXT}`,
  );
  // A one-byte change does not move past its byte (as tcpdump reads it).
  assert.equal(
    line(frame(0, [0x87, 0x12, 0x34, 6], TCP)),
    `I ctcp * U=6 W+6 A+6 5 (3): ${TCP_TEXT}`,
  );
  // The I change's last byte, then the IP header, were not captured.
  const cut = [0xe7, 5, 0x12, 0x34, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0];
  assert.equal(line(frame(0, cut, new Uint8Array())), "I ctcp 5 U=1 W+2 A+3 [|slip]");
  assert.equal(line(frame(0, cut, new Uint8Array([4]))), "I ctcp 5 U=1 W+2 A+3 I+4 [|slip]");
});

Deno.test("printSlipBsdos() prints the IPv4 packet alone", () => {
  assert.equal(printFrame(LinkType.SLIP_BSDOS, frame(0, [0x40])), `IP ${IP_UDP_TEXT}`);
  assert.equal(printFrame(LinkType.SLIP_BSDOS, frame(0, [0x40]), { link: true }), IP_UDP_TEXT);
  assert.equal(printFrame(LinkType.SLIP_BSDOS, new Uint8Array(15)), " [|slip_bsdos]");
});

Deno.test("a node information reply cut short prints its length and dumps after the link header", () => {
  // tcpdump's icmp6_nodeinfo_oobr.pcap: an ICMPv6 reply of 4 bytes (5 captured) after SLIP.
  const bytes = hex(
    "0000 0000 0000 0000 0000 0000 0800 4510 603c 9c37 0004 3a06 a072 7f00 0001 7f00 " +
      "0001 e01a 0017 6785 c903 0000 0000 a002 8018 fe30 0000 0204 8c00 0402 08",
  );
  const line = "IP6 a072:7f00:1:7f00:1:e01a:17:6785 > c903::a002:8018:fe30:0:204: " +
    "ICMP6, who-are-you reply [|icmp6]";
  assert.equal(printFrame(LinkType.SLIP, bytes), `${line}, length 4`);
  assert.equal(printFrame(LinkType.SLIP, bytes, { verbose: 1 }).endsWith("reply [|icmp6]"), true);
  assert.match(printFrame(LinkType.SLIP, bytes, { hex: 1 }), /\n\t0x0000: {2}603c 9c37/);
});
