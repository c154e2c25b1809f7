import assert from "node:assert/strict";
import { decodeTelnet, telnetDecoder } from "../lib/app/telnet.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";

/** A TCP segment [P.] from port 1550 to 23 with `data`, in IPv4 from 10.0.0.1 to 10.0.0.2. */
function segment(data: number[]): Uint8Array {
  const tcp = new Uint8Array([
    0x06,
    0x0e,
    0x00,
    0x17,
    0,
    0,
    0x03,
    0xe8,
    0,
    0,
    0x07,
    0xd0,
    0x50,
    0x18,
    0x02,
    0x00,
    0,
    0,
    0,
    0,
  ]);
  return ipv4Packet(6, [10, 0, 0, 1], [10, 0, 0, 2], concatBytes(tcp, new Uint8Array(data)));
}

/** What follows `length N` in the -n line. */
function printed(ip: Uint8Array, originalLength = ip.length): string {
  const packet = decode(LinkType.RAW, ip);
  const line = new TcpdumpPrinter({ timestamps: "none" }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength,
  });
  return line.replace(/^.*length \d+/, "");
}

Deno.test("decodeTelnet() reads negotiation and subnegotiation", () => {
  const telnet = decodeTelnet(new Uint8Array([255, 253, 3, 255, 250, 24, 1, 255, 240, 0x61]));
  assert.equal(telnet.kind, "telnet");
  assert.deepEqual(telnet.commands, [
    { offset: 0, length: 3, command: 253, option: 3 },
    { offset: 3, length: 6, command: 250, option: 24, parameters: [1] },
  ]);
  assert.equal(telnet.commandsEnd, "data");
  assert.equal(decodeTelnet(new Uint8Array([255, 250, 24, 1])).commandsEnd, "cut");
  assert.equal(decodeTelnet(new Uint8Array([255, 100])).commandsEnd, "invalid");
  assert.equal(telnetDecoder.create().kind, "telnet");
});

// The expected texts are tcpdump 4.99.3's (-n) for the same segments.
Deno.test("printTelnet() prints the commands as tcpdump does", () => {
  const cases: [number[], string][] = [
    [
      [255, 253, 3, 255, 251, 24, 255, 251, 31],
      " [telnet DO SUPPRESS GO AHEAD, WILL TERMINAL TYPE, WILL NAWS]",
    ],
    [[255, 250, 24, 1, 255, 240], " [telnet SB TERMINAL TYPE SEND SE]"],
    [
      [255, 250, 37, 2, 1, 0x41, 0, 255, 240],
      " [telnet SB AUTHENTICATION REPLY KERBEROS_V4 0x41 0 SE]",
    ],
    [[255, 250, 38, 1, 3, 255, 240], " [telnet SB ENCRYPT SUPPORT DES3_CFB64 SE]"],
    [
      [255, 250, 200, 9, 255, 240, 255, 241, 255, 255, 255, 244, 0x61],
      " [telnet SB 0xc8 0x9 SE, NOP, IAC IAC, IP]",
    ],
    [[255, 251, 99, 255, 246], " [telnet WILL 0x63, AYT]"],
    [[0x61, 255, 253, 3], ""],
    [[255, 253], ""],
    [[255, 250, 24, 1, 2], ""],
    [[255, 100, 3], ""],
  ];
  for (const [data, expected] of cases) assert.equal(printed(segment(data)), expected);
});

Deno.test("printTelnet() marks a segment cut by the capture", () => {
  const ip = segment([255, 253, 1, 255, 250, 24, 1, 2, 3, 255, 240]);
  assert.equal(printed(ip.subarray(0, ip.length - 4), ip.length), " [telnet DO ECHO [|telnet]");
  // The segment ends just after a subnegotiation's option: tcpdump reads the byte past it
  // for an IAC (telnet-iac-check-oobr.pcap of tcpdump's tests): cut, that command unprinted.
  const option = segment([255, 253, 1, 255, 250, 24, 1, 255, 240, 255, 250, 0x7b]);
  assert.equal(decodeTelnet(option.subarray(40)).commandsEnd, "option");
  assert.equal(printed(option), " [telnet DO ECHO, SB TERMINAL TYPE SEND SE [|telnet]");
  // Nothing of the segment captured: tcpdump's first read fails.
  assert.equal(printed(ip.subarray(0, 40), ip.length), " [|telnet]");
});

Deno.test("printTelnet() dumps the whole frame after a truncation, as tcpdump's longjmp does", () => {
  const ip = segment([255, 253, 1, 255, 250, 24, 1, 2, 3, 255, 240]);
  const frame = concatBytes(
    new Uint8Array([0, 0, 0xc0, 0x9f, 0xa0, 0x97, 0, 0xa0, 0xcc, 0x3b, 0xbf, 0xfa, 8, 0]),
    ip.subarray(0, ip.length - 4),
  );
  const text = new TcpdumpPrinter({ timestamps: "none", hex: 1 }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength: frame.length + 4 },
  );
  // The dump starts at the Ethernet header, not at the IP header.
  assert.ok(text.includes("[|telnet]\n\t0x0000:  0000 c09f a097 00a0 cc3b bffa 0800 4500"));
});

Deno.test("printTelnet() shows each command's bytes with -X and -vvv, as tcpdump does", () => {
  const ip = segment([255, 253, 3, 255, 251, 24, 255, 251, 31]);
  const text = new TcpdumpPrinter({ timestamps: "none", verbose: 3, hex: 1, ascii: true })
    .format(decode(LinkType.RAW, ip), { seconds: 0, nanoseconds: 0, originalLength: ip.length });
  assert.match(
    text,
    new RegExp(
      "length 9\\nTelnet:\\n0x0000:  fffd 03               \\tDO SUPPRESS GO AHEAD\\n" +
        "0x0003:  fffb 18               \\tWILL TERMINAL TYPE\\n" +
        "0x0006:  fffb 1f               \\tWILL NAWS\\n\\n\\t0x0000:  4500 0031",
    ),
  );
});
