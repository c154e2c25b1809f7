import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { buildIpv4 } from "../lib/craft/mod.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeIgmp, Igmp, IgmpType, Pimv1Type } from "../lib/net/igmp.ts";
import { decodeHex } from "../lib/_hex.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";

// From tcpdump's tests/PIM-SM_join_prune.pcap, packet 11 (tcpdump -v -x):
// 1.1.1.1 > 224.0.0.2: igmp pimv1 RP-reachable group 239.123.123.123 RP 1.1.1.1 hold 4m30s
// 0x0000:  45c0 002c 00ba 0000 0102 d652 0101 0101
// 0x0010:  e000 0002 1404 6df4 1000 0000 ef7b 7b7b
// 0x0020:  ffff ffff 0101 0101 0000 010e 0000
const RP_REACHABLE = decodeHex(
  "45c0002c00ba00000102d65201010101e0000002 14046df410000000ef7b7b7bffffffff010101010000010e0000",
);

/** A PIM version 1 message in IGMP: type 0x14, the PIM type, version 1, its checksum set. */
function pimv1(type: number, body: number[], version = 0x10): Uint8Array {
  const out = new Uint8Array([0x14, type, 0, 0, version, 0, 0, 0, ...body]);
  const sum = foldChecksum(sumWords(out, 0, out.length, 0));
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}

/** The message in IPv4, 10.0.0.1 > 224.0.0.2. */
function packet(message: Uint8Array): Uint8Array {
  return buildIpv4({
    source: "10.0.0.1",
    destination: "224.0.0.2",
    protocol: IpProtocol.IGMP,
    ttl: 1,
    payload: message,
  });
}

/** The tcpdump line of a packet (with -v, its second line); `wire` for a capture cut short. */
function line(bytes: Uint8Array, options: TcpdumpOptions = {}, wire?: number): string {
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  const record = { seconds: 0, nanoseconds: 0, originalLength: wire ?? bytes.length };
  const text = printer.format(decode(LinkType.RAW, bytes), record);
  return options.verbose ? text.slice(text.indexOf("\n") + 5) : text;
}

const GROUP = [239, 1, 2, 3];
const ALL_ONES = [255, 255, 255, 255];
/** Upstream 10.0.0.13, hold 210 s, one group of one joined sparse source 1.1.1.1/32. */
const ONE = pimv1(Pimv1Type.JOIN_PRUNE, [
  ...[10, 0, 0, 13, 0, 0, 0, 210, 0, 0, 0, 1],
  ...GROUP,
  ...ALL_ONES,
  ...[0, 1, 0, 0, 1, 32, 1, 1, 1, 1],
]);
/** Two groups: 239.1.2.3/255.255.255.0 with two joins and a prune, 239.9.9.9 with a prune. */
const MANY = pimv1(Pimv1Type.JOIN_PRUNE, [
  ...[10, 0, 0, 13, 0, 0, 0, 180, 0, 0, 0, 2],
  ...GROUP,
  ...[255, 255, 255, 0, 0, 2, 0, 1],
  ...[1, 32, 1, 1, 1, 1],
  ...[0, 0xc8, 1, 1, 1, 2],
  ...[1, 0x58, 2, 2, 2, 2],
  ...[239, 9, 9, 9, ...ALL_ONES, 0, 0, 0, 1],
  ...[0, 32, 3, 3, 3, 3],
]);

Deno.test("decodeIgmp() reads a PIM version 1 RP-Reachability message", () => {
  const igmp = decodeIgmp(RP_REACHABLE, 20);
  assert.equal(igmp.type, IgmpType.PIMV1);
  assert.equal(igmp.version, 0);
  assert.equal(igmp.checksumValid, true);
  const message = igmp.pimv1()!;
  assert.equal(message.type, Pimv1Type.RP_REACHABILITY);
  assert.equal(message.version, 1);
  assert.equal(message.groupAt, 28);
  assert.equal(message.groupMask, 0xffffffff);
  assert.equal(message.rpAt, 36);
  assert.equal(message.holdTime, 270);
  assert.equal(message.cut, undefined);
  assert.equal(decodeIgmp(new Uint8Array([0x16, 0, 0, 0, 239, 1, 1, 1])).pimv1(), undefined);
});

Deno.test("decodeIgmp() reads a PIM version 1 Join/Prune's groups and sources", () => {
  const message = decodeIgmp(MANY).pimv1()!;
  assert.equal(message.compact, false);
  assert.equal(message.upstreamAt, 8);
  assert.equal(message.holdTime, 180);
  assert.equal(message.groupCount, 2);
  assert.deepEqual(
    message.groups.map((g) => [g.addressAt, g.mask, g.joinCount, g.pruneCount, g.sources.length]),
    [[20, 0xffffff00, 2, 1, 3], [50, 0xffffffff, 0, 1, 1]],
  );
  assert.deepEqual(message.groups[0]!.sources[1], {
    addressAt: 40,
    sparse: false,
    wildcard: true,
    rpTree: true,
    maskLength: 8,
  });
  assert.equal(message.cut, undefined);
  assert.equal(decodeIgmp(ONE).pimv1()!.compact, true);
});

Deno.test("Igmp.pimv1() tells a Join/Prune cut by its length from one cut by the capture", () => {
  // Cut by the capture inside the first source: the IP length says the message goes on.
  const whole = packet(MANY);
  const captured = decode(LinkType.RAW, whole.subarray(0, 20 + 30)).layer("igmp")!;
  const byCapture = captured.pimv1()!;
  assert.equal(byCapture.cut, "capture");
  assert.equal(byCapture.groups[0]!.sources.length, 0);
  // The same bytes as the whole message: the walk stops at the length.
  const short = decode(LinkType.RAW, packet(MANY.subarray(0, 32))).layer("igmp")!;
  assert.equal(short.pimv1()!.cut, "length");
  assert.equal(short.pimv1()!.groups[0]!.joinCount, 2);
  // Under the 8-byte header: pimv1_print() gives up before the body.
  const graft = decode(LinkType.RAW, packet(pimv1(Pimv1Type.GRAFT, []).subarray(0, 6)));
  assert.equal(graft.layer("igmp")!.pimv1()!.cut, "message");
});

Deno.test("decodeIgmp() keeps a PIM version 1 message cut before 8 bytes as a partial layer", () => {
  assert.throws(() => decodeIgmp(new Uint8Array([0x14, 0x30, 0x30, 0x30])), { partial: true });
  const decoded = decode(LinkType.RAW, packet(new Uint8Array([0x14, 0x30, 0x30, 0x30])));
  const igmp = decoded.layer("igmp")!;
  assert.ok(igmp instanceof Igmp);
  assert.equal(igmp.headerLength, 4);
  const message = igmp.pimv1()!;
  assert.equal(message.type, 0x30);
  assert.equal(message.version, undefined);
  assert.equal(JSON.stringify(igmp), JSON.stringify(igmp.toJSON()));
  assert.equal((igmp.toJSON().pimv1 as { type: number }).type, 0x30);
});

Deno.test("printIgmp() prints PIM version 1 messages as tcpdump's pimv1_print()", () => {
  assert.equal(line(RP_REACHABLE), "IP 1.1.1.1 > 224.0.0.2: igmp pimv1 RP-reachable");
  assert.equal(
    line(RP_REACHABLE, { verbose: 1 }),
    "1.1.1.1 > 224.0.0.2: igmp pimv1 RP-reachable group 239.123.123.123 RP 1.1.1.1 hold 4m30s",
  );
  assert.equal(line(RP_REACHABLE, { quiet: true }), "IP 1.1.1.1 > 224.0.0.2: igmp");
  assert.equal(
    line(packet(pimv1(Pimv1Type.QUERY, [0x20, 0, 0, 105])), { verbose: 1 }),
    "10.0.0.1 > 224.0.0.2: igmp pimv1 Query Sparse-Dense-mode (Hold-time 1m45s)",
  );
  assert.equal(
    line(packet(pimv1(Pimv1Type.REGISTER_STOP, [239, 3, 3, 3, 10, 3, 3, 3], 0x20))),
    "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 Register-Stop for 239.3.3.3 > 10.3.3.3 [v2]",
  );
  const assertMessage = pimv1(Pimv1Type.ASSERT, [
    ...[239, 1, 1, 1, 255, 255, 0, 0, 10, 1, 1, 1],
    ...[0x80, 0, 0, 101, 0, 0, 0, 20],
  ]);
  assert.equal(
    line(packet(assertMessage)),
    "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 Assert for 10.1.1.1 > 239.1.1.1/255.255.0.0 " +
      "RP-tree pref 101 metric 20",
  );
  assert.equal(line(packet(pimv1(9, []))), "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 [type 9]");
});

Deno.test("printIgmp() prints a PIM version 1 Join/Prune on one line, or by group with -vv", () => {
  assert.equal(line(packet(ONE)), "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 Join/Prune");
  assert.equal(
    line(packet(ONE), { verbose: 1 }),
    "10.0.0.1 > 224.0.0.2: igmp pimv1 Join/Prune RPF 10.0.0.13 Hold 3m30sJoin " +
      "(1.1.1.1/32, 239.1.2.3) Sparse SPT",
  );
  assert.equal(
    line(packet(MANY), { verbose: 1 }),
    "10.0.0.1 > 224.0.0.2: igmp pimv1 Join/Prune Upstream Nbr: 10.0.0.13 Hold time: 3m",
  );
  assert.equal(
    line(packet(MANY), { verbose: 2 }),
    "10.0.0.1 > 224.0.0.2: igmp pimv1 Join/Prune\n Upstream Nbr: 10.0.0.13\n Hold time: 3m" +
      "\n\tGroup: 239.1.2.3/255.255.255.0 joined: 2 pruned: 1" +
      "\n\tJoin  Sparse SPT 1.1.1.1/32\n\tJoin  Dense WC RP 1.1.1.2/8" +
      "\n\tPrune Sparse RP 2.2.2.2/24" +
      "\n\tGroup: 239.9.9.9 joined: 0 pruned: 1\n\tPrune Dense SPT 3.3.3.3/32",
  );
});

Deno.test("printIgmp() ends a PIM version 1 message cut by the capture with [|pimv1]", () => {
  const whole = packet(MANY);
  // The hold time's label comes before its read fails.
  assert.equal(
    line(whole.subarray(0, 20 + 14), { verbose: 2 }, whole.length),
    "10.0.0.1 > 224.0.0.2: igmp pimv1 Join/Prune\n Upstream Nbr: 10.0.0.13\n Hold time:  [|pimv1]",
  );
  assert.equal(
    line(new Uint8Array([...RP_REACHABLE.subarray(0, 40)]), { verbose: 1 }, RP_REACHABLE.length),
    "1.1.1.1 > 224.0.0.2: igmp pimv1 RP-reachable group 239.123.123.123 RP 1.1.1.1 hold  [|pimv1]",
  );
  // The version byte is read last, and the type first.
  const cut = packet(new Uint8Array([0x14, 0x30, 0x30, 0x30]));
  assert.equal(line(cut), "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 [type 48] [|pimv1]");
  assert.equal(
    line(packet(new Uint8Array([0x14]))),
    "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 [|pimv1]",
  );
});

Deno.test("printIgmp() goes on to the version and checksum after a Join/Prune cut by its length", () => {
  const short = packet(MANY.subarray(0, 32));
  assert.equal(
    line(short, { verbose: 2 }),
    "10.0.0.1 > 224.0.0.2: igmp pimv1 Join/Prune\n Upstream Nbr: 10.0.0.13\n Hold time: 3m" +
      "\n\tGroup: 239.1.2.3/255.255.255.0 joined: 2 pruned: 1 [|pimv1] bad igmp cksum d7ad!",
  );
  // A Register too short for the packet header inside skips the version.
  assert.equal(
    line(packet(pimv1(Pimv1Type.REGISTER, new Array(19).fill(0), 0x20))),
    "IP 10.0.0.1 > 224.0.0.2: igmp pimv1 Register [|pimv1]",
  );
});
