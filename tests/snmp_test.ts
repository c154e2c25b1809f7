import assert from "node:assert/strict";
import { decodeSnmp } from "../lib/app/snmp.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeUdpApp, udpAppLine } from "./_udp_app.ts";

const PORTS = { sourcePort: 1024, destinationPort: 161 };

// SNMPv2c GetResponse, community "private", request ID 1234:
// sysDescr.0 = "Linux", sysUpTime.0 = TimeTicks 123456.
const RESPONSE = new Uint8Array([
  0x30,
  0x3a,
  0x02,
  0x01,
  0x01,
  0x04,
  0x07,
  0x70,
  0x72,
  0x69,
  0x76,
  0x61,
  0x74,
  0x65,
  0xa2,
  0x2c,
  0x02,
  0x02,
  0x04,
  0xd2,
  0x02,
  0x01,
  0x00,
  0x02,
  0x01,
  0x00,
  0x30,
  0x20,
  0x30,
  0x0d,
  0x06,
  0x08,
  0x2b,
  0x06,
  0x01,
  0x02,
  0x01,
  0x01,
  0x01,
  0x00,
  0x04,
  0x01,
  0x4c, //
  0x30,
  0x0f,
  0x06,
  0x08,
  0x2b,
  0x06,
  0x01,
  0x02,
  0x01,
  0x01,
  0x03,
  0x00,
  0x43,
  0x03,
  0x01,
  0xe2,
  0x40,
]);

Deno.test("decodeSnmp() reads the version, community, PDU and variable bindings", () => {
  const snmp = decodeSnmp(RESPONSE);
  assert.equal(snmp.version, 1);
  assert.equal(snmp.community, "private");
  assert.equal(snmp.pduType, 2);
  const names = snmp.fields.filter((f) => f.role === "name").map((f) => snmp.oid(f.element!));
  assert.deepEqual(names, [".1.3.6.1.2.1.1.1.0", ".1.3.6.1.2.1.1.3.0"]);
  const values = snmp.fields.filter((f) => f.role === "value").map((f) => f.element!);
  assert.equal(values[1]?.type, "unsigned");
  assert.equal(values[1]?.unsigned, 123456);
});

Deno.test("decodeSnmp() records where a message is cut short or malformed", () => {
  const cut = decodeSnmp(RESPONSE.subarray(0, 20));
  // Without a UDP header, the bytes are the whole message: its sequence is too long.
  assert.equal(cut.fields[0]?.problem, "[len18<asnlen58]");
  const notSequence = decodeSnmp(new Uint8Array([0x02, 0x01, 0x05]));
  assert.equal(notSequence.fields[0]?.mismatch, true);
  assert.throws(() => decodeSnmp(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() binds SNMP to UDP ports 161 and 162", () => {
  assert.equal(decodeUdpApp(RESPONSE, PORTS).layer("snmp")?.community, "private");
  assert.equal(
    decodeUdpApp(RESPONSE, { sourcePort: 1024, destinationPort: 162 }).layer("snmp")?.version,
    1,
  );
});

Deno.test("printSnmp() prints the PDU and bindings as tcpdump -n does", () => {
  assert.equal(
    udpAppLine(RESPONSE, PORTS),
    'IP 10.0.0.1.1024 > 10.0.0.2.161:  C="private" GetResponse(44)  ' +
      '.1.3.6.1.2.1.1.1.0="L" .1.3.6.1.2.1.1.3.0=123456',
  );
  assert.equal(
    udpAppLine(RESPONSE, PORTS, 1).split("\n")[1],
    '    10.0.0.1.1024 > 10.0.0.2.161:  { SNMPv2c C="private" { GetResponse(44) R=1234  ' +
      '.1.3.6.1.2.1.1.1.0="L" .1.3.6.1.2.1.1.3.0=123456 } } ',
  );
  assert.equal(
    udpAppLine(RESPONSE, { ...PORTS, snapLength: 28 + 20 }),
    "IP 10.0.0.1.1024 > 10.0.0.2.161:   [|snmp]",
  );
});
