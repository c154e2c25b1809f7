import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeIpx, Ipx, ipxDecoder } from "../lib/net/ipx.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// Written for this test; `tcpdump -xx`: a raw 802.3 SAP response,
// IPX 00000001.00:0c:29:aa:bb:cc.0452 > 00000000.ff:ff:ff:ff:ff:ff.0452: ipx-sap-resp ...
const SAP_RAW = hex(`
  ffff ffff ffff 000c 29aa bbcc 0060 ffff
  0060 0004 0000 0000 ffff ffff ffff 0452
  0000 0001 000c 29aa bbcc 0452 0002 0004
  5345 5256 4552 3100 0000 0000 0000 0000
  0000 0000 0000 0000 0000 0000 0000 0000
  0000 0000 0000 0000 0000 0000 0000 0000
  0000 0001 000c 29aa bbcc 0451 0001`);

// A RIP request over LLC SAP 0xe0.
const RIP_LLC = hex(`
  ffff ffff ffff 000c 29aa bbcc 002b e0e0
  03ff ff00 2800 0400 0000 00ff ffff ffff
  ff04 5300 0000 0100 0c29 aabb cc04 5300
  01ff ffff ffff ffff ff`);

// A RIP response over Ethernet II (EtherType 0x8137).
const RIP_ETHII = hex(`
  ffff ffff ffff 000c 29aa bbcc 8137 ffff
  0030 0004 0000 0000 ffff ffff ffff 0453
  0000 0001 000c 29aa bbcc 0453 0002 0000
  0010 0001 0002 0000 0020 0003 0004`);

// A SAP response whose IPX length (70) ends inside the server's name.
const SAP_SHORT = hex(`
  ffff ffff ffff 000c 29aa bbcc 8137 ffff
  0046 0004 0000 0000 ffff ffff ffff 0452
  0000 0001 000c 29aa bbcc 0452 0002 0004
  5345 5256 4552 3100 0000 0000 0000 0000
  0000 0000 0000 0000 0000 0000 0000 0000
  0000 0000`);

function print(frame: Uint8Array, link = false): string {
  return printFrame(LinkType.EN10MB, frame, { link });
}

Deno.test("decodeIpx() reads the header, SAP servers and RIP routes", () => {
  const ipx = decodeIpx(SAP_RAW, 14);
  assert.ok(ipx instanceof Ipx);
  assert.equal(ipx.length, 96);
  assert.equal(ipx.sourceNetwork, 1);
  assert.equal(ipx.sourceNode, "00:0c:29:aa:bb:cc");
  assert.equal(ipx.destinationSocket, 0x452);
  const sap = ipx.sap()!;
  assert.equal(sap.operation, 2);
  assert.deepEqual(sap.servers, [{ serverType: 4, nameOffset: 48, addressOffset: 96 }]);
  assert.equal(sap.stop, undefined);
  const rip = decodeIpx(RIP_ETHII, 14).rip()!;
  assert.deepEqual(rip.routes, [{ network: 0x10, hops: 1, ticks: 2 }, {
    network: 0x20,
    hops: 3,
    ticks: 4,
  }]);
  assert.equal(decodeIpx(SAP_SHORT, 14).sap()?.stop, "invalid");
  assert.equal(ipxDecoder.create().kind, "ipx");
});

Deno.test("decodeIpx() rejects a truncated header", () => {
  assert.throws(() => decodeIpx(SAP_RAW.subarray(14, 40)), DecodeError);
});

Deno.test("decode() reads IPX in raw 802.3, LLC and Ethernet II frames", () => {
  const kinds = (f: Uint8Array) => decode(LinkType.EN10MB, f).layers.map((l) => l.kind);
  assert.deepEqual(kinds(SAP_RAW), ["ethernet", "ipx"]);
  assert.deepEqual(kinds(RIP_LLC), ["ethernet", "llc", "ipx"]);
  assert.deepEqual(kinds(RIP_ETHII), ["ethernet", "ipx"]);
});

Deno.test("printIpx() prints SAP and RIP messages as tcpdump does", () => {
  const from = "00000001.00:0c:29:aa:bb:cc";
  const to = "00000000.ff:ff:ff:ff:ff:ff";
  assert.equal(
    print(SAP_RAW),
    `IPX ${from}.0452 > ${to}.0452: ipx-sap-resp 0004 'SERVER1' addr ${from}`,
  );
  assert.equal(print(RIP_LLC), `IPX ${from}.0453 > ${to}.0453: ipx-rip-req ffffffff/65535.65535`);
  assert.equal(
    print(RIP_ETHII),
    `(NOV-ETHII) IPX ${from}.0453 > ${to}.0453: ipx-rip-resp 00000010/1.2 00000020/3.4`,
  );
  assert.equal(
    print(SAP_SHORT),
    `(NOV-ETHII) IPX ${from}.0452 > ${to}.0452: ipx-sap-resp 0004 '' (invalid)`,
  );
});

Deno.test("printIpx() names the 802.3 and 802.2 framings with -e as tcpdump does", () => {
  assert.equal(
    print(SAP_RAW, true).split(": ").slice(0, 2).join(": "),
    "00:0c:29:aa:bb:cc > ff:ff:ff:ff:ff:ff, 802.3, length 96: IPX 802.3",
  );
  assert.match(
    print(RIP_LLC, true),
    /ctrl 0x03: IPX 802\.2: 00000001\.00:0c:29:aa:bb:cc\.0453 > /,
  );
  assert.match(print(RIP_ETHII, true), /length 62: \(NOV-ETHII\) 00000001/);
});

Deno.test("printIpx() names IPX before a header cut short in every framing", () => {
  const macs = hex("ffffffffffff020000000001");
  const header = hex("ffff001e0004 00000001ffffffffffff0453 00000001020000000001 0453");
  const cut = header.subarray(0, 10);
  const llc = Uint8Array.from([...macs, 0x00, 0x21, 0xe0, 0xe0, 0x03, ...cut]);
  const raw = Uint8Array.from([...macs, 0x00, 0x1e, ...cut]);
  const ethernet = Uint8Array.from([...macs, 0x81, 0x37, ...cut]);
  assert.equal(printFrame(LinkType.EN10MB, llc, {}, 47), "IPX  [|ipx]");
  assert.equal(
    printFrame(LinkType.EN10MB, llc, { link: true }, 47),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, 802.3, length 33: LLC, dsap IPX (0xe0) Individual, " +
      "ssap IPX (0xe0) Command, ctrl 0x03: IPX 802.2:  [|ipx]",
  );
  assert.equal(
    printFrame(LinkType.EN10MB, raw, { link: true }, 44),
    "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, 802.3, length 30: IPX 802.3:  [|ipx]",
  );
  assert.equal(printFrame(LinkType.EN10MB, ethernet, {}, 44), "(NOV-ETHII) IPX  [|ipx]");
  // ipx_print()'s reads jump out: -x dumps the whole frame, link header included.
  assert.match(
    printFrame(LinkType.EN10MB, raw, { hex: 1 }, 44),
    /^IPX {2}\[\|ipx\]\n\t0x0000: {2}ffff/,
  );
  // So do its reads of a RIP message's operation.
  const rip = Uint8Array.from([...macs, 0x00, 0x1e, ...header]);
  assert.match(
    printFrame(LinkType.EN10MB, rip, { hex: 1 }, 48),
    /\.0453: {2}\[\|ipx\]\n\t0x0000: {2}ffff ffff ffff/,
  );
});
