import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeMsnlb, Msnlb, msnlbDecoder } from "../lib/link/msnlb.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump's tests/msnlb.pcap, frame 1 (the first 34 of its 96 captured bytes): `tcpdump -n`
// prints "MS NLB heartbeat, host priority: 2, cluster IP: 192.168.100.80, host IP: 192.168.100.82".
const HEARTBEAT = hex(`
  ffff ffff ffff 0202 c0a8 6450 886f bf01
  dec0 0602 0000 0200 0000 c0a8 6450 c0a8
  6452`);

const LINE =
  "MS NLB heartbeat, host priority: 2, cluster IP: 192.168.100.80, host IP: 192.168.100.82";

function print(frame: Uint8Array, options = {}, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, options, originalLength);
}

Deno.test("decodeMsnlb() reads the host priority (little-endian) and both addresses", () => {
  const heartbeat = decodeMsnlb(HEARTBEAT, 14);
  assert.ok(heartbeat instanceof Msnlb);
  assert.equal(heartbeat.partial, false);
  assert.equal(heartbeat.hostPriority, 2);
  assert.equal(heartbeat.clusterIpOffset, 26);
  assert.equal(heartbeat.hostIpOffset, 30);
  assert.deepEqual(heartbeat.toJSON(), {
    hostPriority: 2,
    clusterIp: "192.168.100.80",
    hostIp: "192.168.100.82",
  });
  const high = HEARTBEAT.slice();
  high.set([0xff, 0xff, 0xff, 0xfe], 22);
  assert.equal(decodeMsnlb(high, 14).hostPriority, 0xfeffffff);
  assert.equal(msnlbDecoder.create().kind, "msnlb");
});

Deno.test("decodeMsnlb() rejects a truncated heartbeat", () => {
  assert.throws(() => decodeMsnlb(HEARTBEAT.subarray(14, 33)), DecodeError);
  assert.throws(() => decodeMsnlb(HEARTBEAT, 34), DecodeError);
});

Deno.test("decode() keeps a heartbeat cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, HEARTBEAT.subarray(0, 29));
  const heartbeat = packet.layers[1];
  assert.ok(heartbeat instanceof Msnlb);
  assert.equal(heartbeat.partial, true);
  assert.equal(heartbeat.hostPriority, 2);
  assert.equal(heartbeat.clusterIpOffset, -1);
  assert.equal(heartbeat.clusterIp, "");
  assert.equal(heartbeat.hostIp, "");
  assert.deepEqual(heartbeat.toJSON(), { partial: true, hostPriority: 2 });
  assert.ok(packet.error instanceof DecodeError);
  const empty = decode(LinkType.EN10MB, HEARTBEAT.subarray(0, 14)).layers[1];
  assert.ok(empty instanceof Msnlb);
  assert.equal(empty.hostPriority, -1);
  assert.deepEqual(empty.toJSON(), { partial: true });
});

Deno.test("printMsnlb() prints the priority and addresses at every verbosity, as tcpdump does", () => {
  assert.equal(print(HEARTBEAT), LINE);
  assert.equal(print(HEARTBEAT, { verbose: 2 }), LINE);
  assert.equal(print(HEARTBEAT, { quiet: true }), LINE);
  assert.equal(
    print(HEARTBEAT, { link: true }, 1510),
    "02:02:c0:a8:64:50 > ff:ff:ff:ff:ff:ff, ethertype MS NLB heartbeat (0x886f), length 1510: " +
      LINE,
  );
});

Deno.test("printMsnlb() marks a heartbeat cut at each field, as tcpdump does", () => {
  const cut = (n: number, options = {}) => print(HEARTBEAT.subarray(0, n), options, 1510);
  assert.equal(cut(14), "MS NLB heartbeat [|msnlb]");
  assert.equal(cut(25), "MS NLB heartbeat [|msnlb]");
  assert.equal(cut(26), "MS NLB heartbeat, host priority: 2 [|msnlb]");
  assert.equal(cut(29), "MS NLB heartbeat, host priority: 2 [|msnlb]");
  assert.equal(cut(30), "MS NLB heartbeat, host priority: 2, cluster IP: 192.168.100.80 [|msnlb]");
  assert.equal(cut(33), "MS NLB heartbeat, host priority: 2, cluster IP: 192.168.100.80 [|msnlb]");
  // tcpdump's msnlb2.pcapng: a read past the capture dumps the whole frame with -X.
  assert.equal(
    cut(20, { hex: 1, ascii: true }),
    "MS NLB heartbeat [|msnlb]\n" +
      "\t0x0000:  ffff ffff ffff 0202 c0a8 6450 886f bf01  ..........dP.o..\n" +
      "\t0x0010:  dec0 0602                                ....",
  );
});

Deno.test("printMsnlb() reads the fields from Ethernet padding and stops at an 802.3 length", () => {
  // tcpdump reads to the captured end: a short heartbeat's fields come from the padding.
  const padded = new Uint8Array(60);
  padded.set(HEARTBEAT.subarray(0, 26));
  assert.equal(
    print(padded),
    "MS NLB heartbeat, host priority: 2, cluster IP: 0.0.0.0, host IP: 0.0.0.0",
  );
  // LLC/SNAP whose 802.3 length leaves 14 bytes of the heartbeat.
  const snap = hex(`ffff ffff ffff 0202 c0a8 6450 0016 aaaa 0300 0000 886f`);
  const frame = new Uint8Array([...snap, ...HEARTBEAT.subarray(14)]);
  assert.equal(print(frame), "MS NLB heartbeat, host priority: 2 [|msnlb]");
  assert.equal(
    print(frame, { link: true }),
    "02:02:c0:a8:64:50 > ff:ff:ff:ff:ff:ff, 802.3, length 22: LLC, dsap SNAP (0xaa) " +
      "Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype " +
      "MS NLB heartbeat (0x886f), length 14: MS NLB heartbeat, host priority: 2 [|msnlb]",
  );
});
