import assert from "node:assert/strict";
import { decodeSyslog } from "../lib/app/syslog.ts";
import { DecodeError } from "../lib/errors.ts";
import { ascii, decodeUdpApp, udpAppLine } from "./_udp_app.ts";
import { printFrame } from "./_print_layer.ts";
import { readCapture } from "./_pcap_fixture.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";

const PORTS = { sourcePort: 47565, destinationPort: 514 };

Deno.test("decodeSyslog() reads the priority, facility and severity", () => {
  const syslog = decodeSyslog(ascii("<165>1 2003-10-11T22:14:15Z host app - - hi"));
  assert.equal(syslog.priority, 165);
  assert.equal(syslog.facility, 20);
  assert.equal(syslog.severity, 5);
  assert.equal(syslog.headerLength, 5);
  assert.equal(syslog.message.slice(0, 2), "1 ");
});

Deno.test("decodeSyslog() marks a missing or cut priority", () => {
  assert.equal(decodeSyslog(ascii("<1x>")).malformed, true);
  assert.equal(decodeSyslog(ascii("<12")).truncated, true);
  assert.throws(() => decodeSyslog(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() binds syslog to UDP port 514", () => {
  const packet = decodeUdpApp(ascii("<6>kernel: hi"), PORTS);
  assert.equal(packet.layer("syslog")?.priority, 6);
});

Deno.test("printSyslog() prints the facility and severity as tcpdump does", () => {
  // tcpdump -n -r syslog_udp.pcap (tcpdump's tests): "SYSLOG kernel.notice, length: 51"
  const message = ascii("<5>Oct 10 15:16:12 host kernel: test message...");
  assert.equal(
    udpAppLine(message, PORTS),
    `IP 10.0.0.1.47565 > 10.0.0.2.514: SYSLOG kernel.notice, length: ${message.length}`,
  );
  assert.equal(
    udpAppLine(ascii("<1\x01>"), PORTS),
    "IP 10.0.0.1.47565 > 10.0.0.2.514:  (invalid)",
  );
});

Deno.test("printSyslog() prints the message at -v, with control characters escaped", () => {
  const line = udpAppLine(ascii("<14>a\tb\xe9"), PORTS, 1);
  assert.equal(
    line.split("\n").slice(1).join("\n"),
    "    10.0.0.1.47565 > 10.0.0.2.514: SYSLOG, length: 8\n" +
      "\tFacility user (1), Severity info (6)\n\tMsg: a^IbM-i",
  );
});

const EDGES = new URL("../testdata/crafted/syslog_edges.pcap", import.meta.url);

Deno.test("printSyslog() reads past the UDP length as tcpdump does, an empty datagram too", () => {
  // tcpdump 4.99.3 -n -t -r testdata/crafted/syslog_edges.pcap (rtp-seg-fault-2.pcapng of
  // tcpdump's tests has an empty datagram to port 514 followed by other bytes: invalid).
  const lines = readCapture(EDGES.href).slice(0, 6).map((p) =>
    printFrame(LinkType.RAW, p.data, {}, p.originalLength)
  );
  assert.deepEqual(lines, [
    "IP 10.0.0.1.40000 > 10.0.0.2.514:  [|syslog]",
    "IP 10.0.0.1.40000 > 10.0.0.2.514:  (invalid)",
    "IP 10.0.0.1.40000 > 10.0.0.2.514: SYSLOG user.notice, length: 0",
    "IP 10.0.0.1.40000 > 10.0.0.2.514:  [|syslog]",
    "IP 10.0.0.1.514 > 10.0.0.2.40000:  [|syslog]",
    "IP 10.0.0.1.40000 > 10.0.0.2.514: SYSLOG user.notice, length: 2",
  ]);
  const pastLength = decode(LinkType.RAW, readCapture(EDGES.href)[5]!.data).layer("syslog");
  assert.equal(pastLength?.priority, 13);
  assert.equal(pastLength?.wireLength, 2);
  // Its header ends with the UDP length, not past it (bench/fuzz.ts, seed 31).
  assert.equal(pastLength?.headerLength, 2);
  assert.equal(pastLength?.message, "");
});

Deno.test("printSyslog() stops the packet where the capture cuts the message", () => {
  // tcpdump -n -t -v: the message's captured characters, then the mark.
  const cut = readCapture(EDGES.href)[14]!;
  assert.equal(
    printFrame(LinkType.RAW, cut.data, { verbose: 1 }, cut.originalLength).split("\n").at(-1),
    "\tMsg: 1 [|syslog]",
  );
});
