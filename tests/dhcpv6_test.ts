import assert from "node:assert/strict";
import { decodeDhcpv6 } from "../lib/app/dhcpv6.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeUdpApp, udpAppLine } from "./_udp_app.ts";

const PORTS = { sourcePort: 546, destinationPort: 547, ipv6: true };

// A solicit, as in tcpdump's dhcpv6-ia-na.pcap: xid 0x90b45c, client ID (DUID-LL), option
// request (23, 24), elapsed time 0, IA_NA IAID 33752069 T1 3600 T2 5400.
const SOLICIT = new Uint8Array([
  0x01,
  0x90,
  0xb4,
  0x5c, //
  0x00,
  0x01,
  0x00,
  0x0a,
  0x00,
  0x03,
  0x00,
  0x01,
  0x00,
  0x01,
  0x02,
  0x03,
  0x04,
  0x05,
  0x00,
  0x06,
  0x00,
  0x04,
  0x00,
  0x17,
  0x00,
  0x18, //
  0x00,
  0x08,
  0x00,
  0x02,
  0x00,
  0x00, //
  0x00,
  0x03,
  0x00,
  0x0c,
  0x02,
  0x03,
  0x04,
  0x05,
  0,
  0,
  0x0e,
  0x10,
  0,
  0,
  0x15,
  0x18,
]);

Deno.test("decodeDhcpv6() reads the message type, transaction ID and options", () => {
  const dhcp = decodeDhcpv6(SOLICIT);
  assert.equal(dhcp.messageType, 1);
  assert.equal(dhcp.transactionId, 0x90b45c);
  const { options, truncated } = dhcp.options();
  assert.equal(truncated, false);
  assert.deepEqual(options.map((o) => o.code), [1, 6, 8, 3]);
  assert.equal(options[3]?.uint32(4), 3600);
});

Deno.test("decodeDhcpv6() marks an option cut short", () => {
  const dhcp = decodeDhcpv6(SOLICIT.subarray(0, 20));
  assert.equal(dhcp.options().truncated, true);
  assert.equal(dhcp.options().options.length, 1);
  assert.throws(() => decodeDhcpv6(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() binds DHCPv6 to UDP ports 546 and 547", () => {
  assert.equal(decodeUdpApp(SOLICIT, PORTS).layer("dhcpv6")?.transactionId, 0x90b45c);
});

Deno.test("printDhcpv6() prints the message type, and the options at -v, as tcpdump does", () => {
  assert.equal(
    udpAppLine(SOLICIT, PORTS),
    "IP6 2001:db8::1.546 > 2001:db8::2.547: dhcp6 solicit",
  );
  assert.equal(
    udpAppLine(SOLICIT, PORTS, 1).split("\n")[0]!.replace(/^.*: \[udp sum ok\] /, ""),
    "dhcp6 solicit (xid=90b45c (client-ID hwaddr type 1 000102030405) " +
      "(option-request DNS-server DNS-search-list) (elapsed-time 0) " +
      "(IA_NA IAID:33752069 T1:3600 T2:5400))",
  );
  assert.equal(
    udpAppLine(SOLICIT, { ...PORTS, snapLength: 40 + 8 + 20 }, 1).replace(/^.*: /, ""),
    "dhcp6 solicit (xid=90b45c (client-ID hwaddr type 1 000102030405) [|dhcp6])",
  );
});
