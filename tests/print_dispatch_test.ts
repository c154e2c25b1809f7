import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIcmpEcho, buildIpv4, buildIpv6, buildTcp, buildUdp } from "../lib/craft/mod.ts";

const V4 = { source: "10.0.0.1", destination: "10.0.0.2" };
const V6 = { source: "2001:db8::1", destination: "2001:db8::2" };

/** Raw IP packets whose layers at the same depths change kind from packet to packet. */
function packets(): Uint8Array[] {
  const tcp = (addresses: typeof V4) =>
    buildTcp({ ...addresses, sourcePort: 1234, destinationPort: 80, flags: { syn: true } });
  const udp = (addresses: typeof V4) =>
    buildUdp({ ...addresses, sourcePort: 1234, destinationPort: 9, payload: new Uint8Array(4) });
  const v4 = (protocol: number, payload: Uint8Array) => buildIpv4({ ...V4, protocol, payload });
  const v6 = (nextHeader: number, payload: Uint8Array) => buildIpv6({ ...V6, nextHeader, payload });
  const icmp = buildIcmpEcho({ type: "request", identifier: 7, sequence: 1 });
  return [
    v4(6, tcp(V4)),
    v4(17, udp(V4)),
    v4(1, icmp),
    v6(6, tcp(V6)),
    v4(6, tcp(V4)),
    v6(17, udp(V6)),
    v4(17, udp(V4)),
    v4(1, icmp),
    v4(6, tcp(V4)),
  ];
}

Deno.test("TcpdumpPrinter.print() dispatches the reused layers of a PacketParser by kind", () => {
  const record = { seconds: 0, nanoseconds: 0, originalLength: 0 };
  const reused = new TcpdumpPrinter({ timestamps: "none" });
  const fresh = new TcpdumpPrinter({ timestamps: "none" });
  const parser = new PacketParser();
  const lines = packets().map((packet) => {
    parser.parse(LinkType.RAW, packet);
    const line = reused.format(parser, { ...record, originalLength: packet.length });
    assert.equal(
      line,
      fresh.format(decode(LinkType.RAW, packet), { ...record, originalLength: packet.length }),
    );
    return line.slice(0, line.indexOf(": "));
  });
  assert.deepEqual(lines, [
    "IP 10.0.0.1.1234 > 10.0.0.2.80",
    "IP 10.0.0.1.1234 > 10.0.0.2.9",
    "IP 10.0.0.1 > 10.0.0.2",
    "IP6 2001:db8::1.1234 > 2001:db8::2.80",
    "IP 10.0.0.1.1234 > 10.0.0.2.80",
    "IP6 2001:db8::1.1234 > 2001:db8::2.9",
    "IP 10.0.0.1.1234 > 10.0.0.2.9",
    "IP 10.0.0.1 > 10.0.0.2",
    "IP 10.0.0.1.1234 > 10.0.0.2.80",
  ]);
});

Deno.test("TcpdumpPrinter.print() dispatches by the kind ids of each parser it is given", () => {
  const record = { seconds: 0, nanoseconds: 0, originalLength: 0 };
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const fresh = new TcpdumpPrinter({ timestamps: "none" });
  // Two parsers that meet the kinds in other orders give them other ids: TCP's id in one
  // is UDP's in the other.
  const all = packets();
  const first = new PacketParser();
  const second = new PacketParser();
  first.parse(LinkType.RAW, all[0]!);
  second.parse(LinkType.RAW, all[1]!);
  assert.notDeepEqual(first.kinds, second.kinds);
  for (const [i, packet] of all.entries()) {
    const parser = i % 2 === 0 ? first : second;
    parser.parse(LinkType.RAW, packet);
    const options = { ...record, originalLength: packet.length };
    assert.equal(
      printer.format(parser, options),
      fresh.format(decode(LinkType.RAW, packet), options),
    );
  }
});
