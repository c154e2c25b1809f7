import assert from "node:assert/strict";
import { decodeWhois, Whois, whoisDecoder } from "../lib/app/whois.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { tcpSegment } from "./_tcp_segment.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

const segment = tcpSegment;

/** The packet's line(s) after the TCP header's `length N`, keeping `snap` bytes of it. */
function payloadText(packet: Uint8Array, verbose = 0, snap = packet.length): string {
  const printed = new TcpdumpPrinter({ timestamps: "none", verbose, absoluteSequence: true })
    .format(decode(LinkType.RAW, packet.subarray(0, snap)), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: packet.length,
    });
  return printed.slice(printed.indexOf(", length ", printed.indexOf("win ")));
}

const ANSWER = text("% IANA WHOIS server\n\ndomain:       EXAMPLE.COM\n");

Deno.test("decodeWhois() reads a segment's lines", () => {
  const layer = decodeWhois(ANSWER);
  assert.ok(layer instanceof Whois);
  assert.deepEqual(layer.lines, ["% IANA WHOIS server", "", "domain:       EXAMPLE.COM"]);
  assert.equal(layer.textLines.stop, "end");
  assert.equal(decodeWhois(text("example.com")).textLines.stop, "unterminated");
});

Deno.test("decodeWhois() rejects an empty segment", () => {
  assert.throws(() => decodeWhois(new Uint8Array(0)), DecodeError);
});

Deno.test("whoisDecoder is bound to TCP port 43, after SMTP's port and before BGP's", () => {
  assert.deepEqual(whoisDecoder.bindings.tcpPorts, [43]);
  assert.equal(
    payloadText(segment(44188, 43, text("example.com\r\n"))),
    ", length 13: WHOIS: example.com",
  );
  assert.match(payloadText(segment(43, 25, text("EHLO a\r\n"))), /: SMTP: EHLO a$/);
  assert.match(payloadText(segment(179, 43, text("a\r\n"))), /: WHOIS: a$/);
});

Deno.test("printWhois() prints the first line, and with -v the length and every line", () => {
  const packet = segment(43, 44188, ANSWER);
  assert.equal(payloadText(packet), ", length 47: WHOIS: % IANA WHOIS server");
  assert.equal(
    payloadText(packet, 1),
    ", length 47: WHOIS, length: 47\n\t% IANA WHOIS server\n\t\n\tdomain:       EXAMPLE.COM",
  );
});

Deno.test("printWhois() marks an unterminated line and a line the capture cuts", () => {
  const packet = segment(43, 44188, text("first line\r\nsecond"));
  assert.equal(
    payloadText(packet, 1),
    ", length 18: WHOIS, length: 18\n\tfirst line\n\tsecond [|whois]",
  );
  assert.equal(payloadText(packet, 0, 40 + 5), ", length 18: WHOIS [|whois]");
  assert.equal(payloadText(packet, 0, 40), ", length 18: WHOIS [|whois]");
  assert.equal(payloadText(packet, 1, 40), ", length 18: WHOIS, length: 18 [|whois]");
});
