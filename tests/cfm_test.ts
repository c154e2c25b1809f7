import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Cfm, cfmDecoder, CfmOpcode, decodeCfm } from "../lib/link/cfm.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "0180 c200 0037 001b 21a0 b1c2 8902";

// CCM: MD level 7, interval 4 (1 s) with RDI, character string MD and MA names, a Port
// Status TLV and End.
const CCM = hex(`${ETHERNET} e001 8446 1234 5678 01f4 040b 6578 616d 706c 652e 6f72 6702 046d
  612d 31 ${"00".repeat(45)} 0200 0102 00`);

// Linktrace Message and Reply, then End.
const LTM = hex(`${ETHERNET} e005 8011 cafe 0001 400a 1b2c 3d4e 5ff0 e0d0 c0b0 a000`);
const LTR = hex(`${ETHERNET} e004 e006 cafe 0001 3f01 00`);

// Loopback Message: a Sender ID TLV (chassis ID "sw1" locally assigned, a management domain
// and address), a Cisco Organization-Specific TLV, End.
const LBM = hex(`${ETHERNET} e003 0004 0000 b0b0 0100 1503 0773 7731 0806 082b 0601 0601
  0106 c000 0201 00a1 1f00 0600 000c 0161 6200`);

// Loopback Message: a Sender ID TLV whose chassis ID (5 bytes) is longer than the TLV.
const SHORT = hex(`${ETHERNET} e003 0004 0000 b0b0 0100 0405 0761 6203 0001 01`);

// Loopback Message: a Sender ID TLV whose chassis ID is an IPv4 network address.
const IPV4 = hex(`${ETHERNET} e003 0004 0000 b0b0 0100 0705 0501 c000 0207 00`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { verbose }, originalLength);
}

Deno.test("decodeCfm() reads the common header and each message's fields", () => {
  const ccm = decodeCfm(CCM, 14);
  assert.ok(ccm instanceof Cfm);
  assert.deepEqual(ccm.toJSON(), {
    mdLevel: 7,
    version: 0,
    opcode: CfmOpcode.CCM,
    flags: 0x84,
    firstTlvOffset: 70,
  });
  assert.equal(ccm.sequenceNumber, 0x12345678);
  assert.equal(ccm.maEndPointId, 0x1f4);
  assert.equal(ccm.mdNameFormat, 4);
  assert.equal(ccm.mdNameLength, 11);
  assert.equal(ccm.mdNameOffset, 14 + 12);
  assert.equal(ccm.maNameFormatOffset, 14 + 12 + 11);
  assert.equal(ccm.maNameFormat, 2);
  assert.equal(ccm.maNameLength, 4);
  assert.equal(ccm.tlvOffset, 14 + 74);
  assert.equal(ccm.tlvType(ccm.tlvOffset), 2);
  assert.equal(ccm.tlvLength(ccm.tlvOffset), 1);
  assert.equal(ccm.tlvType(CCM.length), -1);
  const ltm = decodeCfm(LTM, 14);
  assert.equal(ltm.transactionId, 0xcafe0001);
  assert.equal(ltm.ttl, 64);
  assert.equal(ltm.originalMac, "0a:1b:2c:3d:4e:5f");
  assert.equal(ltm.targetMac, "f0:e0:d0:c0:b0:a0");
  const ltr = decodeCfm(LTR, 14);
  assert.equal(ltr.ttl, 63);
  assert.equal(ltr.relayAction, 1);
  assert.equal(ltr.targetMac, "");
  assert.equal(cfmDecoder.create().kind, "cfm");
  assert.equal(decode(LinkType.EN10MB, LBM).layers[1]?.kind, "cfm");
  const old = LBM.slice();
  old.set([0xab, 0xcd], 12);
  assert.equal(decode(LinkType.EN10MB, old).layers[1]?.kind, "cfm");
});

Deno.test("decodeCfm() rejects a truncated header", () => {
  assert.throws(() => decodeCfm(CCM.subarray(14, 17)), DecodeError);
  assert.throws(() => decodeCfm(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() keeps a CFM header cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, CCM.subarray(0, 16));
  const cfm = packet.layers[1];
  assert.ok(cfm instanceof Cfm);
  assert.equal(cfm.partial, true);
  assert.equal(cfm.mdLevel, 7);
  assert.equal(cfm.opcode, 1);
  assert.equal(cfm.firstTlvOffset, -1);
  assert.deepEqual(cfm.toJSON(), { partial: true, mdLevel: 7, version: 0 });
  assert.ok(packet.error instanceof DecodeError);
});

Deno.test("printCfm() prints the OpCode, MD level and length without -v, as tcpdump does", () => {
  assert.equal(print(CCM), "CFMv0 Continuity Check Message, MD Level 7, length 79");
  assert.equal(print(LTR), "CFMv0 Linktrace Reply, MD Level 7, length 11");
  const other = LBM.slice();
  other[14] = 0x02;
  assert.equal(print(other, 1), "CFMv2 not supported, length 42");
  other[14] = 0;
  other[15] = 0x40;
  assert.equal(print(other), "CFMv0 unknown (64), MD Level 0, length 42");
  assert.equal(print(LBM.subarray(0, 17)), "\n\t\t packet is too short");
  assert.equal(print(LBM.subarray(0, 17), 0, LBM.length), " [|cfm]");
});

Deno.test("printCfm() prints each message and its TLVs with -v, as tcpdump does", () => {
  assert.equal(
    print(CCM, 1),
    "CFMv0 Continuity Check Message, MD Level 7, length 79\n" +
      "\tFirst TLV offset 70, Flags [CCM Interval 4, RDI]\n" +
      "\t  CCM Interval 1.000s, min CCM Lifetime 3.250s, max CCM Lifetime 3.500s\n" +
      "\t  Sequence Number 0x12345678, MA-End-Point-ID 0x01f4\n" +
      "\t  MD Name Format Character string (4), MD Name length 11\n" +
      "\t  MD Name: example.org\n" +
      "\t  MA Name-Format Character string (2), MA name length 4\n" +
      "\t  MA Name: ma-1\n" +
      "\tPort status TLV (0x02), length 1, Status: Up (2)\n" +
      "\tEnd TLV (0x00)",
  );
  assert.equal(
    print(LTM, 1),
    "CFMv0 Linktrace Message, MD Level 7, length 22\n" +
      "\tFirst TLV offset 17, Flags [Use Forwarding-DB only]\n" +
      "\t  Transaction-ID 0xcafe0001, ttl 64\n" +
      "\t  Original-MAC 0a:1b:2c:3d:4e:5f, Target-MAC f0:e0:d0:c0:b0:a0\n" +
      "\tEnd TLV (0x00)",
  );
  assert.equal(
    print(LTR, 1),
    "CFMv0 Linktrace Reply, MD Level 7, length 11\n" +
      "\tFirst TLV offset 6, Flags [UseFDB Only, FwdYes, Terminal MEP]\n" +
      "\t  Transaction-ID 0xcafe0001, ttl 63\n" +
      "\t  Replay-Action Exact Match (1)\n" +
      "\tEnd TLV (0x00)",
  );
  // tcpdump dumps the Loopback Message from its start, as many bytes as follow the offset.
  assert.equal(
    print(LBM, 1),
    "CFMv0 Loopback Message, MD Level 7, length 42\n" +
      "\tFirst TLV offset 4\n" +
      "\t  0x0000:  0000 b0b0 0100 1503 0773 7731 0806 082b\n" +
      "\t  0x0010:  0601 0601 0106 c000 0201 00a1 1f00 0600\n" +
      "\t  0x0020:  000c\n" +
      "\tSender ID TLV (0x01), length 21\n" +
      "\t  Chassis-ID Type Locally assigned (7), Chassis-ID length 3sw1\n" +
      "\t  Management Address Domain Length 8\n" +
      "\t  Management Address Domain: 0x0000:  0608 2b06 0106 0101\n" +
      "\t  Management Address Length 6\n" +
      "\t  Management Address: 0x0000:  c000 0201 00a1\n" +
      "\tOrganization Specific TLV (0x1f), length 6, Vendor: Cisco (12), Sub-Type 1\n" +
      "\t  0x0000:  0000 0c01 6162\n" +
      "\tEnd TLV (0x00)",
  );
  assert.match(
    print(IPV4, 1),
    /\n\t {2}Network Address Type IPv4 \(1\), 192\.0\.2\.7\n\tEnd TLV \(0x00\)$/,
  );
});

Deno.test("printCfm() marks malformed lengths as tcpdump does", () => {
  // The walk goes on one byte short of the Sender ID TLV's end, as tcpdump's does.
  assert.equal(
    print(SHORT, 1),
    "CFMv0 Loopback Message, MD Level 7, length 19\n" +
      "\tFirst TLV offset 4\n" +
      "\t  0x0000:  0000 b0b0 0100 0405 0761 62\n" +
      "\tSender ID TLV (0x01), length 4\n" +
      "\t  Chassis-ID Type Locally assigned (7), Chassis-ID length 5\n" +
      "\t  (TLV too short)\n" +
      "\tUnknown TLV (0x62), length 768\n" +
      "\t\t packet is too short",
  );
  const large = LTR.slice();
  large[17] = 8;
  assert.match(print(large, 1), /\n\tFirst TLV offset 8 \(too large, must be <= 7\)$/);
  const small = LTR.slice();
  small[17] = 5;
  assert.match(print(small, 1), /\n\tFirst TLV offset 5 \(too small 5, must be >= 6\)$/);
  const md = CCM.slice();
  md[25] = 44;
  assert.match(print(md, 1), /MD Name length 44 \(too large, must be <= 44\)$/);
  const status = CCM.slice();
  status.set([0, 0], 89);
  assert.match(
    print(status, 1),
    /\n\tPort status TLV \(0x02\), length 0 \(too short, must be >= 1\)$/,
  );
});

Deno.test("printCfm() stops where the capture ends, as tcpdump does", () => {
  assert.equal(
    print(CCM.subarray(0, 80), 1, CCM.length),
    "CFMv0 Continuity Check Message, MD Level 7, length 79\n" +
      "\tFirst TLV offset 70 [|cfm]",
  );
  assert.match(print(LBM.subarray(0, 23), 1, LBM.length), /\n\tSender ID TLV \(0x01\) \[\|cfm\]$/);
  assert.match(print(LBM.subarray(0, 40), 1, LBM.length), /, length 21 \[\|cfm\]$/);
  assert.match(print(LTR.subarray(0, 24), 1, LTR.length), /Exact Match \(1\) \[\|cfm\]$/);
});
