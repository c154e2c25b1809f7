import assert from "node:assert/strict";
import { decodeUdpApp, udpAppLine, udpAppPacket } from "./_udp_app.ts";
import { printFrame } from "./_print_layer.ts";
import { buildIpv4, buildTcp } from "../lib/craft/mod.ts";
import { LinkType } from "../lib/link_type.ts";
import { decode } from "../lib/decode.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { tcpdumpPortChoice } from "../lib/print/transport/_empty_payload.ts";
import { rankedPort } from "../lib/transport/_ports.ts";

const EMPTY = new Uint8Array(0);
const TWENTY = new Uint8Array(20);
// The IPv4 and UDP headers: a snap length that keeps no byte of the payload.
const HEADERS = 28;

Deno.test("decode() stops at UDP, without an error, for an empty datagram on a bound port", () => {
  const packet = decodeUdpApp(EMPTY, { sourcePort: 40000, destinationPort: 53 });
  assert.deepEqual(packet.layers.slice(0, packet.count).map((l) => l.kind), ["ipv4", "udp"]);
  assert.equal(packet.error, undefined);
});

Deno.test("decode() stops at UDP for a datagram whose payload was not captured", () => {
  const spec = { sourcePort: 40000, destinationPort: 123, snapLength: HEADERS };
  const packet = decodeUdpApp(TWENTY, spec);
  const udp = packet.layers[packet.count - 1]!;
  assert.equal(udp.kind, "udp");
  assert.equal(udp.kind === "udp" && udp.length, 28);
  assert.equal(packet.error, undefined);
});

Deno.test("printUdp() hands an empty datagram to the port's printer text, as tcpdump", () => {
  const line = (port: number) => udpAppLine(EMPTY, { sourcePort: 40000, destinationPort: port });
  assert.equal(line(5353), "IP 10.0.0.1.40000 > 10.0.0.2.5353: domain [length 0 < 12] (invalid)");
  assert.equal(line(161), "IP 10.0.0.1.40000 > 10.0.0.2.161:  [nothing to parse]");
  assert.equal(line(69), "IP 10.0.0.1.40000 > 10.0.0.2.69: TFTP, length 0 [|tftp]");
  assert.equal(line(4789), "IP 10.0.0.1.40000 > 10.0.0.2.4789: VXLAN (invalid)");
  assert.equal(line(646), "IP 10.0.0.1.40000 > 10.0.0.2.646: ");
  assert.equal(line(3785), "IP 10.0.0.1.40000 > 10.0.0.2.3785: BFD, Echo, length: 0");
  assert.equal(line(7003), "IP 10.0.0.1.40000 > 10.0.0.2.7003:  [|rx] (0)");
  // tcpdump prints neither NFS nor GTP-U without bytes.
  assert.equal(line(2152), "IP 10.0.0.1.40000 > 10.0.0.2.2152: UDP, length 0");
});

Deno.test("printUdp() prints an uncaptured payload as its port's printer does", () => {
  const line = (port: number, snapLength = HEADERS) =>
    udpAppLine(TWENTY, { sourcePort: 40000, destinationPort: port, snapLength });
  assert.equal(line(53), "IP 10.0.0.1.40000 > 10.0.0.2.53:  [|domain]");
  assert.equal(line(6696), "IP 10.0.0.1.40000 > 10.0.0.2.6696: babel [|babel]");
  assert.equal(line(5359), "IP 10.0.0.1.40000 > 10.0.0.2.5359: AHCP [|ahcp]");
  assert.equal(line(319), "IP 10.0.0.1.40000 > 10.0.0.2.319:  [length 20 < 34] (invalid)");
  // One byte is less than the first field that l2tp_print() and mpls_print() read.
  assert.equal(line(1701, HEADERS + 1), "IP 10.0.0.1.40000 > 10.0.0.2.1701:  [|l2tp]");
  assert.equal(line(6635, HEADERS + 1), "IP 10.0.0.1.40000 > 10.0.0.2.6635: MPLS [|mpls]");
});

Deno.test("printUdp() picks the printer in tcpdump's port order, not the lower port", () => {
  // udp_print() tries RIP (520) before ISAKMP (500); decode() binds the lower port.
  const spec = { sourcePort: 500, destinationPort: 520, snapLength: HEADERS };
  assert.equal(udpAppLine(TWENTY, spec), "IP 10.0.0.1.500 > 10.0.0.2.520:  [|rip]");
  // HSRP and BFD are tried as the destination port only.
  const bfd = { sourcePort: 3784, destinationPort: 40000, snapLength: HEADERS };
  assert.equal(udpAppLine(TWENTY, bfd), "IP 10.0.0.1.3784 > 10.0.0.2.40000: UDP, length 20");
});

Deno.test("printUdp() checks an empty IPv6 datagram's checksum at -v before the text", () => {
  const line = udpAppLine(EMPTY, { sourcePort: 40000, destinationPort: 520, ipv6: true }, 1);
  assert.equal(
    line,
    "IP6 (hlim 64, next-header UDP (17) payload length: 8) 2001:db8::1.40000 > " +
      "2001:db8::2.520: [udp sum ok]  [|rip]",
  );
});

/** A raw IPv4 TCP segment (PSH, ACK) to `port` with `length` bytes, `captured` of them kept. */
function tcpLine(port: number, length: number, captured: number, verbose = 0): string {
  const tcp = buildTcp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 40000,
    destinationPort: port,
    sequence: 1,
    acknowledgment: 1,
    flags: { psh: true, ack: true },
    window: 1000,
    payload: new Uint8Array(length),
  });
  const ip = buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 6, payload: tcp });
  const frame = ip.subarray(0, 40 + captured);
  return printFrame(LinkType.RAW, frame, { verbose }, ip.length);
}

Deno.test("printTcp() hands an uncaptured payload to the port's printer text, as tcpdump", () => {
  const head = "IP 10.0.0.1.40000 > 10.0.0.2.";
  const flags = ": Flags [P.], seq 1:21, ack 1, win 1000, length 20";
  assert.equal(tcpLine(22, 20, 0), `${head}22${flags} [|ssh]`);
  assert.equal(tcpLine(179, 20, 0), `${head}179${flags}: BGP`);
  assert.equal(tcpLine(1723, 20, 0), `${head}1723${flags}: pptp [|pptp]`);
  assert.equal(tcpLine(6653, 20, 0), `${head}6653${flags}: OpenFlow [|openflow]`);
  assert.equal(tcpLine(8080, 20, 0), `${head}8080${flags}: HTTP`);
  assert.equal(tcpLine(25, 20, 0, 1).split(", length 20")[1], ": SMTP, length: 20 [|smtp]");
  // LDP's common header is 10 bytes: one captured byte prints as none.
  assert.equal(tcpLine(646, 20, 1), `${head}646${flags} [|ldp]`);
  assert.equal(tcpLine(2049, 20, 0), `${head}2049${flags}`);
});

Deno.test("printTcp() calls a DNS segment shorter than its length prefix invalid", () => {
  assert.equal(
    tcpLine(53, 1, 0),
    "IP 10.0.0.1.40000 > 10.0.0.2.53: Flags [P.], seq 1:2, ack 1, win 1000, length 1 " +
      "[DNS over TCP: length 1 < 2] (invalid)",
  );
});

Deno.test("printUdp() gives the port's printer the IP payload's length when UDP's is longer", () => {
  // udp_print() takes the shorter of the two lengths before it calls bfd_print().
  const packet = udpAppPacket(EMPTY, { sourcePort: 40000, destinationPort: 3785 });
  packet[24] = 0;
  packet[25] = 28;
  assert.equal(
    printFrame(LinkType.RAW, packet),
    "IP 10.0.0.1.40000 > 10.0.0.2.3785: BFD, Echo, length: 0",
  );
});

/** The kinds that `registry` decodes from a RIP message sent from ISAKMP's port 500 to 520. */
function ripFrom500(registry = defaultRegistry): string[] {
  const rip = new Uint8Array(24);
  rip.set([1, 2]);
  const packet = udpAppPacket(rip, { sourcePort: 500, destinationPort: 520 });
  const decoded = decode(LinkType.RAW, packet, { registry });
  return decoded.layers.slice(0, decoded.count).map((layer) => layer.kind);
}

Deno.test("decode() tries the lower port first when both are bound", () => {
  assert.deepEqual(ripFrom500(), ["ipv4", "udp", "isakmp"]);
});

Deno.test("tcpdumpPortChoice() makes a registry try ports in tcpdump's order", () => {
  const registry = defaultRegistry.clone();
  registry.portChoice = tcpdumpPortChoice;
  assert.deepEqual(ripFrom500(registry), ["ipv4", "udp", "rip"]);
  assert.equal(registry.clone().portChoice, tcpdumpPortChoice);
  assert.equal(defaultRegistry.portChoice, undefined);
  // HSRP is tried as the destination only; SMTP before HTTP; no known port: no choice.
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 1985, 5060), 5060);
  assert.equal(rankedPort(tcpdumpPortChoice.tcp, 80, 25), 25);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 40000, 40001), undefined);
});
