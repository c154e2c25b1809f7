import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeGeoNet, GeoNet, geoNetDecoder } from "../lib/link/geonet.ts";
import { CalmFast, calmFastDecoder, decodeCalmFast } from "../lib/link/calm_fast.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "ffff ffff ffff 000c 4269 68be";
const LONG_POSITION = "c0cc 000c 4269 68be 0000 0000 1eaf 0c8f 035f ba0e 000c 00b4 003c 0000";

// tcpdump's tests/geonet_and_calm_fast.pcap, frame 16: a multi-hop broadcast (BTP-A, CAM).
const CAM = hex(`${ETHERNET} 0707 0151 0000 001d 0002 ${LONG_POSITION}
  0000 013c f7d0 912d 0000 0019 8400 6bf4 d607 abb5 6c80 09f6 00ab 0000 0000 0000
  1388 1388 0000 013c f7d0 912d 0000 0019 8400 6bf4 d607 abb5 6c80 09f6 00`);

// A Beacon (no extended header, no transport header).
const BEACON = hex(`${ETHERNET} 8947 0010 0000 0000 0001 ${LONG_POSITION}`);

// A single-hop broadcast with BTP-B and a DENM.
const DENM = hex(`${ETHERNET} 8947 0250 0000 0008 0001 ${LONG_POSITION} 07d1 0000 0101 6465`);

// CALM FAST: network references 7 and 200, then 3 bytes of message.
const CALM = hex(`${ETHERNET} 1111 07c8 abcd ef`);

const PREFIX_CAM = "GeoNet src:00:0c:42:69:68:be; v:0 NH:1-BTP-A HT:5-1-TopoScopeBcast-MH " +
  "HopLim:2 Payload:29 GN_ADDR:c0:cc:00:0c:42:69:68:be lat:514788495 lon:56605198";

function print(frame: Uint8Array, options = {}, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, options, originalLength);
}

Deno.test("decodeGeoNet() reads the common header, the BTP header and the ITS PDU header", () => {
  const cam = decodeGeoNet(CAM, 14);
  assert.ok(cam instanceof GeoNet);
  assert.deepEqual(cam.toJSON(), {
    version: 0,
    nextHeader: 1,
    headerType: 5,
    headerSubtype: 1,
    payloadLength: 29,
    hopLimit: 2,
    sourceAddress: "c0:cc:00:0c:42:69:68:be",
    latitude: 514788495,
    longitude: 56605198,
    btp: { destinationPort: 5000, sourcePort: 5000 },
  });
  assert.equal(cam.extendedHeaderLength, 32);
  assert.equal(cam.btpOffset, 14 + 36 + 32);
  assert.equal(cam.itsPduVersion, 0);
  assert.equal(cam.itsMessageId, 0);
  const denm = decodeGeoNet(DENM, 14);
  assert.equal(denm.extendedHeaderLength, 0);
  assert.equal(denm.btpDestinationPort, 2001);
  assert.equal(denm.itsMessageId, 1);
  const beacon = decodeGeoNet(BEACON, 14);
  assert.equal(beacon.btpSourcePort, -1);
  assert.equal(beacon.itsPduVersion, -1);
  assert.equal(geoNetDecoder.create().kind, "geonet");
  assert.equal(decode(LinkType.EN10MB, CAM).layers[1]?.kind, "geonet");
  assert.equal(decode(LinkType.EN10MB, BEACON).layers[1]?.kind, "geonet");
});

Deno.test("decodeGeoNet() knows the extended header's length of the types tcpdump skips", () => {
  const bytes = BEACON.slice(14);
  const lengths: Record<string, number> = {};
  for (const [type, subtype] of [[0, 0], [1, 0], [2, 0], [3, 1], [4, 2], [5, 0], [5, 1], [5, 2]]) {
    bytes[1] = (type! << 4) | subtype!;
    lengths[`${type}-${subtype}`] = decodeGeoNet(bytes).extendedHeaderLength;
  }
  assert.deepEqual(lengths, {
    "0-0": 0,
    "1-0": 0,
    "2-0": -1,
    "3-1": -1,
    "4-2": -1,
    "5-0": 0,
    "5-1": 32,
    "5-2": -1,
  });
});

Deno.test("decodeGeoNet() rejects a truncated header", () => {
  assert.throws(() => decodeGeoNet(BEACON.subarray(14, 49)), DecodeError);
  assert.throws(() => decodeGeoNet(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() keeps a GeoNet header cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, CAM.subarray(0, 29));
  const geonet = packet.layers[1];
  assert.ok(geonet instanceof GeoNet);
  assert.equal(geonet.partial, true);
  assert.equal(geonet.hopLimit, 2);
  assert.equal(geonet.sourceAddress, "");
  assert.equal(geonet.latitude, -1);
  assert.equal(geonet.btpDestinationPort, -1);
  assert.deepEqual(geonet.toJSON(), {
    partial: true,
    version: 0,
    nextHeader: 1,
    headerType: 5,
    headerSubtype: 1,
  });
  assert.ok(packet.error instanceof DecodeError);
});

Deno.test("decodeCalmFast() reads the network references and rejects a truncated header", () => {
  const calm = decodeCalmFast(CALM, 14);
  assert.ok(calm instanceof CalmFast);
  assert.deepEqual(calm.toJSON(), { sourceNwref: 7, destinationNwref: 200 });
  assert.equal(calm.messageOffset, 16);
  assert.equal(calmFastDecoder.create().kind, "calm-fast");
  assert.throws(() => decodeCalmFast(CALM.subarray(14, 15)), DecodeError);
  const cut = decode(LinkType.EN10MB, CALM.subarray(0, 15)).layers[1];
  assert.ok(cut instanceof CalmFast);
  assert.equal(cut.partial, true);
  assert.deepEqual(cut.toJSON(), { partial: true, sourceNwref: 7, destinationNwref: -1 });
});

Deno.test("printGeoNet() prints the headers, and the rest with -v, as tcpdump does", () => {
  assert.equal(print(CAM), `${PREFIX_CAM}; BTP Dst:5000 Src:5000; ItsPduHeader v:0 t:0-CAM`);
  assert.equal(
    print(CAM, { verbose: 1 }),
    `${PREFIX_CAM}; BTP Dst:5000 Src:5000; ItsPduHeader v:0 t:0-CAM\n` +
      "\t0x0000:  0000 013c f7d0 912d 0000 0019 8400 6bf4  ...<...-......k.\n" +
      "\t0x0010:  d607 abb5 6c80 09f6 00                   ....l....",
  );
  assert.equal(
    print(CAM, { link: true }),
    "00:0c:42:69:68:be > ff:ff:ff:ff:ff:ff, ethertype GeoNet (old) (0x0707), length 111: " +
      `${PREFIX_CAM}; BTP Dst:5000 Src:5000; ItsPduHeader v:0 t:0-CAM`,
  );
  assert.equal(
    print(BEACON, { link: true, quiet: true }),
    "00:0c:42:69:68:be > ff:ff:ff:ff:ff:ff, GeoNet, length 50: GeoNet src:00:0c:42:69:68:be; " +
      "v:0 NH:0-Any HT:1-0-Beacon HopLim:1 Payload:0 GN_ADDR:c0:cc:00:0c:42:69:68:be " +
      "lat:514788495 lon:56605198",
  );
  assert.equal(
    print(DENM),
    "GeoNet src:00:0c:42:69:68:be; v:0 NH:2-BTP-B HT:5-0-TopoScopeBcast-SH HopLim:1 " +
      "Payload:8 GN_ADDR:c0:cc:00:0c:42:69:68:be lat:514788495 lon:56605198; " +
      "BTP Dst:2001 Src:0; ItsPduHeader v:1 t:1-DENM",
  );
});

Deno.test("printGeoNet() marks short lengths invalid, as tcpdump does", () => {
  // tcpdump's tests/cve-2014-8768-Geonet.pcap: a multi-hop broadcast of 25 bytes after the
  // common header.
  const cve = CAM.slice(0, 14 + 36 + 25);
  assert.match(print(cve), / lon:56605198 \(header size 32 > 25\) \(invalid\)$/);
  assert.equal(
    print(BEACON.subarray(0, 14 + 20)),
    "GeoNet src:00:0c:42:69:68:be;  (common header length 20 < 36) (invalid)",
  );
  assert.match(print(DENM.subarray(0, 14 + 36 + 3)), / \(BTP length 3 < 4\) \(invalid\)$/);
  // A body of one byte has no ITS PDU header.
  assert.match(print(DENM.subarray(0, 14 + 36 + 5)), /; BTP Dst:2001 Src:0$/);
});

Deno.test("printGeoNet() marks a header cut by the capture at each field, as tcpdump does", () => {
  const at = (n: number, verbose = 0) => print(CAM.subarray(0, n), { verbose }, CAM.length);
  assert.equal(at(21), "GeoNet src:00:0c:42:69:68:be;  [|geonet]");
  assert.equal(
    at(22),
    "GeoNet src:00:0c:42:69:68:be; v:0 NH:1-BTP-A HT:5-1-TopoScopeBcast-MH HopLim:2 " +
      "Payload:29  [|geonet]",
  );
  assert.ok(at(30).endsWith(" GN_ADDR:c0:cc:00:0c:42:69:68:be  [|geonet]"));
  assert.ok(at(38).endsWith(" lat:514788495  [|geonet]"));
  assert.match(at(42), / lon:56605198 \[\|geonet\]$/);
  assert.match(at(81), / lon:56605198 \[\|geonet\]$/);
  assert.match(at(83), / lon:56605198 \[\|geonet\]$/);
  assert.match(at(84), /; BTP Dst:5000 \[\|geonet\]$/);
  assert.match(at(87), /; BTP Dst:5000 Src:5000; ItsPduHeader v:0 \[\|geonet\]$/);
  assert.equal(at(88), `${PREFIX_CAM}; BTP Dst:5000 Src:5000; ItsPduHeader v:0 t:0-CAM`);
  assert.equal(
    at(90, 1),
    `${PREFIX_CAM}; BTP Dst:5000 Src:5000; ItsPduHeader v:0 t:0-CAM\n` +
      "\t0x0000:  0000 013c                                ...< [|geonet]",
  );
});

Deno.test("printGeoNet() prints the link source of LLC/SNAP and none after Geneve", () => {
  const llc = hex(`${ETHERNET} 0032 aaaa 0300 0000 8947 ${hex2(BEACON.subarray(14))}`);
  assert.match(print(llc), /^GeoNet src:00:0c:42:69:68:be; v:0 NH:0-Any HT:1-0-Beacon /);
  // Ethernet, IPv4, UDP to 6081, Geneve with protocol 0x1111: CALM FAST of 2 bytes.
  const geneve = hex(`${ETHERNET} 0800 4500 0026 0001 0000 4011 66c4 0a00 0001 0a00 0002
    9c40 17c1 0012 0000 0000 1111 0012 3400 07c8`);
  assert.equal(
    print(geneve),
    "IP 10.0.0.1.40000 > 10.0.0.2.6081: Geneve, Flags [none], vni 0x1234: " +
      "CALM FAST; SrcNwref:7; DstNwref:200; ",
  );
});

Deno.test("printCalmFast() prints the network references, and the message with -v", () => {
  assert.equal(print(CALM), "CALM FAST src:00:0c:42:69:68:be; SrcNwref:7; DstNwref:200; ");
  assert.equal(
    print(CALM, { verbose: 1 }),
    "CALM FAST src:00:0c:42:69:68:be; SrcNwref:7; DstNwref:200; \n" +
      "\t0x0000:  abcd ef                                  ...",
  );
  assert.equal(
    print(CALM, { link: true }),
    "00:0c:42:69:68:be > ff:ff:ff:ff:ff:ff, ethertype CALM FAST (0x1111), length 19: " +
      "CALM FAST src:00:0c:42:69:68:be; SrcNwref:7; DstNwref:200; ",
  );
  assert.equal(
    print(CALM.subarray(0, 15)),
    "CALM FAST src:00:0c:42:69:68:be;  (length 1 < 2) (invalid)",
  );
  assert.equal(
    print(CALM.subarray(0, 14), {}, 15),
    "CALM FAST src:00:0c:42:69:68:be;  (length 1 < 2) (invalid) [|calm_fast]",
  );
  assert.equal(
    print(CALM.subarray(0, 15), {}, CALM.length),
    "CALM FAST src:00:0c:42:69:68:be; SrcNwref:7;  [|calm_fast]",
  );
  assert.equal(
    print(CALM.subarray(0, 17), { verbose: 1 }, CALM.length),
    "CALM FAST src:00:0c:42:69:68:be; SrcNwref:7; DstNwref:200; \n" +
      "\t0x0000:  ab                                       . [|calm_fast]",
  );
});

Deno.test("printCalmFast() prints the 802.11 source, FDDI's, and none after a cooked header", () => {
  const snap = "aaaa 0300 0000 1111 07c8";
  // An 802.11 data frame from the DS: the source is the third address.
  const wlan = hex(`0802 0000 1111 1111 1111 2222 2222 2222 3333 3333 3333 0000 ${snap}`);
  assert.equal(
    printFrame(LinkType.IEEE802_11, wlan),
    "CALM FAST src:33:33:33:33:33:33; SrcNwref:7; DstNwref:200; ",
  );
  const fddi = hex(`50 1111 1111 1111 2222 2222 2222 ${snap}`);
  assert.equal(
    printFrame(LinkType.FDDI, fddi),
    "CALM FAST src:22:22:22:22:22:22; SrcNwref:7; DstNwref:200; ",
  );
  const sll = hex("0000 0001 0006 2222 2222 2222 0000 1111 07c8");
  assert.equal(printFrame(LinkType.LINUX_SLL, sll), "CALM FAST; SrcNwref:7; DstNwref:200; ");
});

/** The bytes in hex, for building frames from others. */
function hex2(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
