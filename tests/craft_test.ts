import assert from "node:assert/strict";
import {
  buildArp,
  buildEthernet,
  buildIcmpEcho,
  buildIcmpv6Echo,
  buildIpv4,
  buildIpv6,
  buildTcp,
  buildUdp,
} from "../lib/craft/mod.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { PcapWriter } from "../lib/formats/pcap.ts";
import { hasCommand } from "./_shared.ts";

const MAC_A = "02:77:6b:00:00:01";
const MAC_B = "02:77:6b:00:00:02";
const v4 = { source: "10.200.0.1", destination: "10.200.0.2" };
const v6 = { source: "2001:db8::1", destination: "2001:db8::2" };
const text = (s: string) => new TextEncoder().encode(s);

function ipv4Frame(protocol: number, payload: Uint8Array, vlan?: number): Uint8Array {
  return buildEthernet({
    destination: MAC_B,
    source: MAC_A,
    etherType: 0x0800,
    ...(vlan === undefined ? {} : { vlan: { id: vlan, priority: 3 } }),
    payload: buildIpv4({ ...v4, protocol, identification: 0x1234, ttl: 17, payload }),
  });
}

function ipv6Frame(nextHeader: number, payload: Uint8Array): Uint8Array {
  return buildEthernet({
    destination: MAC_B,
    source: MAC_A,
    etherType: 0x86dd,
    payload: buildIpv6({ ...v6, nextHeader, hopLimit: 9, flowLabel: 0xabcde, payload }),
  });
}

/** Frames of every builder, with what tcpdump -vv must print for each. */
function samples(): { name: string; frame: Uint8Array; tcpdump: RegExp }[] {
  return [
    {
      name: "ARP request",
      frame: buildEthernet({
        destination: "ff:ff:ff:ff:ff:ff",
        source: MAC_A,
        etherType: 0x0806,
        payload: buildArp({
          operation: "request",
          senderMac: MAC_A,
          senderIp: v4.source,
          targetIp: v4.destination,
        }),
      }),
      tcpdump: /Request who-has 10\.200\.0\.2 tell 10\.200\.0\.1/,
    },
    {
      name: "ICMP echo in 802.1Q",
      frame: ipv4Frame(
        1,
        buildIcmpEcho({ identifier: 77, sequence: 3, payload: text("ping") }),
        42,
      ),
      tcpdump: /vlan 42, p 3.*ICMP echo request, id 77, seq 3/s,
    },
    {
      name: "UDP over IPv4",
      frame: ipv4Frame(
        17,
        buildUdp({ ...v4, sourcePort: 5000, destinationPort: 9999, payload: text("hello") }),
      ),
      tcpdump: /10\.200\.0\.1\.5000 > 10\.200\.0\.2\.9999: \[udp sum ok\] UDP, length 5/,
    },
    {
      name: "TCP SYN over IPv4",
      frame: ipv4Frame(
        6,
        buildTcp({
          ...v4,
          sourcePort: 40000,
          destinationPort: 80,
          sequence: 1000,
          flags: { syn: true },
          window: 64240,
          options: new Uint8Array([2, 4, 5, 0xb4]),
        }),
      ),
      tcpdump:
        /10\.200\.0\.1\.40000 > 10\.200\.0\.2\.80: Flags \[S\], cksum 0x[0-9a-f]+ \(correct\), seq 1000, win 64240, options \[mss 1460\]/,
    },
    {
      name: "UDP over IPv6",
      frame: ipv6Frame(
        17,
        buildUdp({ ...v6, sourcePort: 53, destinationPort: 5353, payload: text("abc") }),
      ),
      tcpdump: /2001:db8::1\.53 > 2001:db8::2\.5353: \[udp sum ok\]/,
    },
    {
      name: "ICMPv6 echo reply",
      frame: ipv6Frame(58, buildIcmpv6Echo({ ...v6, type: "reply", identifier: 5, sequence: 6 })),
      tcpdump: /ICMP6, echo reply, id 5, seq 6/,
    },
    {
      name: "TCP with data over IPv6",
      frame: ipv6Frame(
        6,
        buildTcp({
          ...v6,
          sourcePort: 1,
          destinationPort: 2,
          sequence: 0xfffffff0,
          acknowledgment: 7,
          flags: { psh: true, ack: true },
          payload: text("GET /"),
        }),
      ),
      tcpdump: /Flags \[P\.\], cksum 0x[0-9a-f]+ \(correct\), seq 4294967280:4294967285, ack 7/,
    },
  ];
}

Deno.test("buildEthernet() and buildArp() decode back to what was built", () => {
  const frame = samples()[0]!.frame;
  assert.equal(frame.length, 60);
  const packet = decode(LinkType.EN10MB, frame);
  assert.equal(packet.error, undefined);
  const eth = packet.layer("ethernet")!;
  assert.equal(eth.destination, "ff:ff:ff:ff:ff:ff");
  assert.equal(eth.source, MAC_A);
  const arp = packet.layer("arp")!;
  assert.equal(arp.operation, 1);
  assert.equal(arp.senderHardwareAddress, MAC_A);
  assert.equal(arp.senderProtocolAddress, v4.source);
  assert.equal(arp.targetHardwareAddress, "00:00:00:00:00:00");
  assert.equal(arp.targetProtocolAddress, v4.destination);
});

Deno.test("buildIpv4() and buildIcmpEcho() fill in lengths and checksums, with a VLAN tag", () => {
  const packet = decode(LinkType.EN10MB, samples()[1]!.frame);
  assert.equal(packet.error, undefined);
  const vlan = packet.layer("vlan")!;
  assert.equal(vlan.vlanId, 42);
  assert.equal(vlan.priority, 3);
  const ip = packet.layer("ipv4")!;
  assert.equal(ip.totalLength, 20 + 8 + 4);
  assert.equal(ip.headerChecksumValid, true);
  assert.equal(ip.timeToLive, 17);
  assert.equal(ip.identification, 0x1234);
  assert.equal(ip.dontFragment, true);
  assert.equal(ip.source, v4.source);
  const icmp = packet.layer("icmp")!;
  assert.equal(icmp.type, 8);
  assert.equal(icmp.checksumValid, true);
  assert.equal(icmp.identifier, 77);
  assert.equal(icmp.sequenceNumber, 3);
  assert.deepEqual(icmp.payload, text("ping"));
});

Deno.test("buildUdp() and buildTcp() checksums are valid over IPv4 and IPv6", () => {
  const [, , udp4, tcp4, udp6, icmp6, tcp6] = samples();
  const u4 = decode(LinkType.EN10MB, udp4!.frame).layer("udp")!;
  assert.equal(u4.checksumValid, true);
  assert.equal(u4.length, 13);
  assert.deepEqual(u4.payload, text("hello"));
  const t4 = decode(LinkType.EN10MB, tcp4!.frame).layer("tcp")!;
  assert.equal(t4.checksumValid, true);
  assert.equal(t4.syn, true);
  assert.equal(t4.ack, false);
  assert.equal(t4.sequenceNumber, 1000);
  assert.equal(t4.window, 64240);
  assert.equal(t4.mss, 1460);
  assert.equal(t4.dataOffset, 6);
  const ip6 = decode(LinkType.EN10MB, udp6!.frame).layer("ipv6")!;
  assert.equal(ip6.payloadLength, 11);
  assert.equal(ip6.hopLimit, 9);
  assert.equal(ip6.flowLabel, 0xabcde);
  assert.equal(decode(LinkType.EN10MB, udp6!.frame).layer("udp")!.checksumValid, true);
  const i6 = decode(LinkType.EN10MB, icmp6!.frame).layer("icmpv6")!;
  assert.equal(i6.type, 129);
  assert.equal(i6.checksumValid, true);
  assert.equal(i6.identifier, 5);
  const t6 = decode(LinkType.EN10MB, tcp6!.frame).layer("tcp")!;
  assert.equal(t6.checksumValid, true);
  assert.equal(t6.psh && t6.ack, true);
  assert.equal(t6.sequenceNumber, 0xfffffff0);
  assert.equal(t6.acknowledgmentNumber, 7);
  assert.deepEqual(t6.payload, text("GET /"));
});

Deno.test("builders reject out-of-range fields", () => {
  assert.throws(
    () => buildIpv4({ ...v4, protocol: 256 }),
    /IPv4 protocol: 0 to 255 allowed, received 256/,
  );
  assert.throws(() => buildTcp({ ...v4, sourcePort: 70000, destinationPort: 1 }), RangeError);
  assert.throws(
    () =>
      buildUdp({
        source: v4.source,
        destination: v6.destination,
        sourcePort: 1,
        destinationPort: 2,
      }),
    /both be IPv4 or both IPv6/,
  );
  assert.throws(
    () => buildEthernet({ destination: "zz", source: MAC_A, etherType: 1 }),
    SyntaxError,
  );
  assert.throws(
    () => buildEthernet({ destination: MAC_B, source: MAC_A, etherType: 1, vlan: { id: 4096 } }),
    /VLAN id/,
  );
  assert.throws(
    () => buildIpv4({ ...v4, protocol: 1, options: new Uint8Array(41) }),
    /at most 40 bytes/,
  );
});

Deno.test({
  name: "crafted frames: tcpdump -vv agrees on every field and checksum",
  ignore: !(await hasCommand("tcpdump")),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/crafted.pcap`;
      const list = samples();
      {
        using file = await Deno.open(path, { write: true, create: true });
        await using writer = new PcapWriter(file, { linkType: LinkType.EN10MB });
        for (const sample of list) await writer.write({ timestamp: 0n, data: sample.frame });
      }
      const output = await new Deno.Command("tcpdump", {
        args: ["-n", "-vv", "-e", "-r", path],
        stdout: "piped",
        stderr: "null",
      }).output();
      const text = new TextDecoder().decode(output.stdout);
      // Each packet starts with a timestamp line.
      const packets = text.split(/\n(?=\d\d:\d\d:)/);
      assert.equal(packets.length, list.length, text);
      list.forEach((sample, i) => assert.match(packets[i]!, sample.tcpdump, sample.name));
      assert.doesNotMatch(text, /bad|incorrect|wrong/i);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
