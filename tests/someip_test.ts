import assert from "node:assert/strict";
import { decodeSomeIp, SomeIp, someIpDecoder } from "../lib/app/someip.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeUdpApp, udpAppLine } from "./_udp_app.ts";

const PORTS = { sourcePort: 56001, destinationPort: 30490 };

// Service 1, method 2, length 8, client 8, session 5, versions 1 and 1, REQUEST_NO_RETURN,
// E_OK (as in tcpdump's someip2.pcap).
const REQUEST = new Uint8Array([0, 1, 0, 2, 0, 0, 0, 8, 0, 8, 0, 5, 1, 1, 1, 0]);

// An event notification of service 65535 (bit 15 of the Message ID set) with a payload.
const NOTIFICATION = new Uint8Array([
  ...[0xff, 0xff, 0x81, 0x00, 0, 0, 0, 12, 0, 0, 0, 0, 1, 1, 2, 0x0f],
  ...[1, 2, 3, 4],
]);

Deno.test("decodeSomeIp() reads the header's fields", () => {
  const layer = decodeSomeIp(REQUEST);
  assert.ok(layer instanceof SomeIp);
  assert.deepEqual(layer.toJSON(), {
    serviceId: 1,
    event: false,
    methodId: 2,
    length: 8,
    clientId: 8,
    sessionId: 5,
    protocolVersion: 1,
    interfaceVersion: 1,
    messageType: 1,
    returnCode: 0,
  });
  assert.equal(layer.headerLength, 16);
  const event = decodeSomeIp(NOTIFICATION);
  assert.deepEqual([event.serviceId, event.event, event.methodId], [65535, true, 256]);
  assert.deepEqual([event.messageType, event.returnCode], [2, 15]);
});

Deno.test("decodeSomeIp() keeps the captured bytes of a cut header and reads the rest as 0", () => {
  const layer = decodeSomeIp(REQUEST.subarray(0, 9));
  assert.equal(layer.captured, 9);
  assert.equal(layer.length, 8);
  assert.deepEqual([layer.clientId, layer.protocolVersion, layer.messageType], [0, 0, 0]);
});

Deno.test("decodeSomeIp() rejects a message with no byte", () => {
  assert.throws(() => decodeSomeIp(new Uint8Array(0)), DecodeError);
});

Deno.test("someIpDecoder is bound to UDP port 30490", () => {
  assert.deepEqual(someIpDecoder.bindings.udpPorts, [30490]);
  assert.equal(decodeUdpApp(REQUEST, PORTS).layer("someip")?.sessionId, 5);
});

Deno.test("printSomeIp() writes the header as tcpdump 4.99 does, with its line break", () => {
  assert.equal(
    udpAppLine(REQUEST, PORTS),
    "IP 10.0.0.1.56001 > 10.0.0.2.30490: SOMEIP, service 1, method 2, len 8, client 8, " +
      "session 5, pver 1, iver 1, msgtype REQUEST_NO_RETURN, retcode E_OK\n",
  );
  assert.equal(
    udpAppLine(NOTIFICATION, { sourcePort: 30490, destinationPort: 31490 }),
    "IP 10.0.0.1.30490 > 10.0.0.2.31490: SOMEIP, service 65535, event 256, len 12, client 0, " +
      "session 0, pver 1, iver 1, msgtype NOTIFICATION, retcode E_E2E_NO_NEW_DATA\n",
  );
});

Deno.test("printSomeIp() names unknown message types and return codes Unknown", () => {
  const odd = REQUEST.slice();
  odd[14] = 0x03;
  odd[15] = 0x10;
  assert.match(udpAppLine(odd, PORTS), /msgtype Unknown, retcode Unknown\n$/);
});

Deno.test("printSomeIp() calls a payload shorter than the header invalid", () => {
  assert.equal(
    udpAppLine(REQUEST.subarray(0, 15), PORTS),
    "IP 10.0.0.1.56001 > 10.0.0.2.30490: SOMEIP (invalid)",
  );
  assert.equal(
    udpAppLine(new Uint8Array(0), PORTS),
    "IP 10.0.0.1.56001 > 10.0.0.2.30490: SOMEIP (invalid)",
  );
});

Deno.test("printSomeIp() stops at each field the capture cut", () => {
  const cut = (n: number) => udpAppLine(REQUEST, { ...PORTS, snapLength: 28 + n }).slice(36);
  assert.equal(cut(0), "SOMEIP [|someip]");
  assert.equal(cut(3), "SOMEIP [|someip]");
  assert.equal(cut(4), "SOMEIP, service 1, method 2 [|someip]");
  assert.equal(cut(8), "SOMEIP, service 1, method 2, len 8 [|someip]");
  assert.equal(cut(12), "SOMEIP, service 1, method 2, len 8, client 8, session 5 [|someip]");
  assert.equal(
    cut(13),
    "SOMEIP, service 1, method 2, len 8, client 8, session 5, pver 1 [|someip]",
  );
  assert.match(cut(14), /, iver 1 \[\|someip\]$/);
  assert.match(cut(15), /, msgtype REQUEST_NO_RETURN \[\|someip\]$/);
});

Deno.test("printSomeIp() leaves a datagram from DNS's port to DNS", () => {
  assert.match(udpAppLine(REQUEST, { sourcePort: 53, destinationPort: 30490 }), /\.30490: 1 /);
});
