import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { buildIpv4 } from "../lib/craft/mod.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeIgmp, DvmrpType, Igmp, IgmpType } from "../lib/net/igmp.ts";
import type { TcpdumpOptions } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { decode } from "../lib/decode.ts";

// tcpdump's tests/mrinfo_query.pcap, frame 2 (the IGMP message): tcpdump prints "igmp dvmrp
// Neighbors2 (v 12.4): [10.0.0.2 -> 10.0.0.1 (1/0/querier)] [10.0.0.9 -> 10.0.0.10 (1/0)]".
const NEIGHBORS2 = hex(`1306 768b 004a 040c 0a00 0002 0100 4401 0a00 0001 0a00 0009 0100 0401
  0a00 000a`);

/** An IGMP DVMRP message of code `code`, its checksum computed. */
function dvmrp(code: number, body: number[], group = [0, 0, 4, 12]): Uint8Array {
  const out = new Uint8Array([0x13, code, 0, 0, ...group, ...body]);
  const sum = foldChecksum(sumWords(out, 0, out.length, 0));
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}

/** Prints the message in IPv4 from 2.2.2.2 to 10.0.0.1, `cut` bytes short of its end. */
function print(message: Uint8Array, options: TcpdumpOptions = {}, cut = 0): string {
  const ip = buildIpv4({
    source: "2.2.2.2",
    destination: "10.0.0.1",
    protocol: IpProtocol.IGMP,
    ttl: 255,
    payload: message,
  });
  return printFrame(LinkType.RAW, ip.subarray(0, ip.length - cut), options, ip.length)
    .replace(/(IP )?2\.2\.2\.2 > 10\.0\.0\.1: /, "");
}

const PROBE = dvmrp(DvmrpType.PROBE, [0x12, 0x34, 0x56, 0x78, 10, 0, 0, 2, 10, 0, 0, 3]);
const REPORT = dvmrp(DvmrpType.REPORT, [
  0,
  0,
  0,
  10,
  3,
  11,
  0x81,
  255,
  255,
  252,
  10,
  1,
  2,
  4,
  0xff,
]);
const PRUNE = dvmrp(DvmrpType.PRUNE, [10, 1, 1, 1, 239, 1, 1, 1, 0, 0, 0x1c, 0xd8]);

Deno.test("decodeIgmp() reads a DVMRP Neighbors2 reply's version and neighbors", () => {
  const igmp = decodeIgmp(NEIGHBORS2);
  assert.ok(igmp instanceof Igmp);
  assert.equal(igmp.type, IgmpType.DVMRP);
  const message = igmp.dvmrp!;
  assert.equal(message.type, DvmrpType.NEIGHBORS2);
  assert.deepEqual([message.majorVersion, message.minorVersion, message.length], [12, 4, 24]);
  assert.deepEqual(message.neighbors.items, [
    { localOffset: 8, neighborOffset: 16, metric: 1, threshold: 0, flags: 0x44 },
    { localOffset: 20, neighborOffset: 28, metric: 1, threshold: 0, flags: 4 },
  ]);
  assert.equal(message.neighbors.stop, undefined);
  assert.equal(decodeIgmp(new Uint8Array([0x11, 0, 0, 0, 0, 0, 0, 0])).dvmrp, undefined);
});

Deno.test("decodeIgmp() walks DVMRP probes, reports and prunes to where they stop", () => {
  const probe = decodeIgmp(PROBE).dvmrp!;
  assert.equal(probe.generationId, 0x12345678);
  assert.deepEqual(probe.probeNeighbors.items, [12, 16]);
  const report = decodeIgmp(REPORT).dvmrp!;
  assert.deepEqual(report.report.items.map((e) => [e.kind, e.address, e.metric]), [
    ["mask", 0xff000000, 0],
    ["route", 0x0a000000, 3],
    ["route", 0x0b000000, 1],
    ["mask", 0xfffffffc, 0],
    ["route", 0x0a010204, 127],
  ]);
  const prune = decodeIgmp(PRUNE).dvmrp!;
  assert.deepEqual([prune.sourceOffset, prune.pruneLifetime], [8, 7384]);
  // Without an IP header the bytes give the length: 2 bytes are too few for a neighbor.
  const short = decodeIgmp(PROBE.subarray(0, 18)).dvmrp!;
  assert.deepEqual(short.probeNeighbors, {
    items: [12],
    stop: { reason: "short", remaining: 2, needed: 4 },
  });
  const route = decodeIgmp(dvmrp(DvmrpType.REPORT, [0, 0, 0, 10])).dvmrp!;
  assert.deepEqual(route.report.stop, { reason: "report", remaining: 0, needed: 0 });
});

Deno.test("printIgmp() prints DVMRP messages as tcpdump does", () => {
  assert.equal(
    print(NEIGHBORS2),
    "igmp dvmrp Neighbors2 (v 12.4): [10.0.0.2 -> 10.0.0.1 (1/0/querier)] " +
      "[10.0.0.9 -> 10.0.0.10 (1/0)]",
  );
  assert.equal(print(dvmrp(DvmrpType.ASK_NEIGHBORS2, [])), "igmp dvmrp Ask-neighbors2");
  assert.equal(print(PROBE), "igmp dvmrp Probe");
  assert.equal(print(PROBE, { verbose: 1 }).split("\n")[1], "    igmp dvmrp Probe genid 305419896");
  assert.equal(
    print(PROBE, { verbose: 2 }).split("\n").slice(1).join("\n"),
    "    igmp dvmrp Probe\n\tgenid 305419896\n\tneighbor 10.0.0.2\n\tneighbor 10.0.0.3",
  );
  assert.equal(print(REPORT, { verbose: 1 }).split("\n")[1], "    igmp dvmrp Report");
  assert.equal(
    print(REPORT, { verbose: 2 }).split("\n").slice(1).join("\n"),
    "    igmp dvmrp Report\n\tMask 255.0.0.0\n\t  10.0.0.0 metric 3\n\t  11.0.0.0 metric 1" +
      "\n\tMask 255.255.255.252\n\t  10.1.2.4 metric 127",
  );
  assert.equal(
    print(dvmrp(DvmrpType.NEIGHBORS, [10, 0, 0, 2, 1, 2, 1, 10, 0, 0, 1])),
    "igmp dvmrp Neighbors(old) [10.0.0.2 -> 10.0.0.1, (1/2)]",
  );
  assert.equal(print(PRUNE), "igmp dvmrp Prune src 10.1.1.1 grp 239.1.1.1 timer 2h3m4s");
  assert.equal(
    print(dvmrp(DvmrpType.GRAFT_ACK, [10, 1, 1, 1, 239, 1, 1, 1])),
    "igmp dvmrp Graft-ACK src 10.1.1.1 grp 239.1.1.1",
  );
  assert.equal(print(dvmrp(0, [])), "igmp dvmrp [type 0]");
  assert.equal(print(dvmrp(10, [])), "igmp dvmrp [type 10]");
  assert.equal(print(PRUNE, { quiet: true }), "igmp");
});

Deno.test("printIgmp() marks DVMRP lengths tcpdump finds malformed (invalid)", () => {
  assert.equal(
    print(dvmrp(DvmrpType.PROBE, [0, 0, 1]), { verbose: 1 }).split("\n")[1],
    "    igmp dvmrp Probe [full length 3 < 4] (invalid)",
  );
  assert.equal(
    print(dvmrp(DvmrpType.PROBE, [0, 0, 0, 1, 10, 0, 0, 2, 1, 2]), { verbose: 2 }).split("\n")
      .slice(1).join("\n"),
    "    igmp dvmrp Probe\n\tgenid 1\n\tneighbor 10.0.0.2[remaining length 2 < 4] (invalid)",
  );
  assert.equal(
    print(dvmrp(DvmrpType.REPORT, [0, 0, 0, 10, 3]), { verbose: 2 }).split("\n").slice(1)
      .join("\n"),
    "    igmp dvmrp Report\n\tMask 255.0.0.0\n\t  10.0.0.0 metric 3\n\t  [Truncated Report] (invalid)",
  );
  assert.equal(
    print(dvmrp(DvmrpType.REPORT, [0, 0, 0, 10, 0x83, 1, 2]), { verbose: 2 }).split("\n")
      .slice(1).join("\n"),
    "    igmp dvmrp Report\n\tMask 255.0.0.0\n\t  10.0.0.0 metric 3 [length 2 < 3] (invalid)",
  );
  assert.equal(
    print(dvmrp(DvmrpType.NEIGHBORS, [10, 0, 0, 2, 1, 2, 2, 10, 0, 0, 1])),
    "igmp dvmrp Neighbors(old) [10.0.0.2 -> 10.0.0.1, (1/2)] [length 0 < 4] (invalid)",
  );
  assert.equal(
    print(dvmrp(DvmrpType.NEIGHBORS2, [10, 0, 0, 2, 1, 0, 0, 3, 10, 0, 0, 1])),
    "igmp dvmrp Neighbors2 (v 12.4): [10.0.0.2 -> 10.0.0.1 (1/0)] [invalid ncount] (invalid)",
  );
  assert.equal(
    print(dvmrp(DvmrpType.NEIGHBORS2, [10, 0, 0, 2, 1])),
    "igmp dvmrp Neighbors2 (v 12.4): [length 5 < 8] (invalid)",
  );
});

Deno.test("printIgmp() ends DVMRP cut by the capture with [|dvmrp], as tcpdump does", () => {
  assert.equal(print(PROBE, { verbose: 1 }, 10).split("\n")[1], "    igmp dvmrp Probe  [|dvmrp]");
  assert.equal(
    print(PROBE, { verbose: 2 }, 2).split("\n").slice(1).join("\n"),
    "    igmp dvmrp Probe\n\tgenid 305419896\n\tneighbor 10.0.0.2 [|dvmrp]",
  );
  assert.equal(print(REPORT, { verbose: 2 }, 14).split("\n")[1], "    igmp dvmrp Report [|dvmrp]");
  assert.equal(
    print(NEIGHBORS2, {}, 2),
    "igmp dvmrp Neighbors2 (v 12.4): [10.0.0.2 -> 10.0.0.1 (1/0/querier)] [10.0.0.9 ->  [|dvmrp]",
  );
  assert.equal(print(PRUNE, {}, 5), "igmp dvmrp Prune [|dvmrp]");
  assert.equal(print(PRUNE, {}, 1), "igmp dvmrp Prune src 10.1.1.1 grp 239.1.1.1 timer  [|dvmrp]");
  // tcpdump's GET_ macro: the whole packet dumped with -x.
  assert.match(print(PRUNE, { hex: 1 }, 1), /timer {2}\[\|dvmrp\]\n\t0x0000: {2}4500 0028/);
  // Without -v a probe reads nothing past its name.
  assert.equal(print(PROBE, {}, 10), "igmp dvmrp Probe");
});

Deno.test("printIgmp() ends a DVMRP message cut inside its IGMP header where tcpdump reads", () => {
  // tcpdump 4.99.3: with the code byte cut, dvmrp_print()'s read of the type ends the
  // packet; a Neighbors2 reply cut before the version in the group field, its read.
  assert.equal(print(NEIGHBORS2, {}, NEIGHBORS2.length - 1), "igmp dvmrp [|dvmrp]");
  assert.equal(print(NEIGHBORS2, {}, NEIGHBORS2.length - 6), "igmp dvmrp Neighbors2 [|dvmrp]");
  const ip = buildIpv4({
    source: "2.2.2.2",
    destination: "10.0.0.1",
    protocol: IpProtocol.IGMP,
    payload: NEIGHBORS2,
  });
  const cut = decode(LinkType.RAW, ip.subarray(0, 26)).layer("igmp")!.dvmrp!;
  assert.deepEqual([cut.type, cut.majorVersion, cut.minorVersion], [DvmrpType.NEIGHBORS2, -1, -1]);
});
