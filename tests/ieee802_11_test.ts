import assert from "node:assert/strict";
import { decodeIeee80211, Ieee80211Type } from "../lib/link/ieee802_11.ts";
import { decodeRadiotap, RADIOTAP_TRUNCATED } from "../lib/link/radiotap.ts";
import { decodePrism } from "../lib/link/prism.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

// A beacon from chrissanders' 80211beacon.pcapng (LINKTYPE_IEEE802_11, tcpdump -xx):
//   0x0000:  8000 0000 ffff ffff ffff 0013 460b 22ba
//   0x0010:  0013 460b 22ba 8054 81a1 8516 0000 0000
//   0x0020:  6400 3104 0005 5445 534c 4101 0882 848b
//   0x0030:  960c 1830 4803 010b 0504 0001 0000 2a01
//   0x0040:  0032 0412 2460 6cdd 0900 037f 0101 000e
//   0x0050:  0000 dd0c 0003 7f02 0101 0000 02a3 4000
//   0x0060:  dd1a 0003 7f03 0100 0000 0013 460b 22ba
//   0x0070:  0213 460b 22ba 6400 2c01 0e08 dd06 0003
//   0x0080:  2f01 0001
const beacon = decodeHex(
  "80000000ffffffffffff0013460b22ba0013460b22ba805481a1851600000000" +
    "6400310400055445534c41010882848b960c18304803010b0504000100002a01" +
    "0032041224606cdd0900037f0101000e0000dd0c00037f020101000002a34000" +
    "dd1a00037f03010000000013460b22ba0213460b22ba64002c010e08dd060003" +
    "2f010001",
);

// An acknowledgment after a radiotap header with a channel, from aircrack-ng's
// wpa3-psk.pcap (tcpdump -xx):
//   0x0000:  0000 0e00 0a00 0000 0000 6c09 8000 d400
//   0x0010:  0000 0200 0000 0000
const ack = decodeHex("00000e000a00000000006c098000d4000000020000000000");

// An ARP request in a QoS data frame after radiotap (FCS flag set, the frame cut at 110 of
// 149 bytes, so the FCS is not captured), from Zeek's arp-who-has-radiotap.pcap (-xx):
//   0x0000:  0000 3000 6b08 1c00 e161 5656 0000 0000
//   0x0010:  1000 a415 4001 b6a3 014e 3497 4001 0100
//   0x0020:  a415 6c22 1f01 0700 0100 0000 0000 0000
//   0x0030:  8801 2c00 8a15 149b 5ae0 7831 c1c6 3fc2
//   0x0040:  ffff ffff ffff 1000 0600 aaaa 0300 0000
//   0x0050:  0806 0001 0800 0604 0001 7831 c1c6 3fc2
//   0x0060:  0a00 0002 0000 0000 0000 0a00 0001
const arp = decodeHex(
  "000030006b081c00e1615656000000001000a4154001b6a3014e349740010100" +
    "a4156c221f010700010000000000000088012c008a15149b5ae07831c1c63fc2ffffffffffff10000600" +
    "aaaa0300000008060001080006040001" + "7831c1c63fc20a0000020000000000000a000001",
);

function format(
  linkType: number,
  bytes: Uint8Array,
  options = {},
  originalLength = bytes.length,
): string {
  return new TcpdumpPrinter({ timestamps: "none", ...options }).format(
    decode(linkType, bytes),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

/** A management frame from 02:00:00:00:00:02 to :01 in BSS :03, with a body. */
function management(subtype: number, body: number[]): Uint8Array {
  return new Uint8Array([
    subtype << 4,
    0,
    0x3a,
    0x01,
    ...[2, 0, 0, 0, 0, 1],
    ...[2, 0, 0, 0, 0, 2],
    ...[2, 0, 0, 0, 0, 3],
    0x10,
    0,
    ...body,
  ]);
}

Deno.test("decodeIeee80211() reads a beacon's fixed fields and elements", () => {
  const frame = decodeIeee80211(beacon);
  assert.equal(frame.type, Ieee80211Type.MANAGEMENT);
  assert.equal(frame.subtype, 8);
  assert.equal(frame.headerLength, 24);
  assert.equal(frame.source, "00:13:46:0b:22:ba");
  const body = frame.management;
  assert.equal(body.beaconInterval, 100);
  assert.equal(body.capability, 0x0431);
  assert.equal(new TextDecoder().decode(body.ssid), "TESLA");
  assert.deepEqual([...body.rates!], [0x82, 0x84, 0x8b, 0x96, 0x0c, 0x18, 0x30, 0x48]);
  assert.equal(body.channel, 11);
  assert.equal(body.complete, true);
});

Deno.test("decodeIeee80211() rejects a truncated header", () => {
  assert.throws(() => decodeIeee80211(beacon.subarray(0, 1)), { code: "truncated" });
  assert.throws(() => decodeIeee80211(beacon.subarray(0, 20)), {
    message: "Cannot decode IEEE 802.11 header: 24 bytes required, received 20",
  });
});

Deno.test("decodeRadiotap() reads the fields in order, aligned", () => {
  const radiotap = decodeRadiotap(arp);
  assert.equal(radiotap.length, 48);
  assert.deepEqual(radiotap.fields.map((f) => f.bit), [0, 1, 3, 5, 6, 11, 18, 19, 20]);
  assert.equal(radiotap.tsft, 1448501729n);
  assert.equal(radiotap.flags, 0x10);
  assert.deepEqual(radiotap.field(5)?.values, [-74]);
  assert.deepEqual(radiotap.field(19)?.values, [0x1f, 1, 7]);
  // The FCS flag is set, but the frame was cut short: nothing is trimmed.
  assert.equal(radiotap.fcsCaptured, false);
  assert.equal(radiotap.end, arp.length);
});

Deno.test("decodeRadiotap() marks fields cut by the header's length, rejects short headers", () => {
  // Present: TSFT, but the header ends at 12 bytes.
  const short = new Uint8Array([0, 0, 12, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(decodeRadiotap(short).fields[0]?.bit, RADIOTAP_TRUNCATED);
  assert.throws(() => decodeRadiotap(ack.subarray(0, 10)), { code: "truncated" });
  assert.throws(() => decodeRadiotap(new Uint8Array([0, 0, 4, 0, 0, 0, 0, 0])), {
    code: "truncated",
  });
});

Deno.test("decodePrism() skips a Prism header before the 802.11 frame", () => {
  const frame = new Uint8Array(144 + ack.length - 14);
  frame.set(ack.subarray(14), 144);
  assert.equal(decodePrism(frame).headerLength, 144);
  const packet = decode(LinkType.PRISM_HEADER, frame);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["prism", "ieee80211"]);
  assert.equal(
    format(LinkType.PRISM_HEADER, frame),
    "Acknowledgment RA:02:00:00:00:00:00 ",
  );
});

Deno.test("decode() goes on from radiotap and 802.11 data to LLC/SNAP and ARP", () => {
  const packet = decode(LinkType.IEEE802_11_RADIOTAP, arp);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["radiotap", "ieee80211", "llc", "arp"]);
});

Deno.test("printIeee80211() prints a beacon as tcpdump does", () => {
  assert.equal(
    format(LinkType.IEEE802_11, beacon),
    "Beacon (TESLA) [1.0* 2.0* 5.5* 11.0* 6.0 12.0 24.0 36.0 Mbit] ESS CH: 11, PRIVACY",
  );
  assert.equal(
    format(LinkType.IEEE802_11, beacon, { link: true, verbose: 1 }),
    "0us BSSID:00:13:46:0b:22:ba DA:ff:ff:ff:ff:ff:ff SA:00:13:46:0b:22:ba Beacon (TESLA) " +
      "[1.0* 2.0* 5.5* 11.0* 6.0 12.0 24.0 36.0 Mbit] ESS CH: 11, PRIVACY",
  );
  // Elements cut short: what was read, then the mark.
  assert.equal(
    format(LinkType.IEEE802_11, beacon.subarray(0, 45)),
    "Beacon (TESLA) ESS, PRIVACY [|802.11]",
  );
});

Deno.test("printRadiotap() prints the radio fields as tcpdump does", () => {
  assert.equal(
    format(LinkType.IEEE802_11_RADIOTAP, ack),
    "2412 MHz Acknowledgment RA:02:00:00:00:00:00 ",
  );
  assert.equal(
    format(LinkType.IEEE802_11_RADIOTAP, arp, {}, 149),
    "1448501729us tsft -74dBm signal -93dBm noise antenna 1 5540 MHz 11n ht/20 135.0 Mb/s " +
      "MCS 7 40 MHz long GI mixed BCC FEC ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 63",
  );
  assert.equal(
    format(LinkType.IEEE802_11_RADIOTAP, arp, { link: true }, 149),
    "1448501729us tsft -74dBm signal -93dBm noise antenna 1 5540 MHz 11n ht/20 135.0 Mb/s " +
      "MCS 7 40 MHz long GI mixed BCC FEC CF +QoS BSSID:8a:15:14:9b:5a:e0 " +
      "SA:78:31:c1:c6:3f:c2 DA:ff:ff:ff:ff:ff:ff LLC, dsap SNAP (0xaa) Individual, ssap SNAP " +
      "(0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype ARP (0x0806), length 63: " +
      "Request who-has 10.0.0.1 tell 10.0.0.2, length 63",
  );
});

Deno.test("printIeee80211() prints management and control frames as tcpdump does", () => {
  const cases: [Uint8Array, string][] = [
    [
      management(12, [7, 0]),
      "DeAuthentication (02:00:00:00:00:02): Class 3 frame received from nonassociated STA",
    ],
    [management(13, [3, 0, 1]), "Action (02:00:00:00:00:02): BA ADDBA Request"],
    [
      management(11, [1, 0, 2, 0, 0, 0, 0x10, 3, 0x61, 0x62, 0x63]),
      "Authentication (Shared Key)-2 [Challenge Text] ",
    ],
    [
      management(2, [0x11, 0, 0x0a, 0, 2, 0, 0, 0, 0, 3, 0, 4, 0x61, 0x62, 1, 0x63]),
      "ReAssoc Request (ab^Ac) AP : 02:00:00:00:00:03",
    ],
    [management(10, [1, 0]), "Disassociation: Unspecified reason"],
    [
      new Uint8Array([0xb4, 0, 0x10, 0, 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]),
      "Request-To-Send TA:02:00:00:00:00:02 ",
    ],
    [
      new Uint8Array([0xa4, 0, 1, 0xc0, 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]),
      "Power Save-Poll AID(c001)",
    ],
    [new Uint8Array([0x04, 0]), "unknown 802.11 ctrl frame subtype (0)"],
  ];
  for (const [frame, text] of cases) assert.equal(format(LinkType.IEEE802_11, frame), text);
});

Deno.test("printIeee80211() prints protected and null data frames as tcpdump does", () => {
  const header = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 3, 0, 0];
  const protectedData = new Uint8Array([0x08, 0x42, 0x10, 0, ...header, 5, 0, 0, 0x40]);
  assert.equal(format(LinkType.IEEE802_11, protectedData), "Data IV:  5 Pad 0 KeyID 1");
  assert.equal(
    format(LinkType.IEEE802_11, protectedData.subarray(0, 26)),
    "Data [|802.11]",
  );
  const nullData = new Uint8Array([0x48, 0x11, 0x10, 0, ...header]);
  assert.equal(format(LinkType.IEEE802_11, nullData), "");
  // An LLC frame no printer takes: the data frame's source and destination, then its bytes.
  const unknown = new Uint8Array([0x08, 0x02, 0x10, 0, ...header, 0x30, 0x30, 3, 1, 2]);
  assert.equal(
    format(LinkType.IEEE802_11, unknown),
    "02:00:00:00:00:03 > 02:00:00:00:00:01 Unknown DSAP 0x30 Unnumbered, ui, Flags [Command], " +
      "length 5\n\t0x0000:  3030 0301 02                             00...",
  );
});
