// Spanning-tree BPDUs cut by the capture, against lines tcpdump 4.99.3 printed for the same
// frames (testdata/crafted/stp_cuts.py writes them, with every other cut): stp_print()
// prints each field it could read and ` [|stp]` at the first one past the capture, then
// dumps the whole frame with -x.
import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { concatBytes } from "./_shared.ts";

const CONFIG = hex(`
  0000 0000 3c80 0000 005e 0053 0100 004e 2080 0100 005e 0053 0280 0201 0014 0002
  200f 00`);
const MSTP = hex(`
  0000 0302 3c80 0000 005e 0053 0100 004e 2080 0100 005e 0053 0280 0201 0014 0002
  200f 0000 0060 0072 6567 696f 6e2d 6f6e 6500 0000 0000 0000 0000 0000 0000 0000
  0000 0000 0000 0000 0700 0102 0304 0506 0708 090a 0b0c 0d0e 0f00 0001 2c80 0000
  005e 0053 0913 7c80 0100 005e 0053 0300 0007 d080 9014 7b80 0200 005e 0053 0400
  000f a080 9013`);
const SPB = hex(`
  0000 0402 7e80 0000 005e 0053 0100 004e 2080 0100 005e 0053 0280 0201 0014 0002
  200f 0000 0050 0072 6567 696f 6e2d 6f6e 6500 0000 0000 0000 0000 0000 0000 0000
  0000 0000 0000 0000 0700 0102 0304 0506 0708 090a 0b0c 0d0e 0f00 0001 2c80 0000
  005e 0053 0913 7c80 0100 005e 0053 0300 0007 d080 9014 0055 0061 7578 2d6e 616d
  6500 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0310 1112 1314
  1516 1718 191a 1b1c 1d1e 1fdc 0012 3400 0500 0000 0000 0000 0028 292a 2b2c 2d2e
  2f30 3132 3334 3536 3738 393a 3b`);

/** The BPDU's 802.3 frame (the 802.3 length says all of it) cut `n` bytes into the BPDU. */
function line(bpdu: Uint8Array, n: number, options: TcpdumpOptions = {}): string {
  const length = 3 + bpdu.length;
  const frame = concatBytes(
    hex("0180c2000000 00005e005301"),
    new Uint8Array([length >> 8, length & 0xff]),
    hex("424203"),
    bpdu,
  );
  const bytes = frame.subarray(0, 17 + n);
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  const record = {
    seconds: 0,
    nanoseconds: 0,
    originalLength: frame.length,
    capturedLength: bytes.length,
  };
  return printer.format(decode(LinkType.EN10MB, bytes), record);
}

const CONFIG_HEAD = "STP 802.1d, Config, Flags [Learn, Forward]";
const CONFIG_ID = `${CONFIG_HEAD}, bridge-id 8001.00:00:5e:00:53:02.8002, length 35`;

Deno.test("printStp() prints a configuration BPDU up to the field the capture cut", () => {
  assert.equal(line(CONFIG, 0), " [|stp]");
  assert.equal(line(CONFIG, 2), " [|stp]", "the protocol identifier alone");
  assert.equal(line(CONFIG, 3), "STP 802.1d [|stp]");
  assert.equal(line(CONFIG, 4), "STP 802.1d, Config [|stp]");
  assert.equal(line(CONFIG, 5), `${CONFIG_HEAD} [|stp]`);
  assert.equal(line(CONFIG, 26), `${CONFIG_HEAD} [|stp]`);
  // Without -v nothing past the port identifier is read.
  assert.equal(line(CONFIG, 27), CONFIG_ID);
  assert.equal(line(CONFIG, 27, { verbose: 1 }), `${CONFIG_ID} [|stp]`);
  assert.equal(line(CONFIG, 34, { verbose: 1 }), `${CONFIG_ID} [|stp]`);
});

Deno.test("printStp() dumps the whole frame of a cut BPDU with -x, after the LLC header with -e", () => {
  assert.equal(
    line(CONFIG, 5, { link: true, hex: 1 }),
    "00:00:5e:00:53:01 > 01:80:c2:00:00:00, 802.3, length 38: LLC, dsap STP (0x42) " +
      "Individual, ssap STP (0x42) Command, ctrl 0x03: " + `${CONFIG_HEAD} [|stp]` +
      "\n\t0x0000:  0180 c200 0000 0000 5e00 5301 0026 4242" +
      "\n\t0x0010:  0300 0000 003c",
  );
  assert.equal(
    line(CONFIG, 0, { link: true }),
    "00:00:5e:00:53:01 > 01:80:c2:00:00:00, 802.3, length 38: LLC, dsap STP (0x42) " +
      "Individual, ssap STP (0x42) Command, ctrl 0x03:  [|stp]",
  );
});

const CIST = "\n\tport-role Designated, CIST root-id 8000.00:00:5e:00:53:01, CIST ext-pathcost " +
  "20000\n\tCIST regional-root-id 8001.00:00:5e:00:53:02, CIST port-id 8002,\n\tmessage-age " +
  "1.00s, max-age 20.00s, hello-time 2.12s, forwarding-delay 15.00s\n\tv3len ";
const CIST_REST = ", MCID Name region-one, rev 7,\n\t\tdigest 000102030405060708090a0b0c0d0e0f, " +
  "CIST int-root-pathcost 300,\n\tCIST bridge-id 8000.00:00:5e:00:53:09, ";
const MSTI_1 = "\n\tMSTI 1, Flags [Learn, Forward, Agreement], port-role Designated";
const MSTI_1_ROOT = "\n\t\tMSTI regional-root-id 8001.00:00:5e:00:53:03, pathcost 2000";
const MSTI_1_PRIO = "\n\t\tMSTI bridge-prio 8, port-prio 9, hops 20";

Deno.test("printStp() prints an MST BPDU up to the field the capture cut", () => {
  const head = "STP 802.1s, Rapid STP, CIST Flags [Learn, Forward], length 134";
  assert.equal(line(MSTP, 35), "STP 802.1s, Rapid STP [|stp]", "the version 1 length");
  assert.equal(line(MSTP, 37), "STP 802.1s, Rapid STP [|stp]", "the version 3 length");
  assert.equal(line(MSTP, 38), head);
  const v = { verbose: 1 };
  assert.equal(line(MSTP, 38, v), `${head}${CIST}96, MCID Name  [|stp]`);
  assert.equal(line(MSTP, 50, v), `${head}${CIST}96, MCID Name region-one [|stp]`);
  assert.equal(line(MSTP, 88, v), `${head}${CIST}96, MCID Name region-one [|stp]`);
  assert.equal(line(MSTP, 101, v), `${head}${CIST}96${CIST_REST} [|stp]`);
  const cist = `${head}${CIST}96${CIST_REST}CIST remaining-hops 19`;
  assert.equal(line(MSTP, 104, v), `${cist} [|stp]`, "an MSTI's identifier");
  assert.equal(line(MSTP, 105, v), `${cist}${MSTI_1} [|stp]`);
  assert.equal(line(MSTP, 117, v), `${cist}${MSTI_1}${MSTI_1_ROOT} [|stp]`);
  assert.equal(line(MSTP, 118, v), `${cist}${MSTI_1}${MSTI_1_ROOT}${MSTI_1_PRIO} [|stp]`);
});

Deno.test("printStp() prints an SPB BPDU up to the field the capture cut", () => {
  const head = "STP 802.1aq, Rapid STP, CIST Flags [Proposal, Learn, Forward, Agreement], " +
    "length 205";
  // The version 4 length is read without -v too.
  assert.equal(line(SPB, 119), `${head} [|stp]`);
  assert.equal(line(SPB, 120), head);
  const mst = `${head}${CIST}80${CIST_REST}CIST remaining-hops 19${MSTI_1}${MSTI_1_ROOT}` +
    MSTI_1_PRIO;
  const v = { verbose: 1 };
  assert.equal(line(SPB, 119, v), `${mst} [|stp]`);
  assert.equal(line(SPB, 120, v), `${mst}\n\tv4len 85, AUXMCID Name  [|stp]`);
  assert.equal(line(SPB, 130, v), `${mst}\n\tv4len 85, AUXMCID Name aux-name [|stp]`);
  assert.equal(
    line(SPB, 190, v),
    `${mst}\n\tv4len 85, AUXMCID Name aux-name, Rev 3,\n\t\tdigest ` +
      "101112131415161718191a1b1c1d1e1f [|stp]",
  );
  assert.ok(!line(SPB, 205, v).includes("[|stp]"));
});
