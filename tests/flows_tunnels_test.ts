// FlowTable lists the conversations inside VXLAN, Geneve, GTP-U and ERSPAN tunnels as
// tshark's `-z conv,tcp -z conv,udp` lists them (the tunnel's own UDP conversation too):
// crafted packets of each, compared with tshark's tables.

import assert from "node:assert/strict";
import { FlowTable } from "../lib/stats/flows.ts";
import { PacketParser } from "../lib/decode.ts";
import { buildEthernet, buildIpv4, buildTcp, buildUdp } from "../lib/craft/mod.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { hasTshark } from "./_tshark.ts";
import { concatBytes, runCommand } from "./_shared.ts";

const MAC = { source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02" };

function ethernetIpv4(source: string, destination: string, protocol: number, payload: Uint8Array) {
  return buildEthernet({
    ...MAC,
    etherType: 0x0800,
    payload: buildIpv4({ source, destination, protocol, payload }),
  });
}

/** An inner TCP segment or UDP datagram, in Ethernet or as bare IPv4. */
function inner(protocol: "tcp" | "udp", sourcePort: number, ethernet: boolean): Uint8Array {
  const ends = { source: "192.168.7.1", destination: "192.168.7.2" };
  const ports = { sourcePort, destinationPort: 443 };
  const transport = protocol === "tcp"
    ? buildTcp({ ...ends, ...ports, flags: { syn: true } })
    : buildUdp({ ...ends, ...ports, payload: new Uint8Array(8) });
  const number = protocol === "tcp" ? 6 : 17;
  return ethernet
    ? ethernetIpv4(ends.source, ends.destination, number, transport)
    : buildIpv4({ ...ends, protocol: number, payload: transport });
}

function overUdp(destinationPort: number, header: number[], payload: Uint8Array): Uint8Array {
  const ends = { source: "10.1.0.1", destination: "10.1.0.2" };
  const datagram = buildUdp({
    ...ends,
    sourcePort: 50000,
    destinationPort,
    payload: concatBytes(new Uint8Array(header), payload),
  });
  return ethernetIpv4(ends.source, ends.destination, 17, datagram);
}

function frames(): Uint8Array[] {
  const vxlan = [0x08, 0, 0, 0, 0, 0, 42, 0];
  const geneve = [0, 0, 0x65, 0x58, 0, 0, 43, 0];
  const gtp = (length: number) => [0x30, 0xff, length >> 8, length & 0xff, 0, 0, 0, 44];
  const gtpPayload = inner("udp", 3000, false);
  // GRE with a sequence number (ERSPAN type II), then ERSPAN II's 8 bytes.
  const erspan = concatBytes(
    new Uint8Array([0x10, 0, 0x88, 0xbe, 0, 0, 0, 1, 0x10, 0, 0, 45, 0, 0, 0, 0]),
    inner("tcp", 4000, true),
  );
  return [
    overUdp(4789, vxlan, inner("tcp", 1000, true)),
    overUdp(6081, geneve, inner("udp", 2000, true)),
    overUdp(2152, gtp(gtpPayload.length), gtpPayload),
    ethernetIpv4("10.1.0.1", "10.1.0.2", 47, erspan),
  ];
}

/** `A B frames` for each TCP or UDP conversation, sorted. */
function ours(packets: readonly Uint8Array[]): string[] {
  const parser = new PacketParser();
  const table = new FlowTable();
  packets.forEach((frame, i) => {
    parser.parse(1, frame);
    table.add(parser, 100 + i, 0, frame.length);
  });
  return table.result().flows
    .filter((flow) => flow.portA !== null)
    .map((flow) =>
      `${flow.addressA}:${flow.portA} ${flow.addressB}:${flow.portB} ${
        flow.packetsAToB + flow.packetsBToA
      }`
    ).sort();
}

Deno.test("FlowTable lists the conversations inside VXLAN, Geneve, GTP-U and ERSPAN", () => {
  assert.deepEqual(ours(frames()), [
    "10.1.0.1:50000 10.1.0.2:2152 1",
    "10.1.0.1:50000 10.1.0.2:4789 1",
    "10.1.0.1:50000 10.1.0.2:6081 1",
    "192.168.7.1:1000 192.168.7.2:443 1",
    "192.168.7.1:2000 192.168.7.2:443 1",
    "192.168.7.1:3000 192.168.7.2:443 1",
    "192.168.7.1:4000 192.168.7.2:443 1",
  ]);
});

Deno.test({
  name: "FlowTable lists tunnels' inner conversations as tshark -z conv does",
  ignore: !(await hasTshark()),
  permissions: { read: true, write: true, run: ["tshark"] },
  async fn() {
    const packets = frames();
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      const records = packets.map((data, i) => ({
        timestamp: BigInt(100 + i) * 1_000_000_000n,
        data,
      }));
      await Deno.writeFile(file, pcapBytes(records));
      const { stdout } = await runCommand("tshark", [
        "-q",
        "-r",
        file,
        "-z",
        "conv,tcp",
        "-z",
        "conv,udp",
      ]);
      const theirs = new TextDecoder().decode(stdout).split("\n")
        .map((line) => line.match(/^(\S+)\s+<->\s+(\S+)\s+(.*)$/))
        .filter((match) => match !== null)
        .map((match) => {
          // <- frames, bytes, unit, -> frames, bytes, unit, total frames...
          const total = match[3]!.trim().split(/\s+/)[6];
          return `${match[1]} ${match[2]} ${total}`;
        }).sort();
      assert.deepEqual(ours(packets), theirs);
    } finally {
      await Deno.remove(file);
    }
  },
});
