import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeLldp, Lldp, lldpDecoder } from "../lib/link/lldp.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// Written for this test; `tcpdump -xx`: LLDP, length 47: sw1
const LLDP_FRAME = hex(`
  0180 c200 000e 0200 0000 0001 88cc 0207
  0402 0000 0000 0104 0505 6574 6830 0602
  0078 0a03 7377 310e 0400 1400 0410 0c05
  010a 0000 0102 0000 0003 0000 00`);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.EN10MB, frame, { verbose });
}

Deno.test("decodeLldp() walks the TLVs up to End", () => {
  const lldp = decodeLldp(LLDP_FRAME, 14);
  assert.ok(lldp instanceof Lldp);
  assert.deepEqual(lldp.tlvs.map((t) => [t.type, t.length]), [
    [1, 7],
    [2, 5],
    [3, 2],
    [5, 3],
    [7, 4],
    [8, 12],
    [0, 0],
  ]);
  assert.equal(lldp.systemName, "sw1");
  assert.equal(lldpDecoder.create().kind, "lldp");
  assert.equal(decode(LinkType.EN10MB, LLDP_FRAME).layers[1]?.kind, "lldp");
});

Deno.test("decodeLldp() rejects a truncated LLDPDU and marks a cut TLV", () => {
  assert.throws(() => decodeLldp(LLDP_FRAME.subarray(14, 15)), DecodeError);
  const cut = decodeLldp(LLDP_FRAME.subarray(0, 20), 14);
  assert.equal(cut.tlvs[0]?.truncated, true);
});

Deno.test("printLldp() prints the system name and the TLVs as tcpdump does", () => {
  assert.equal(print(LLDP_FRAME), "LLDP, length 47: sw1");
  assert.equal(
    print(LLDP_FRAME, 1),
    [
      "LLDP, length 47",
      "\tChassis ID TLV (1), length 7",
      "\t  Subtype MAC address (4): 02:00:00:00:00:01",
      "\tPort ID TLV (2), length 5",
      "\t  Subtype Interface Name (5): eth0",
      "\tTime to Live TLV (3), length 2: TTL 120s",
      "\tSystem Name TLV (5), length 3: sw1",
      "\tSystem Capabilities TLV (7), length 4",
      "\t  System  Capabilities [Bridge, Router] (0x0014)",
      "\t  Enabled Capabilities [Bridge] (0x0004)",
      "\tManagement Address TLV (8), length 12",
      "\t  Management Address length 5, AFI IPv4 (1): 10.0.0.1",
      "\t  Interface Index Interface Numbering (2): 3",
      "\tEnd TLV (0), length 0",
    ].join("\n"),
  );
});
