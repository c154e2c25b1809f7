import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode, PacketParser } from "../lib/decode.ts";
import { LinkType, linkTypeName, linkTypePcapName } from "../lib/link_type.ts";
import { decodeAtmRfc1483, decodeCip, decodeSunAtm } from "../lib/link/atm.ts";
import { crc10, decodeAtmSignalling, decodeOamCell } from "../lib/link/atm_cells.ts";
import { decodeLane } from "../lib/link/lane.ts";
import { IP_UDP as IP, IP_UDP_TEXT as UDP_TEXT } from "./_ip_fixture.ts";
import { readCapture } from "./_pcap_fixture.ts";

const SNAP_IP = new Uint8Array([0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, ...IP]);

/** The SunATM pseudo-header: flags, VPI, VCI. */
function sunatm(vci: number, payload: readonly number[] | Uint8Array, flags = 0x02): Uint8Array {
  return new Uint8Array([flags, 0, vci >> 8, vci & 0xff, ...payload]);
}

/** The crafted SunATM capture's first OAM cell: an F4 segment loopback request. */
const LOOPBACK_REQUEST = 37;

/** A record of the crafted SunATM capture. */
function sunatmRecord(index: number) {
  const url = new URL("../testdata/crafted/atm_sunatm.pcap", import.meta.url);
  return readCapture(url.href)[index]!;
}

Deno.test("the ATM link types are named as libpcap names them", () => {
  assert.equal(linkTypeName(LinkType.SUNATM), "SUNATM");
  assert.equal(linkTypeName(LinkType.ATM_RFC1483), "ATM_RFC1483");
  assert.equal(linkTypeName(LinkType.ATM_RFC1483_11), "ATM_RFC1483_11");
  assert.equal(linkTypePcapName(LinkType.ATM_RFC1483_11), "ATM_RFC1483");
  assert.equal(linkTypeName(LinkType.ATM_CLIP), "ATM_CLIP");
  assert.equal(linkTypePcapName(LinkType.ATM_CLIP_19), "ATM_CLIP");
});

Deno.test("decodeSunAtm() reads the pseudo-header and keeps a cut one", () => {
  const atm = decodeSunAtm(new Uint8Array([0x81, 7, 0x01, 0x02]));
  assert.equal(atm.transmitted, true);
  assert.equal(atm.trafficType, 1);
  assert.equal(atm.vpi, 7);
  assert.equal(atm.vci, 0x102);
  assert.deepEqual(
    decode(LinkType.SUNATM, sunatm(32, SNAP_IP)).layers.map((l) => l.kind),
    ["sunatm", "llc", "ipv4", "udp"],
  );
  const cut = decode(LinkType.SUNATM, new Uint8Array([0x02, 0]));
  assert.equal(cut.layers[0]?.kind, "sunatm");
  assert.equal(cut.error?.partial, true);
});

Deno.test("decodeSunAtm() hands VPI 0's reserved VCIs to their decoders", () => {
  const kinds = (vci: number, flags = 0x02) =>
    decode(LinkType.SUNATM, sunatm(vci, new Array(60).fill(0), flags)).layers.map((l) => l.kind);
  assert.deepEqual(kinds(5), ["sunatm", "atm-sig"]);
  assert.deepEqual(kinds(3), ["sunatm", "oam"]);
  assert.deepEqual(kinds(4), ["sunatm", "oam"]);
  assert.deepEqual(kinds(2), ["sunatm"]);
  assert.deepEqual(kinds(1), ["sunatm"]);
  assert.deepEqual(kinds(40, 0x01)[1], "lane");
});

Deno.test("PacketParser gives ILMI's SNMP message the frame's length on the wire", () => {
  // An SNMP GetRequest (38 bytes) cut after 20: atm_print() hands snmp_print() the length
  // on the wire, so the cut is the capture's (` [|snmp]`), not a short message.
  const message = Uint8Array.from(
    "30240201000404494c4d49a019020101020100020100300e300c06082b060102010101000500".match(
      /../g,
    )!,
    (h) => parseInt(h, 16),
  );
  const frame = sunatm(16, message);
  const parser = new PacketParser();
  parser.parse(LinkType.SUNATM, frame, 0, 24, frame.length);
  const snmp = parser.layers[1]!;
  assert.equal(snmp.kind, "snmp");
  assert.equal(snmp.kind === "snmp" && snmp.wireLength, 38);
  assert.equal(
    printFrame(LinkType.SUNATM, frame.subarray(0, 24), {}, frame.length),
    "ilmi:   [|snmp]",
  );
  // Without the length on the wire, the captured bytes are the whole message.
  parser.parse(LinkType.SUNATM, frame, 0, 24);
  assert.equal(parser.layers[1]!.kind === "snmp" && parser.layers[1].wireLength, 20);
  assert.equal(printFrame(LinkType.SUNATM, frame.subarray(0, 24)), "ilmi:  [len18<asnlen36]");
});

Deno.test("decodeAtmSignalling() reads Q.2931's call reference and message type", () => {
  const sig = decodeAtmSignalling(new Uint8Array([9, 3, 0x80, 0x12, 0x34, 0x4d]));
  assert.equal(sig.protocol, 9);
  assert.equal(sig.callReference, 0x801234);
  assert.equal(sig.messageType, 0x4d);
  assert.throws(() => decodeAtmSignalling(new Uint8Array([9, 3, 0])), {
    message: "Cannot decode ATM signalling header: 6 bytes required, received 3",
  });
  assert.equal(decodeAtmSignalling(new Uint8Array([7])).headerLength, 1);
});

Deno.test("printAtmSignalling() prints Q.2931 and SSCOP as sig_print() does", () => {
  const setup = sunatm(5, [9, 3, 0x80, 0x12, 0x34, 0x05, 0x80, 0, 0]);
  assert.equal(printFrame(LinkType.SUNATM, setup), "Q.2931:Setup CALL_REF:0x801234");
  assert.equal(
    printFrame(LinkType.SUNATM, setup, { link: true }),
    "Rx: VPI:0 VCI:5 Q.2931:Setup CALL_REF:0x801234",
  );
  assert.equal(printFrame(LinkType.SUNATM, sunatm(5, [7, 1])), "SSCOP, proto 7 ");
  assert.equal(
    printFrame(LinkType.SUNATM, setup.subarray(0, 8), {}, setup.length),
    "Q.2931 [|atm]",
  );
  // tcpdump's atm-heapoverflow.pcap: nothing after the header.
  assert.equal(
    printFrame(LinkType.SUNATM, sunatm(5, []), { link: true }, 8),
    "Rx: VPI:0 VCI:5  [|atm]",
  );
});

Deno.test("crc10() checks an OAM payload's CRC-10 field", () => {
  const record = sunatmRecord(LOOPBACK_REQUEST);
  const payload = record.data.subarray(9, 57);
  assert.equal(crc10(payload, 0, 48), 0);
  const bad = payload.slice();
  bad[10]! ^= 1;
  assert.notEqual(crc10(bad, 0, 48), 0);
});

Deno.test("decodeOamCell() reads the cell header and the loopback fields", () => {
  const record = sunatmRecord(LOOPBACK_REQUEST);
  const oam = decodeOamCell(record.data, 4);
  assert.equal(oam.vci, 3);
  assert.equal(oam.cellType, 1);
  assert.equal(oam.functionType, 8);
  assert.equal(oam.loopbackIndicator, 1);
  assert.equal(oam.correlationTag, 0xdeadbeef);
  assert.equal(oam.crc10Correct, true);
  assert.throws(() => decodeOamCell(record.data.subarray(4, 9)), {
    message: "Cannot decode OAM cell header: 6 bytes required, received 5",
  });
  // Juniper's cells have no HEC byte.
  assert.equal(decodeOamCell(record.data, 5, 0).vci, 3);
});

Deno.test("printOamCell() prints a loopback cell with -v as oam_print() does", () => {
  const record = sunatmRecord(LOOPBACK_REQUEST);
  assert.equal(
    printFrame(LinkType.SUNATM, record.data, { verbose: 1 }, record.originalLength),
    "OAM F4 (segment), vpi 0, vci 3, payload [ user data, uncongested, SDU 0 ], clp 0, " +
      "length 53\n\tcell-type Fault Management (1), func-type Loopback (8)" +
      "\n\tLoopback-Indicator Request, Correlation-Tag 0xdeadbeef" +
      "\n\tLocation-ID 0203 0405 0607 0809 0a0b 0c21 " +
      "\n\tSource-ID   2223 2425 2627 2829 2a2b 2c6a \n\tcksum 0x3e3 (correct)",
  );
  assert.equal(
    printFrame(LinkType.SUNATM, record.data.subarray(0, 30), { verbose: 1 }, 57),
    "OAM F4 (segment), vpi 0, vci 3, payload [ user data, uncongested, SDU 0 ], clp 0, " +
      "length 53\n\tcell-type Fault Management (1), func-type Loopback (8) [|oam]",
  );
  // tcpdump's atm-oam-heapoverflow.pcap.
  assert.equal(printFrame(LinkType.SUNATM, new Uint8Array([0x30, 0, 0, 3]), {}, 8), " [|oam]");
});

Deno.test("decodeLane() and printLane() read LE control and data frames", () => {
  const control = decodeLane(new Uint8Array([0xff, 0x00, 1, 2, 0x01, 0x07]));
  assert.equal(control.control, true);
  assert.equal(control.opcode, 0x0107);
  assert.equal(
    printFrame(LinkType.SUNATM, sunatm(40, [0xff, 0x00, 1, 2, 0x01, 0x07], 0x01)),
    "lec: proto 1 vers 2 flush response",
  );
  const ether = [0, 0, 0x0c, 1, 2, 3, 8, 0, 0x20, 4, 5, 6, 0x08, 0x00];
  assert.equal(
    printFrame(LinkType.SUNATM, sunatm(40, [0x00, 0x42, ...ether, ...IP], 0x01)),
    `lecid:42 IP ${UDP_TEXT}`,
  );
  assert.equal(printFrame(LinkType.SUNATM, sunatm(40, [0xff], 0x01), {}, 10), " [|lane]");
});

Deno.test("decodeAtmRfc1483() tells Cisco's NLPID format, LLC and 802.6 headers apart", () => {
  assert.equal(decodeAtmRfc1483(new Uint8Array([3, 0xcc])).cnlpid, true);
  assert.equal(decodeAtmRfc1483(SNAP_IP).headerLength, 0);
  const mac = new Uint8Array(23).fill(0x30);
  assert.equal(decodeAtmRfc1483(mac).headerLength, 20);
  assert.throws(() => decodeAtmRfc1483(mac.subarray(0, 10)), {
    message: "Cannot decode RFC 1483 ATM header: 20 bytes required, received 10",
  });
  assert.deepEqual(
    decode(LinkType.ATM_RFC1483, SNAP_IP).layers.map((l) => l.kind),
    ["atm-rfc1483", "llc", "ipv4", "udp"],
  );
});

Deno.test("printAtmRfc1483() prints what atm_if_print() prints", () => {
  assert.equal(printFrame(LinkType.ATM_RFC1483, SNAP_IP), `IP ${UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.ATM_RFC1483, new Uint8Array([3, 0xcc, ...IP]), { link: true }),
    `CNLPID OSI NLPID IPv4 (0xcc): ${UDP_TEXT}`,
  );
  // tcpdump's llc-xid-heapoverflow.pcap: an 802.6 header, then an XID with no byte captured.
  const xid = new Uint8Array(23).fill(0x30);
  xid[22] = 0xbf;
  assert.equal(
    printFrame(LinkType.ATM_RFC1483_11, xid, {}, 262144),
    "Unknown DSAP 0x30 Unnumbered, xid, Flags [Poll], length 262124 [|llc]",
  );
  assert.equal(
    printFrame(LinkType.ATM_RFC1483, xid, { link: true }, 262144),
    "3030303030303030 3030303030303030 LLC, dsap Unknown (0x30) Individual, ssap Unknown " +
      "(0x30) Command, ctrl 0xbf: Unnumbered, xid, Flags [Poll], length 262124 [|llc]",
  );
  assert.equal(printFrame(LinkType.ATM_RFC1483, xid.subarray(0, 2), {}, 23), " [|atm]");
});

Deno.test("decodeCip() and printCip() take LLC/SNAP or IP, and need 6 bytes", () => {
  assert.equal(decodeCip(SNAP_IP).llc, true);
  assert.equal(decodeCip(IP).llc, false);
  assert.equal(printFrame(LinkType.ATM_CLIP, IP), `IP ${UDP_TEXT}`);
  assert.equal(
    printFrame(LinkType.ATM_CLIP, SNAP_IP, { link: true }),
    "38: LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet " +
      `(0x000000), ethertype IPv4 (0x0800), length 30: ${UDP_TEXT}`,
  );
  // tcpdump's heap-overflow-2.pcap.
  assert.equal(printFrame(LinkType.ATM_CLIP_19, new Uint8Array([0x30]), {}, 8), " [|cip]");
});

Deno.test("decodeLlc() takes in the pad before an RFC 2684 bridged Ethernet frame", () => {
  const ether = [0, 0, 0x0c, 1, 2, 3, 8, 0, 0x20, 4, 5, 6, 0x08, 0x00];
  const bridged = new Uint8Array([0xaa, 0xaa, 3, 0, 0x80, 0xc2, 0, 7, 0, 0, ...ether, ...IP]);
  const packet = decode(LinkType.ATM_RFC1483, bridged);
  assert.deepEqual(packet.layers.map((l) => l.kind), [
    "atm-rfc1483",
    "llc",
    "ethernet",
    "ipv4",
    "udp",
  ]);
  assert.equal(packet.layers[1]!.headerLength, 10);
  assert.equal(
    printFrame(LinkType.ATM_RFC1483, bridged, { link: true }),
    "LLC, dsap SNAP (0xaa) Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet " +
      "bridged (0x0080c2), pid Ethernet w/o FCS (0x0007), length 46: 08:00:20:04:05:06 > " +
      `00:00:0c:01:02:03, ethertype IPv4 (0x0800), length 44: ${UDP_TEXT}`,
  );
  // The pad cut: snap_print() marks it after the SNAP header.
  assert.equal(
    printFrame(LinkType.ATM_RFC1483, bridged.subarray(0, 9), {}, bridged.length),
    " [|snap]",
  );
});
