import assert from "node:assert/strict";
import { decodeInto, printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeStp, formatBridgeId, Stp, stpDecoder } from "../lib/link/stp.ts";
import { stpSeconds } from "../lib/print/link/stp.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump's tests/802.1D_spanning_tree.pcap, `tcpdump -XX`: STP 802.1d, Config,
// Flags [none], bridge-id 8001.00:19:06:ea:b8:80.8005, length 35
const CONFIG_FRAME = hex(`
  0180 c200 0000 0019 06ea b885 0026 4242
  0300 0000 0000 8001 0019 06ea b880 0000
  0000 8001 0019 06ea b880 8005 0000 1400
  0200 0f00 0000 0000 0000 0000`);

function print(frame: Uint8Array, options: { link?: boolean; verbose?: number } = {}): string {
  return printFrame(LinkType.EN10MB, frame, options);
}

Deno.test("decodeStp() reads a configuration BPDU", () => {
  const stp = decodeStp(CONFIG_FRAME, 17);
  assert.ok(stp instanceof Stp);
  assert.equal(stp.version, 0);
  assert.equal(stp.bpduType, 0);
  assert.equal(stp.flags, 0);
  assert.equal(stp.rootId, "8001.00:19:06:ea:b8:80");
  assert.equal(stp.bridgeId, "8001.00:19:06:ea:b8:80");
  assert.equal(stp.portId, 0x8005);
  assert.equal(stp.maxAge, 20 * 256);
  assert.equal(stp.helloTime, 2 * 256);
  assert.equal(stp.forwardDelay, 15 * 256);
  assert.equal(stp.bpduLength, 35);
  assert.equal(stp.partial, false);
  assert.equal(stpDecoder.create().kind, "stp");
  assert.equal(formatBridgeId(CONFIG_FRAME, 17 + 5), "8001.00:19:06:ea:b8:80");
});

Deno.test("decodeStp() rejects a truncated BPDU", () => {
  assert.throws(() => decodeStp(CONFIG_FRAME.subarray(17, 20)), (error: unknown) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.code, "truncated");
    assert.equal(error.layer, "stp");
    return true;
  });
});

Deno.test("decode() keeps a BPDU cut at every byte as a partial layer of the fields captured", () => {
  for (let n = 0; n < 35; n++) {
    const packet = decode(LinkType.EN10MB, CONFIG_FRAME.subarray(0, 17 + n));
    assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet", "llc", "stp"]);
    assert.equal(packet.error?.layer, "stp");
    assert.equal(packet.error?.partial, true);
    assert.equal(packet.error?.required, n < 4 ? 4 : 35);
    const stp = packet.layer("stp")!;
    assert.equal(stp.partial, true);
    assert.equal(stp.available, n);
    assert.equal(stp.protocolId, n < 2 ? undefined : 0);
    assert.equal(stp.version, n < 3 ? undefined : 0);
    assert.equal(stp.bpduType, n < 4 ? undefined : 0);
    assert.equal(stp.flags, n < 5 ? undefined : 0);
    assert.equal(stp.rootId, n < 13 ? undefined : "8001.00:19:06:ea:b8:80");
    assert.equal(stp.rootPathCost, n < 17 ? undefined : 0);
    assert.equal(stp.bridgeId, n < 25 ? undefined : "8001.00:19:06:ea:b8:80");
    assert.equal(stp.portId, n < 27 ? undefined : 0x8005);
    assert.equal(stp.forwardDelay, n < 35 ? undefined : 15 * 256);
  }
  assert.equal(decode(LinkType.EN10MB, CONFIG_FRAME).error, undefined);
});

Deno.test("Stp.bpduLength follows the MST and SPB length fields as far as they were captured", () => {
  const mst = new Uint8Array(140);
  mst.set([0, 0, 3, 2], 0);
  assert.equal(decodeInto(stpDecoder.create(), mst.subarray(0, 36)).layer.bpduLength, 38);
  mst.set([0, 96], 36);
  const stp = decodeStp(mst.subarray(0, 134));
  assert.equal(stp.bpduLength, 134);
  assert.equal(stp.mstiCount, 2);
  assert.equal(stp.mstis.length, 2);
  const cut = decodeInto(stpDecoder.create(), mst.subarray(0, 110)).layer;
  assert.equal(cut.mstis.length, 1, "the second MSTI starts past the cut");
  assert.equal(cut.mstis[0]!.id, 0);
  assert.equal(cut.mstis[0]!.pathCost, undefined);
  mst[2] = 4;
  assert.equal(decodeInto(stpDecoder.create(), mst.subarray(0, 134)).layer.bpduLength, 136);
  mst.set([0, 85], 134);
  const spb = decodeInto(stpDecoder.create(), mst.subarray(0, 140)).layer;
  assert.equal(spb.bpduLength, 134 + 87);
  assert.equal(spb.spb?.v4Length, 85);
  assert.equal(spb.spb?.auxConfigName.length, 140 - 137);
  assert.equal(spb.spb?.auxRevision, undefined);
});

Deno.test("decode() reads STP after an 802.3 LLC header", () => {
  const packet = decode(LinkType.EN10MB, CONFIG_FRAME);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet", "llc", "stp"]);
  assert.equal(packet.layer("stp")?.end, 14 + 38, "the padding is not the BPDU's");
});

Deno.test("printStp() prints a configuration BPDU as tcpdump does", () => {
  assert.equal(
    print(CONFIG_FRAME),
    "STP 802.1d, Config, Flags [none], bridge-id 8001.00:19:06:ea:b8:80.8005, length 35",
  );
  assert.equal(
    print(CONFIG_FRAME, { link: true }),
    "00:19:06:ea:b8:85 > 01:80:c2:00:00:00, 802.3, length 38: LLC, dsap STP (0x42) " +
      "Individual, ssap STP (0x42) Command, ctrl 0x03: STP 802.1d, Config, Flags [none], " +
      "bridge-id 8001.00:19:06:ea:b8:80.8005, length 35",
  );
  assert.equal(
    print(CONFIG_FRAME, { verbose: 1 }),
    "STP 802.1d, Config, Flags [none], bridge-id 8001.00:19:06:ea:b8:80.8005, length 35\n" +
      "\tmessage-age 0.00s, max-age 20.00s, hello-time 2.00s, forwarding-delay 15.00s\n" +
      "\troot-id 8001.00:19:06:ea:b8:80, root-pathcost 0",
  );
});

Deno.test("printStp() says when a BPDU is shorter than its type", () => {
  const short = CONFIG_FRAME.slice(0, 14 + 3 + 20);
  short[13] = 23;
  assert.equal(print(short), "STP 802.1d, Config (invalid)");
});

Deno.test("stpSeconds() rounds half to even as printf does", () => {
  assert.equal(stpSeconds(20 * 256), "20.00");
  assert.equal(stpSeconds(32), "0.12");
  assert.equal(stpSeconds(96), "0.38");
  assert.equal(stpSeconds(1), "0.00");
});
