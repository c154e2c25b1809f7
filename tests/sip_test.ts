import assert from "node:assert/strict";
import { decodeSip } from "../lib/app/sip.ts";
import { DecodeError } from "../lib/errors.ts";
import { ascii, decodeUdpApp, udpAppLine } from "./_udp_app.ts";

const PORTS = { sourcePort: 5060, destinationPort: 5060 };
const INVITE = ascii(
  "INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP pc33.atlanta.com\r\n" +
    "Max-Forwards: 70\r\n\r\n",
);

Deno.test("decodeSip() reads the method or the status code", () => {
  assert.equal(decodeSip(INVITE).method, "INVITE");
  assert.equal(decodeSip(ascii("register sip:x SIP/2.0\n")).method, "REGISTER");
  assert.equal(decodeSip(ascii("SIP/2.0 180 Ringing\r\n")).statusCode, 180);
  assert.equal(decodeSip(ascii("HELLO world\r\n")).recognized, false);
  assert.throws(() => decodeSip(new Uint8Array(0)), DecodeError);
});

Deno.test("decodeSip() reads lines up to binary data or the end", () => {
  const lines = decodeSip(INVITE).lines();
  assert.equal(lines.lines.length, 4);
  assert.equal(lines.stop, "end");
  assert.equal(decodeSip(ascii("ACK x\r\nTo: a\x01\r\n")).lines().stop, "binary");
  assert.equal(decodeSip(ascii("ACK x\r\nTo: a")).lines().stop, "unterminated");
});

Deno.test("decode() binds SIP to UDP port 5060", () => {
  assert.equal(decodeUdpApp(INVITE, PORTS).layer("sip")?.method, "INVITE");
});

Deno.test("printSip() prints the first line, or every line at -v, as tcpdump does", () => {
  assert.equal(
    udpAppLine(INVITE, PORTS),
    "IP 10.0.0.1.5060 > 10.0.0.2.5060: SIP: INVITE sip:bob@biloxi.com SIP/2.0",
  );
  assert.equal(
    udpAppLine(INVITE, PORTS, 1).split("\n").slice(1).join("\n"),
    `    10.0.0.1.5060 > 10.0.0.2.5060: SIP, length: ${INVITE.length}\n` +
      "\tINVITE sip:bob@biloxi.com SIP/2.0\n\tVia: SIP/2.0/UDP pc33.atlanta.com\n" +
      "\tMax-Forwards: 70\n\t",
  );
  assert.equal(
    udpAppLine(INVITE, { ...PORTS, snapLength: 28 + 20 }),
    "IP 10.0.0.1.5060 > 10.0.0.2.5060: SIP [|sip]",
  );
  assert.equal(udpAppLine(ascii("HELLO\r\n"), PORTS), "IP 10.0.0.1.5060 > 10.0.0.2.5060: SIP");
});
