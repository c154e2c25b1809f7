import assert from "node:assert/strict";
import { buildEthernet, buildIcmpEcho, buildIpv4, buildTcp, buildUdp } from "../lib/craft/mod.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { openPacketSocket, RawSocketError } from "../lib/rawsocket/mod.ts";
import { createNetnsPair, libpcapSkipReason, run } from "./_netns.ts";
import { listen, once, rawSocketSkipReason } from "./_rawsocket_harness.ts";
import type { ChildRequest } from "./_rawsocket_child.ts";
import { encodeHex } from "../lib/_hex.ts";

const ARP_ONLY = [
  { code: 0x28, jt: 0, jf: 0, k: 12 },
  { code: 0x15, jt: 0, jf: 1, k: 0x806 },
  { code: 0x06, jt: 0, jf: 0, k: 262144 },
  { code: 0x06, jt: 0, jf: 0, k: 0 },
];

/**
 * Accepts the VLAN test's frames as the filter sees them, outer tag taken out: EtherType
 * 0x88b5, or 0x8100 (the inner tag of the double-tagged one).
 */
const TAGGED_TEST_FRAMES = [
  { code: 0x28, jt: 0, jf: 0, k: 12 }, // ldh [12]
  { code: 0x15, jt: 1, jf: 0, k: 0x88b5 }, // jeq #0x88b5, accept
  { code: 0x15, jt: 0, jf: 1, k: 0x8100 }, // jeq #0x8100, accept
  { code: 0x06, jt: 0, jf: 0, k: 262144 },
  { code: 0x06, jt: 0, jf: 0, k: 0 },
];

const reason = await rawSocketSkipReason();
if (reason !== undefined) console.log(`rawsocket_netns_test.ts: skipping: ${reason}`);
const ignore = reason !== undefined;
const decoder = new TextDecoder();
const noLibpcap = libpcapSkipReason();

/** The three ways to read an AF_PACKET socket, and the function each test names. */
const PACKET_MODES = [
  ["packet", "openPacketSocket()"],
  ["ring", "openPacketRing()"],
  ["ring-batches", "openPacketRing().batches()"],
] as const;

for (const [mode, api] of PACKET_MODES) {
  Deno.test({
    name: `${api} sees the ARP exchange between two namespaces, with directions`,
    ignore,
    fn: async () => {
      await using pair = await createNetnsPair();
      const listener = await listen(pair.nsB, {
        mode,
        // Outgoing packets reach only ETH_P_ALL sockets, so ARP is chosen by a filter:
        // ldh [12]; jeq #0x806; ret #262144; ret #0.
        packet: { iface: pair.ifB, count: 2, timeout: 10_000, filter: ARP_ONLY },
      });
      await pair.exec(pair.nsA, ["ping", "-c", "1", "-W", "2", pair.ipB]);
      const { records, end } = await listener.done();
      assert.equal(end.stopReason, "count");
      assert.equal(records.length, 2);
      const [request, reply] = records.map((r) => ({ r, packet: decode(r.linkType, r.data) }));
      const arpRequest = request!.packet.layer("arp")!;
      assert.equal(request!.r.direction, "broadcast");
      assert.equal(request!.packet.layer("ethernet")!.source, pair.macA);
      assert.equal(arpRequest.operation, 1);
      assert.equal(arpRequest.senderProtocolAddress, pair.ipA);
      assert.equal(arpRequest.targetProtocolAddress, pair.ipB);
      const arpReply = reply!.packet.layer("arp")!;
      assert.equal(reply!.r.direction, "outgoing");
      assert.equal(arpReply.operation, 2);
      assert.equal(arpReply.senderHardwareAddress, pair.macB);
      assert.equal(arpReply.targetHardwareAddress, pair.macA);
      // pcapng epb_flags: inbound broadcast, outbound.
      assert.equal(request!.r.flags, 1 | (3 << 2));
      assert.equal(reply!.r.flags, 2);
      assert.equal(request!.r.interfaceIndex, reply!.r.interfaceIndex);
      assert.ok(request!.r.interfaceIndex > 0);
      const now = BigInt(Date.now()) * 1_000_000n;
      assert.ok(now - request!.r.timestamp < 30_000_000_000n && request!.r.timestamp <= now);
    },
  });
}

Deno.test({
  name: "openIpSocket() sees a ping between two namespaces",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const listener = await listen(pair.nsB, {
      mode: "ip",
      ip: { protocol: "icmp", count: 2, timeout: 10_000 },
    });
    const ping = await pair.exec(pair.nsA, ["ping", "-c", "2", "-i", "0.2", "-W", "2", pair.ipB]);
    assert.match(ping.stdout, /2 packets transmitted, 2 received/);
    const { records } = await listener.done();
    assert.equal(records.length, 2);
    records.forEach((record, i) => {
      assert.equal(record.linkType, LinkType.RAW);
      const packet = decode(record.linkType, record.data);
      assert.equal(packet.layer("ipv4")!.source, pair.ipA);
      assert.equal(packet.layer("ipv4")!.destination, pair.ipB);
      assert.equal(packet.layer("icmp")!.type, 8);
      assert.equal(packet.layer("icmp")!.sequenceNumber, i + 1);
    });
  },
});

Deno.test({
  name: "openIpSocket() sees a TCP connection with the right flags and sequence numbers",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const server = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        pair.nsB,
        "python3",
        "-c",
        "import socket,sys\ns=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n" +
        "s.bind(('0.0.0.0',7777));s.listen(1);print('up',flush=True)\nc,_=s.accept()\n" +
        "while c.recv(100): pass\nc.close()",
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const serverOut = server.stdout.getReader();
    assert.match(decoder.decode((await serverOut.read()).value), /up/);
    const listener = await listen(pair.nsB, {
      mode: "ip",
      ip: { protocol: "tcp", count: 3, timeout: 10_000 },
    });
    const client = await pair.exec(pair.nsA, [
      "python3",
      "-c",
      `import socket\nc=socket.create_connection(('${pair.ipB}',7777))\nc.sendall(b'hello raw')\nc.close()`,
    ]);
    assert.equal(client.code, 0, client.stderr);
    const { records } = await listener.done();
    serverOut.releaseLock();
    await server.stdout.cancel();
    await server.stderr.cancel();
    await server.status;
    const tcp = records.map((r) => decode(r.linkType, r.data).layer("tcp")!);
    assert.equal(tcp.length, 3);
    const [syn, ack, data] = tcp;
    assert.equal(syn!.syn && !syn!.ack, true);
    assert.equal(syn!.destinationPort, 7777);
    assert.equal(ack!.ack && !ack!.syn, true);
    assert.equal(ack!.sequenceNumber, (syn!.sequenceNumber + 1) >>> 0);
    assert.equal(data!.psh && data!.ack, true);
    assert.equal(data!.sequenceNumber, (syn!.sequenceNumber + 1) >>> 0);
    assert.equal(decoder.decode(data!.payload), "hello raw");
    // Checksums are not compared: veth leaves them to an offload that never happens.
  },
});

function craftedFrames(pair: { macA: string; macB: string; ipA: string; ipB: string }) {
  const addresses = { source: pair.ipA, destination: pair.ipB };
  const eth = (etherType: number, payload: Uint8Array) =>
    buildEthernet({ destination: pair.macB, source: pair.macA, etherType, payload });
  const udp = (port: number, text: string) =>
    eth(
      0x0800,
      buildIpv4({
        ...addresses,
        protocol: 17,
        identification: port,
        payload: buildUdp({
          ...addresses,
          sourcePort: 4000,
          destinationPort: port,
          payload: new TextEncoder().encode(text),
        }),
      }),
    );
  return [
    udp(9001, "first"),
    eth(
      0x0800,
      buildIpv4({
        ...addresses,
        protocol: 6,
        payload: buildTcp({
          ...addresses,
          sourcePort: 1,
          destinationPort: 9,
          flags: { rst: true },
        }),
      }),
    ),
    eth(0x88b5, new Uint8Array(46).fill(7)),
    udp(9002, "x".repeat(1000)),
  ];
}

for (const [mode, api] of PACKET_MODES) {
  for (const form of ["tcpdump syntax", "BPF instructions"] as const) {
    Deno.test({
      name: `${api} with a UDP-only filter (${form}) receives crafted frames intact`,
      ignore: ignore || noLibpcap !== undefined,
      fn: async () => {
        await using pair = await createNetnsPair();
        let filter: ChildRequest["packet"] extends infer T ? T extends { filter?: infer F } ? F
          : never
          : never = "udp";
        if (form === "BPF instructions") {
          const { compileFilter } = await import("../lib/capture/filter.ts");
          using program = compileFilter("udp");
          filter = program.instructions();
        }
        const listener = await listen(pair.nsB, {
          mode,
          packet: { iface: pair.ifB, filter, count: 2, timeout: 10_000 },
        });
        const frames = craftedFrames(pair);
        await once(pair.nsA, {
          mode: "send-frames",
          packet: { iface: pair.ifA },
          send: frames.map(encodeHex),
        });
        const { records } = await listener.done();
        assert.equal(records.length, 2);
        assert.deepEqual(records[0]!.data, frames[0]);
        assert.deepEqual(records[1]!.data, frames[3]);
        assert.equal(records[1]!.originalLength, frames[3]!.length);
        assert.equal(records[0]!.direction, "host");
      },
    });
  }
}

/** ldh [12]; jeq #0x800; ldb [23]; jeq #1 (ICMP); ret #262144; ret #0. */
const ICMP_ONLY = [
  { code: 0x28, jt: 0, jf: 0, k: 12 },
  { code: 0x15, jt: 0, jf: 3, k: 0x0800 },
  { code: 0x30, jt: 0, jf: 0, k: 23 },
  { code: 0x15, jt: 0, jf: 1, k: 1 },
  { code: 0x06, jt: 0, jf: 0, k: 262144 },
  { code: 0x06, jt: 0, jf: 0, k: 0 },
];

for (const [mode, api] of PACKET_MODES) {
  Deno.test({
    name: `${api} keeps one direction: "in" the echo requests, "out" the replies`,
    ignore,
    fn: async () => {
      await using pair = await createNetnsPair();
      const [incoming, outgoing] = await Promise.all(
        (["in", "out"] as const).map((direction) =>
          listen(pair.nsB, {
            mode,
            packet: { iface: pair.ifB, filter: ICMP_ONLY, direction, count: 2, timeout: 10_000 },
          })
        ),
      );
      const ping = await pair.exec(pair.nsA, ["ping", "-c", "2", "-i", "0.2", "-W", "2", pair.ipB]);
      assert.match(ping.stdout, /2 packets transmitted, 2 received/);
      for (
        const [listener, type, direction] of [[incoming, 8, "host"], [
          outgoing,
          0,
          "outgoing",
        ]] as const
      ) {
        const { records } = await listener!.done();
        assert.equal(records.length, 2);
        for (const record of records) {
          assert.equal(record.direction, direction);
          assert.equal(decode(record.linkType, record.data).layer("icmp")!.type, type);
        }
      }
    },
  });
}

for (const [mode, api] of PACKET_MODES) {
  Deno.test({
    name: `${api} puts back the VLAN tags that the kernel takes out of frames`,
    ignore,
    fn: async () => {
      await using pair = await createNetnsPair();
      const listener = await listen(pair.nsB, {
        mode,
        packet: { iface: pair.ifB, count: 3, timeout: 10_000, filter: TAGGED_TEST_FRAMES },
      });
      const frame = (vlan: Parameters<typeof buildEthernet>[0]["vlan"], fill: number) =>
        buildEthernet({
          destination: pair.macB,
          source: pair.macA,
          etherType: 0x88b5,
          payload: new Uint8Array(50).fill(fill),
          ...(vlan === undefined ? {} : { vlan }),
        });
      const frames = [
        frame({ id: 42, priority: 5 }, 1),
        frame([{ id: 100, tpid: 0x88a8 }, { id: 7 }], 2),
        frame(undefined, 3),
      ];
      await once(pair.nsA, {
        mode: "send-frames",
        packet: { iface: pair.ifA },
        send: frames.map(encodeHex),
      });
      const { records } = await listener.done();
      // The kernel takes the outer tag out of each frame before any socket sees it; the
      // socket (PACKET_AUXDATA) and the ring (tp_vlan_tci) put it back.
      assert.equal(records.length, 3);
      records.forEach((record, i) => {
        assert.deepEqual(record.data, frames[i]);
        assert.equal(record.originalLength, frames[i]!.length);
      });
      assert.equal(decode(LinkType.EN10MB, records[1]!.data).layer("vlan")!.vlanId, 100);
    },
  });
}

Deno.test({
  name: "openIpSocket() sends a crafted IPv4 packet (IP_HDRINCL) that arrives intact",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const listener = await listen(pair.nsB, {
      mode: "ip",
      ip: { protocol: "icmp", count: 1, timeout: 10_000 },
    });
    const packet = buildIpv4({
      source: pair.ipA,
      destination: pair.ipB,
      protocol: 1,
      identification: 0xbeef,
      ttl: 33,
      payload: buildIcmpEcho({
        identifier: 4242,
        sequence: 9,
        payload: new TextEncoder().encode("crafted"),
      }),
    });
    await once(pair.nsA, { mode: "send-ip", ip: { protocol: "raw" }, send: [encodeHex(packet)] });
    const { records } = await listener.done();
    assert.equal(records.length, 1);
    assert.deepEqual(records[0]!.data, packet);
  },
});

Deno.test({
  name:
    "openPacketSocket(), openPacketRing() and openIpSocket() tell a process without CAP_NET_RAW what to do",
  ignore: ignore || !(await run(["setpriv", "--version"]).then(() => true, () => false)),
  fn: async () => {
    for (
      const [request, message] of [
        [
          { mode: "open", packet: { iface: "lo" } },
          /^Cannot open packet socket: permission denied \(EPERM\); run as root, or grant CAP_NET_RAW/,
        ],
        [
          { mode: "open-ring", packet: { iface: "lo" } },
          /^Cannot open packet ring: permission denied \(EPERM\); run as root, or grant CAP_NET_RAW/,
        ],
        [
          { mode: "open", ip: { protocol: "icmp" } },
          /^Cannot open raw IPv4 socket \(protocol 1\): permission denied/,
        ],
      ] as const
    ) {
      const result = await once(undefined, request, [
        "setpriv",
        "--reuid=nobody",
        "--regid=nogroup",
        "--clear-groups",
      ]);
      assert.ok(result !== undefined, "the child printed no error");
      assert.equal(result.error.code, "permission-denied");
      assert.match(result.error.message, message);
    }
  },
});

Deno.test({
  name: "openPacketSocket() rejects an unknown interface and bad filters",
  ignore,
  fn: () => {
    assert.throws(() => openPacketSocket({ iface: "nosuch0" }), (error: unknown) => {
      assert.ok(error instanceof RawSocketError);
      assert.equal(error.code, "no-such-device");
      assert.match(error.message, /^Cannot open packet socket on "nosuch0": no such interface/);
      return true;
    });
    assert.throws(
      () => openPacketSocket({ iface: "lo", filter: [{ code: 0xffff, jt: 0, jf: 0, k: 0 }] }),
      (error: unknown) =>
        error instanceof RawSocketError && error.code === "bad-filter" &&
        /the kernel refused the program \(EINVAL/.test(error.message),
    );
    assert.throws(() => openPacketSocket({ iface: "lo", filter: [] }), /bad|1 to 65535/);
    if (noLibpcap === undefined) {
      assert.throws(
        () => openPacketSocket({ iface: "lo", filter: "tcp port" }),
        (error: unknown) =>
          error instanceof RawSocketError && error.code === "bad-filter" &&
          /syntax error/.test(error.message),
      );
    }
  },
});

Deno.test({
  name: "openPacketSocket() stops promptly on abort with no traffic; close() is idempotent",
  ignore,
  fn: async () => {
    const controller = new AbortController();
    const socket = openPacketSocket({
      iface: "lo",
      filter: [{ code: 0x06, jt: 0, jf: 0, k: 0 }], // accept nothing
      signal: controller.signal,
    });
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    let count = 0;
    for await (const _ of socket) count++;
    const elapsed = performance.now() - started;
    assert.equal(count, 0);
    assert.equal(socket.stopReason, "aborted");
    assert.ok(elapsed < 500, `took ${elapsed} ms`);
    socket.close();
    socket.close();
    assert.equal(socket.closed, true);
    assert.deepEqual(socket.stats(), { received: 0, dropped: 0 });
    // Closing while an iteration waits ends it at once.
    using other = openPacketSocket({ iface: "lo", filter: [{ code: 0x06, jt: 0, jf: 0, k: 0 }] });
    const iterating = (async () => {
      for await (const _ of other) { /* nothing arrives */ }
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closing = performance.now();
    other.close();
    await iterating;
    assert.ok(performance.now() - closing < 500);
    assert.equal(other.stopReason, "closed");
  },
});

Deno.test({
  name: "openIp6Socket() sees a ping6 with a synthesized IPv6 header that decodes",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const ipA = "fd00:77::1";
    const ipB = "fd00:77::2";
    for (const [ns, iface, ip] of [[pair.nsA, pair.ifA, ipA], [pair.nsB, pair.ifB, ipB]]) {
      const sysctl = ["sysctl", "-q", "-w", `net.ipv6.conf.${iface}.disable_ipv6=0`];
      assert.equal((await pair.exec(ns!, sysctl)).code, 0);
      const add = await pair.exec(ns!, [
        "ip",
        "-6",
        "addr",
        "add",
        `${ip}/64`,
        "dev",
        iface!,
        "nodad",
      ]);
      assert.equal(add.code, 0, add.stderr);
    }
    const ifindex = Number(
      (await pair.exec(pair.nsB, ["cat", `/sys/class/net/${pair.ifB}/ifindex`])).stdout,
    );
    const listener = await listen(pair.nsB, {
      mode: "ip6",
      // Echo requests only (the filter sees the ICMPv6 message): ldb [0]; jeq #128.
      ip6: {
        protocol: "icmpv6",
        count: 2,
        timeout: 10_000,
        filter: [
          { code: 0x30, jt: 0, jf: 0, k: 0 },
          { code: 0x15, jt: 0, jf: 1, k: 128 },
          { code: 0x06, jt: 0, jf: 0, k: 262144 },
          { code: 0x06, jt: 0, jf: 0, k: 0 },
        ],
      },
    });
    const ping = await pair.exec(pair.nsA, ["ping", "-6", "-c", "2", "-i", "0.2", "-W", "2", ipB]);
    assert.match(ping.stdout, /2 packets transmitted, 2 received/);
    const { records } = await listener.done();
    assert.equal(records.length, 2);
    const identifiers = new Set<number | undefined>();
    records.forEach((record, i) => {
      assert.equal(record.linkType, LinkType.RAW);
      assert.equal(record.originalLength, record.data.length);
      assert.equal((record as unknown as { interfaceIndex: number }).interfaceIndex, ifindex);
      const packet = decode(record.linkType, record.data);
      assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv6", "icmpv6"]);
      const ip = packet.layer("ipv6")!;
      assert.equal(ip.source, ipA);
      assert.equal(ip.destination, ipB);
      assert.equal(ip.nextHeader, 58);
      assert.equal(ip.hopLimit, 64);
      assert.equal(ip.payloadLength, record.data.length - 40);
      const icmpv6 = packet.layer("icmpv6")!;
      assert.equal(icmpv6.type, 128);
      assert.equal(icmpv6.code, 0);
      assert.equal(icmpv6.sequenceNumber, i + 1);
      assert.equal(icmpv6.checksumValid, true);
      identifiers.add(icmpv6.identifier);
    });
    assert.equal(identifiers.size, 1);
  },
});
