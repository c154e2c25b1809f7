import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeHncp, Hncp, hncpDecoder, HncpRange, hncpTypeClass } from "../lib/app/hncp.ts";
import { buildEthernet, buildIpv6, buildUdp } from "../lib/craft/mod.ts";

/** A TLV of `type` with `body`, padded to 4 bytes. */
function tlv(type: number, body: number[], length = body.length): number[] {
  const pad = new Array((4 - body.length % 4) % 4).fill(0);
  return [type >> 8, type & 0xff, length >> 8, length & 0xff, ...body, ...pad];
}

const NID = [0x31, 0xda, 0x78, 0xd2];
const MAPPED = [...new Array(10).fill(0), 0xff, 0xff, 10, 0, 101, 27];
const V6 = [0xfd, 0x1f, 0xf8, 0x8c, 0xe2, 0x07, 0xdb, 0xbc, 0, 0, 0, 0, 0, 0, 0, 0x1b];
const HASH = [0x2a, 0xe5, 0xf7, 0x72, 0x55, 0x20, 0x0b, 0xcc];
const u32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** An Ethernet frame with the packet in a UDP datagram to port 8231 over IPv6. */
function frame(payload: Uint8Array): Uint8Array {
  const addresses = { source: "fe80::1", destination: "ff02::11" };
  const udp = buildUdp({ ...addresses, sourcePort: 8231, destinationPort: 8231, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "33:33:00:00:00:11",
    etherType: 0x86dd,
    payload: buildIpv6({ ...addresses, nextHeader: 17, hopLimit: 1, payload: udp }),
  });
}

const NODE_STATE = new Uint8Array([
  ...tlv(3, [...NID, 3, 0, 0, 0]),
  ...tlv(5, [
    ...NID,
    ...u32(19),
    ...u32(160088),
    ...HASH,
    ...tlv(8, [...NID, 1, 0, 0, 0, 1, 0, 0, 0]),
    ...tlv(35, [0, 0, 0, 3, 2, 64, ...V6.slice(0, 8)]),
    ...tlv(35, [0, 0, 0, 1, 2, 120, ...MAPPED.slice(0, 15)]),
    ...tlv(36, [0, 0, 0, 1, ...MAPPED]),
    ...tlv(41, [...V6, 1, 0x72]),
  ]),
]);

Deno.test("decodeHncp() reads TLV headers, fields, prefixes and labels", () => {
  const layer = decodeHncp(NODE_STATE);
  assert.ok(layer instanceof Hncp);
  const first = layer.tlvAt(0, NODE_STATE.length);
  assert.deepEqual([first.status, first.type, first.bodyLength], ["ok", 3, 8]);
  assert.equal(layer.nodeId(first.value), "31:da:78:d2");
  const state = layer.tlvAt(12, NODE_STATE.length);
  assert.equal(layer.interval(state.value + 8), "160.088s");
  assert.equal(layer.hexBytes(state.value + 12, 8), "2ae5f77255200bcc");
  assert.equal(layer.address(108), "10.0.101.27");
  assert.equal(hncpDecoder.create().kind, "hncp");
  assert.deepEqual(decode(LinkType.EN10MB, frame(NODE_STATE)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv6",
    "udp",
    "hncp",
  ]);
  const prefixes = decodeHncp(new Uint8Array([129, 120, ...MAPPED.slice(0, 12), 10, 0]));
  assert.equal(prefixes.prefixSize(0, 18), -1);
  assert.equal(prefixes.prefixSize(1, 14), -3);
  assert.equal(prefixes.prefixIsIpv4(1, 15), true);
  assert.equal(prefixes.prefixSize(1, 16), 16);
  const named = decodeHncp(new Uint8Array([4, 0x68, 0x6f, 0x6d, 0x65, 0, 3, 0x61]));
  assert.deepEqual(named.labels(0, 6), { labels: [[1, 4]], length: 6 });
  assert.deepEqual(named.labels(6, 2), { labels: [[7, 1]], length: -1 });
  assert.equal(hncpTypeClass(7), HncpRange.FUTURE_USE);
  assert.equal(hncpTypeClass(300), HncpRange.UNASSIGNED);
});

Deno.test("Hncp.tlvAt() rejects a truncated header and a body past its container", () => {
  const layer = decodeHncp(new Uint8Array([0, 4, 0, 8, 1, 2, 3]));
  assert.equal(layer.tlvAt(0, 12).status, "cut");
  assert.equal(layer.tlvAt(4, 12).status, "cut");
  const whole = decodeHncp(new Uint8Array(tlv(4, HASH)));
  assert.equal(whole.tlvAt(0, 10).status, "invalid");
  assert.equal(whole.tlvAt(0, 2).status, "invalid");
  assert.equal(whole.tlvAt(0, 12).status, "ok");
});

Deno.test("Hncp.dhcpOptions() walks DHCPv4 and DHCPv6 options, short headers and overruns", () => {
  const v4 = decodeHncp(new Uint8Array([6, 4, 1, 2, 3, 4, 42, 9, 0]));
  const four = v4.dhcpOptions(0, 9, false);
  assert.deepEqual(four.options.map((o) => [o.type, o.length, o.overrun]), [[6, 4, false], [
    42,
    9,
    true,
  ]]);
  assert.equal(v4.dhcpOptions(0, 7, false).short, true);
  const v6 = decodeHncp(new Uint8Array([0, 23, 0, 0, 0, 24]));
  assert.deepEqual(v6.dhcpOptions(0, 6, true), {
    options: [{ type: 23, length: 0, value: 4, overrun: false }],
    short: true,
  });
});

Deno.test("printHncp() prints the packet as tcpdump does", () => {
  const print = (payload: Uint8Array, verbose = 0) =>
    printFrame(LinkType.EN10MB, frame(payload), { verbose }).replace(/^.*?hncp/s, "hncp");
  assert.equal(print(NODE_STATE), "hncp (148) Node endpoint, Node state");
  assert.equal(
    print(NODE_STATE, 1),
    "hncp (148)\n\tNode endpoint (12) NID: 31:da:78:d2 EPID: 03000000" +
      "\n\tNode state (136) NID: 31:da:78:d2 seqno: 19 160.088s hash: 2ae5f77255200bcc" +
      "\n\t\tPeer, Assigned-Prefix (x2), Node-Address, Node-Name",
  );
  assert.equal(
    print(NODE_STATE, 3).split("\n\t\t").slice(1).join("|"),
    [
      "Peer (16) Peer-NID: 31:da:78:d2 Peer-EPID: 01000000 Local-EPID: 01000000",
      "Assigned-Prefix (18) EPID: 00000003 Prty: 2 Prefix: fd1f:f88c:e207:dbbc::/64",
      "Assigned-Prefix (25) EPID: 00000001 Prty: 2 Prefix: 10.0.101.0/24",
      "Node-Address (24) EPID: 00000001 IP Address: 10.0.101.27",
      'Node-Name (22) IP-Address: fd1f:f88c:e207:dbbc::1b Name: "r"',
    ].join("|"),
  );
  const dhcp = new Uint8Array([
    ...tlv(37, [6, 4, 192, 168, 1, 254, 119, 6, 4, 0x68, 0x6f, 0x6d, 0x65, 0]),
    ...tlv(38, [0, 23, 0, 15, ...V6.slice(0, 15)]),
  ]);
  assert.equal(
    print(dhcp, 3),
    "hncp (44)\n\tDHCPv4-Data (18)\n\t\tDNS-server (6) 192.168.1.254\n\t\tDNS-search (8) home." +
      "\n\tDHCPv6-Data (23)\n\t\tDNS-server (19) (invalid) (invalid)",
  );
  assert.equal(print(new Uint8Array([0, 4, 0, 8, 1, 2]), 1), "hncp (6)\n\t [|hncp]");
  assert.equal(
    print(new Uint8Array(tlv(2, [1, 2, 3])), 1),
    "hncp (8)\n\tRequest node state (7) (invalid)",
  );
  assert.equal(print(new Uint8Array(0)), "hncp (0)");
});

Deno.test("decode() and printHncp() never throw on mutated HNCP packets", () => {
  let seed = 0x8231;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const bytes = NODE_STATE.slice(0, 1 + random() % NODE_STATE.length);
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    if (i % 3 === 0 && bytes.length > 13) bytes[13] = 32 + random() % 12; // a nested HNCP type
    const packet = frame(bytes);
    for (const verbose of [0, 1, 3]) {
      const text = printFrame(LinkType.EN10MB, packet, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object|Invalid/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, packet));
  }
  assert.equal(printed, 9000);
});
