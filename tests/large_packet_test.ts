// Packets larger than a function call takes arguments (about 120,000): an IPv6 jumbogram
// of 200,000 bytes to each text protocol's port decodes, prints and serialises as the
// small ones do (String.fromCharCode(...bytes) threw "Maximum call stack size exceeded").

import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";

const SIZE = 200_000;
const encoder = new TextEncoder();

/** An Ethernet frame of an IPv6 jumbogram (RFC 2675) carrying `transport`. */
function jumbogram(nextHeader: number, transport: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + 40 + 8 + transport.length);
  const view = new DataView(frame.buffer);
  frame.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd]);
  view.setUint32(14, 0x60000000);
  frame[14 + 6] = 0; // hop-by-hop options next; the payload length field is 0
  frame[14 + 7] = 64;
  frame.set([0x20, 0x01, 0x0d, 0xb8], 14 + 8);
  frame[14 + 23] = 1;
  frame.set([0x20, 0x01, 0x0d, 0xb8], 14 + 24);
  frame[14 + 39] = 2;
  frame.set([nextHeader, 0, 0xc2, 4], 54);
  view.setUint32(58, 8 + transport.length);
  frame.set(transport, 62);
  return frame;
}

function tcp(port: number, payload: Uint8Array): Uint8Array {
  const segment = new Uint8Array(20 + payload.length);
  const view = new DataView(segment.buffer);
  view.setUint16(0, 40000);
  view.setUint16(2, port);
  view.setUint32(4, 1);
  segment[12] = 0x50;
  segment[13] = 0x18;
  view.setUint16(14, 65535);
  segment.set(payload, 20);
  return jumbogram(6, segment);
}

function udp(port: number, payload: Uint8Array): Uint8Array {
  // A jumbogram's UDP length is 0 (RFC 2675 section 4).
  const datagram = new Uint8Array(8 + payload.length);
  new DataView(datagram.buffer).setUint16(0, 40000);
  new DataView(datagram.buffer).setUint16(2, port);
  datagram.set(payload, 8);
  return jumbogram(17, datagram);
}

/** A text line of `SIZE` bytes after `prefix`, then `suffix`. */
function line(prefix: string, suffix = "\r\n"): Uint8Array {
  return encoder.encode(prefix + "A".repeat(SIZE) + suffix);
}

const PACKETS: [string, Uint8Array][] = [
  ["http request", tcp(80, line("GET /", " HTTP/1.1\r\nHost: x\r\n\r\n"))],
  ["http, no line end", tcp(80, line("GET /", ""))],
  ["rtsp", tcp(554, line("DESCRIBE rtsp://", " RTSP/1.0\r\nCSeq: 1\r\n\r\n"))],
  ["ftp", tcp(21, line("USER "))],
  ["smtp", tcp(25, line("MAIL FROM:<", ">\r\n"))],
  ["ssh banner", tcp(22, line("SSH-2.0-"))],
  ["telnet", tcp(23, line(""))],
  ["syslog", udp(514, line("<13>"))],
  ["sip", udp(5060, line("INVITE sip:", " SIP/2.0\r\nCall-ID: 1\r\n\r\n"))],
  ["tftp", udp(69, line("\0\x01", "\0octet\0"))],
];

const OPTIONS: TcpdumpOptions[] = [{}, { verbose: 1 }, { verbose: 2 }, { asciiPayload: 1 }, {
  hex: 1,
  ascii: true,
}];

for (const [name, frame] of PACKETS) {
  Deno.test(`decode() and TcpdumpPrinter take a ${SIZE}-byte jumbogram: ${name}`, () => {
    const packet = decode(LinkType.EN10MB, frame);
    assert.ok(packet.layers.length >= 4, packet.layers.map((layer) => layer.kind).join(" "));
    assert.ok(JSON.stringify(packet).length > 0);
    for (const options of OPTIONS) {
      const text = new TcpdumpPrinter({ ...options, timestamps: "none" }).format(packet, {
        seconds: 0,
        nanoseconds: 0,
        originalLength: frame.length,
      });
      assert.match(text, /^IP6 [^\n]*2001:db8::1/, JSON.stringify(options));
    }
  });
}
