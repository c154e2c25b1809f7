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

// Written for this test (802.1 PVID, VLAN name, ETS, PFC; 802.3 MAC/PHY, MTU; LLDP-MED
// network policy, extended power, hardware revision); `tcpdump -xx`:
const ORGANIZATION_FRAME = hex(`
  0180 c200 000e 0200 0000 0001 88cc 0207
  0402 0000 0000 0104 0505 6574 6830 0602
  0078 fe06 0080 c201 000a fe0c 0080 c203
  000a 0575 7365 7273 fe19 0080 c209 8301
  2345 670a 141e 2800 0000 0002 0202 0200
  0000 00fe 0600 80c2 0b84 28fe 0900 120f
  0103 6c01 001e fe06 0012 0f04 05ee fe08
  0012 bb02 0140 642e fe07 0012 bb04 5300
  41fe 0800 12bb 0552 312e 3000 00`);

Deno.test("decodeLldp() reads the OUI and subtype of organizationally specific TLVs", () => {
  const lldp = decodeLldp(ORGANIZATION_FRAME, 14);
  const org = lldp.tlvs.filter((t) => t.type === 127).map((t) => [t.oui, t.subtype]);
  assert.deepEqual(org, [
    [0x0080c2, 1],
    [0x0080c2, 3],
    [0x0080c2, 9],
    [0x0080c2, 11],
    [0x00120f, 1],
    [0x00120f, 4],
    [0x0012bb, 2],
    [0x0012bb, 4],
    [0x0012bb, 5],
  ]);
  assert.equal(lldp.tlvs[0]?.oui, -1);
});

Deno.test("printLldp() prints 802.1, 802.3 and LLDP-MED subtypes as tcpdump does", () => {
  assert.equal(
    print(ORGANIZATION_FRAME, 1),
    [
      "LLDP, length 127",
      "\tChassis ID TLV (1), length 7",
      "\t  Subtype MAC address (4): 02:00:00:00:00:01",
      "\tPort ID TLV (2), length 5",
      "\t  Subtype Interface Name (5): eth0",
      "\tTime to Live TLV (3), length 2: TTL 120s",
      "\tOrganization specific TLV (127), length 6: OUI Ethernet bridged (0x0080c2)",
      "\t  Port VLAN Id Subtype (1)",
      "\t    port vlan id (PVID): 10",
      "\tOrganization specific TLV (127), length 12: OUI Ethernet bridged (0x0080c2)",
      "\t  VLAN name Subtype (3)",
      "\t    vlan id (VID): 10",
      "\t    vlan name: users",
      "\tOrganization specific TLV (127), length 25: OUI Ethernet bridged (0x0080c2)",
      "\t  ETS Configuration Subtype (9)",
      "\t    Willing:1, CBS:2, RES:0, Max TCs:3",
      "\t    Priority Assignment Table",
      "\t     Priority : 0   1   2   3   4   5   6   7",
      "\t     Value    : 0   1   2   3   4   5   6   7  ",
      "\t    TC Bandwidth Table",
      "\t     TC%   : 0   1   2   3   4   5   6   7",
      "\t     Value : 10  20  30  40  0   0   0   0  ",
      "\t    TSA Assignment Table",
      "\t     Traffic Class: 0   1   2   3   4   5   6   7",
      "\t     Value        : 2   2   2   2   0   0   0   0  ",
      "\tOrganization specific TLV (127), length 6: OUI Ethernet bridged (0x0080c2)",
      "\t  Priority Flow Control Configuration Subtype (11)",
      "\t    Willing: 1, MBC: 0, RES: 0, PFC cap:4 ",
      "\t    PFC Enable",
      "\t     Priority : 0  1  2  3  4  5  6  7",
      "\t     Value    : 0  0  0  1  0  1  0  0  ",
      "\tOrganization specific TLV (127), length 9: OUI IEEE 802.3 Private (0x00120f)",
      "\t  MAC/PHY configuration/status Subtype (1)",
      "\t    autonegotiation [supported, enabled] (0x03)",
      "\t    PMD autoneg capability [10BASE-T hdx, 10BASE-T fdx, 100BASE-TX hdx, 100BASE-TX fdx, 1000BASE-T fdx] (0x6c01)",
      "\t    MAU type 1000BASET fdx (0x001e)",
      "\tOrganization specific TLV (127), length 6: OUI IEEE 802.3 Private (0x00120f)",
      "\t  Max frame size Subtype (4)",
      "\t    MTU size 1518",
      "\tOrganization specific TLV (127), length 8: OUI ANSI/TIA (0x0012bb)",
      "\t  Network policy Subtype (2)",
      "\t    Application type [voice] (0x01), Flags [Tagged]",
      "\t    Vlan id 50, L2 priority 0, DSCP value 46",
      "\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)",
      "\t  Extended power-via-MDI Subtype (4)",
      "\t    Power type [PD device], Power source [PSE - primary power source]",
      "\t    Power priority [low] (0x03), Power 6.5 Watts",
      "\tOrganization specific TLV (127), length 8: OUI ANSI/TIA (0x0012bb)",
      "\t  Inventory - hardware revision Subtype (5)",
      "\t  Hardware revision R1.0",
      "\tEnd TLV (0), length 0",
    ].join("\n"),
  );
});

Deno.test("printLldp() names a management address's family from tcpdump's af_values", () => {
  // LLDP_FRAME with the management address TLV's family 0 (Reserved), then 12 (Appletalk).
  const family = (afi: number) => {
    const frame = LLDP_FRAME.slice();
    frame[48] = afi;
    return print(frame, 1).split("\n")[11];
  };
  assert.equal(family(0), "\t  Management Address length 5, AFI Reserved (0), no AF printer !");
  assert.equal(family(12), "\t  Management Address length 5, AFI Appletalk (12), no AF printer !");
});
