import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { Aoe, AoeCommand, aoeDecoder, decodeAoe } from "../lib/link/aoe.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "0003 0349 967e c0c1 c0a0 9b9d 88a2";

// tcpdump's tests/aoe-oobr-1.pcap: a Reserve/Release response whose one address was not
// captured (`-v`: "RCmd: Set reserve list, NMacs: 1 [|aoe]").
const OOBR = hex(`${ETHERNET} 1b00 40f6 0203 0101 0101 0101 01ff 0000 01`);

// Issue ATA Command: AFlags 0x53, registers, reserved, 4 bytes of data.
const ISSUE = hex(`${ETHERNET} 1000 1234 5600 dead beef 5300 0125 0102 0304 0506 0000 abab abab`);

// Query Config Information response with a config string of odd bytes.
const QUERY = hex(`${ETHERNET} 1800 1234 5601 dead beef 0010 4019 0210 0008 636f 6e66 017f e921`);

// MAC Mask List response: Edit, two directives.
const MASK = hex(`${ETHERNET} 1800 1234 5602 dead beef 0001 0002
  0001 0a1b 2c3d 4e5f 0002 f0e0 d0c0 b0a0`);

// Reserve/Release error response (Target is reserved), two addresses.
const RESERVE = hex(`${ETHERNET} 1c06 1234 5603 dead beef 0102 0a1b 2c3d 4e5f f0e0 d0c0 b0a0`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { verbose }, originalLength);
}

Deno.test("decodeAoe() reads the common header and each command's argument", () => {
  const issue = decodeAoe(ISSUE, 14);
  assert.ok(issue instanceof Aoe);
  assert.deepEqual(issue.toJSON(), {
    version: 1,
    flags: 0,
    error: 0,
    major: 0x1234,
    minor: 0x56,
    command: AoeCommand.ISSUE_ATA_COMMAND,
    tag: 0xdeadbeef,
  });
  assert.equal(issue.ataRegister(0), 0x53);
  assert.equal(issue.ataRegister(9), 6);
  assert.equal(issue.ataRegister(14), -1);
  const query = decodeAoe(QUERY, 14);
  assert.equal(query.bufferCount, 16);
  assert.equal(query.firmwareVersion, 0x4019);
  assert.equal(query.querySectorCount, 2);
  assert.equal(query.queryVersion, 1);
  assert.equal(query.configCommand, 0);
  assert.equal(query.configStringLength, 8);
  assert.equal(query.configStringOffset, 14 + 18);
  const mask = decodeAoe(MASK, 14);
  assert.equal(mask.maskCommand, 1);
  assert.equal(mask.maskError, 0);
  assert.equal(mask.directiveCount, 2);
  assert.equal(mask.directiveCommand(1), 2);
  assert.equal(mask.directiveAddress(1), "f0:e0:d0:c0:b0:a0");
  assert.equal(mask.directiveAddress(2), "");
  const reserve = decodeAoe(RESERVE, 14);
  assert.equal(reserve.flags, 0xc);
  assert.equal(reserve.error, 6);
  assert.equal(reserve.reserveCommand, 1);
  assert.equal(reserve.addressCount, 2);
  assert.equal(reserve.reserveAddress(0), "0a:1b:2c:3d:4e:5f");
  assert.equal(aoeDecoder.create().kind, "aoe");
  assert.equal(decode(LinkType.EN10MB, ISSUE).layers[1]?.kind, "aoe");
});

Deno.test("decodeAoe() rejects a truncated header", () => {
  assert.throws(() => decodeAoe(ISSUE.subarray(14, 23)), DecodeError);
  assert.throws(() => decodeAoe(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() keeps an AoE header cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, ISSUE.subarray(0, 17));
  const aoe = packet.layers[1];
  assert.ok(aoe instanceof Aoe);
  assert.equal(aoe.partial, true);
  assert.equal(aoe.version, 1);
  assert.equal(aoe.major, -1);
  assert.equal(aoe.tag, -1);
  assert.deepEqual(aoe.toJSON(), { partial: true, version: 1, flags: 0 });
  assert.ok(packet.error instanceof DecodeError);
});

Deno.test("printAoe() prints the version and flags without -v, as tcpdump does", () => {
  assert.equal(print(ISSUE), "AoE length 26, Ver 1, Flags: [none]");
  assert.equal(print(RESERVE), "AoE length 24, Ver 1, Flags: [Response, Error]");
  assert.equal(print(OOBR, 0, 32), "AoE length 18, Ver 1, Flags: [Response, MBZ-1, MBZ-0]");
  // A header cut by the capture is not read further without -v.
  assert.equal(
    print(ISSUE.subarray(0, 15), 0, ISSUE.length),
    "AoE length 26, Ver 1, Flags: [none]",
  );
  const other = ISSUE.slice();
  other[14] = 0x20;
  assert.equal(print(other, 1), "AoE length 26, Ver 2");
  assert.equal(print(ISSUE.subarray(0, 14)), "AoE length 0 (invalid)");
  assert.equal(print(ISSUE.subarray(0, 19)), "AoE length 5, Ver 1 (invalid)");
});

Deno.test("printAoe() prints each command's argument with -v, as tcpdump does", () => {
  assert.equal(
    print(ISSUE, 1),
    "AoE length 26, Ver 1, Flags: [none]\n" +
      "\tMajor: 0x1234, Minor: 0x56, Command: Issue ATA Command, Tag: 0xdeadbeef\n" +
      "\tAFlags: [Ext48, Device, Async, Write], Err/Feature: 0, Sector Count: 1, Cmd/Status: 37\n" +
      "\tlba0: 1, lba1: 2, lba2: 3, lba3: 4, lba4: 5, lba5: 6\n" +
      "\tData: 4 bytes",
  );
  assert.equal(
    print(QUERY, 1),
    "AoE length 26, Ver 1, Flags: [Response]\n" +
      "\tMajor: 0x1234, Minor: 0x56, Command: Query Config Information, Tag: 0xdeadbeef\n" +
      "\tBuffer Count: 16, Firmware Version: 16409, Sector Count: 2, AoE: 1, " +
      "CCmd: read config string\n" +
      "\tConfig String (length 8): conf^A^?M-i!",
  );
  assert.equal(
    print(MASK, 1),
    "AoE length 30, Ver 1, Flags: [Response]\n" +
      "\tMajor: 0x1234, Minor: 0x56, Command: MAC Mask List, Tag: 0xdeadbeef\n" +
      "\tMCmd: Edit Mac Mask List, MError: Unknown (0x00), Dir Count: 2\n" +
      "\t DCmd: Add mac address to mask list, Ethernet Address: 0a:1b:2c:3d:4e:5f\n" +
      "\t DCmd: Delete mac address from mask list, Ethernet Address: f0:e0:d0:c0:b0:a0",
  );
  assert.equal(
    print(RESERVE, 1),
    "AoE length 24, Ver 1, Flags: [Response, Error]\n" +
      "\tError: Target is reserved\n" +
      "\tMajor: 0x1234, Minor: 0x56, Command: Reserve/Release, Tag: 0xdeadbeef\n" +
      "\tRCmd: Set reserve list, NMacs: 2\n" +
      "\tEthernet Address 0: 0a:1b:2c:3d:4e:5f\n" +
      "\tEthernet Address 1: f0:e0:d0:c0:b0:a0",
  );
});

Deno.test("printAoe() marks malformed lengths and unknown values as tcpdump does", () => {
  const ccmd = QUERY.slice();
  ccmd[29] = 0x15;
  assert.match(print(ccmd, 1), /AoE: 1, CCmd: Unknown \(0x02x\)\n/);
  const longString = QUERY.slice();
  longString[31] = 9;
  assert.match(print(longString, 1), /CCmd: read config string \(invalid\)$/);
  const count = RESERVE.slice();
  count[25] = 1;
  assert.match(print(count, 1), /NMacs: 1 \(invalid\)$/);
  assert.match(print(RESERVE.subarray(0, RESERVE.length - 1), 1), /Tag: 0xdeadbeef \(invalid\)$/);
  const directives = MASK.slice();
  directives[27] = 3;
  assert.match(print(directives, 1), /Dir Count: 3 \(invalid\)$/);
  const command = ISSUE.slice();
  command[19] = 9;
  assert.match(print(command, 1), /Command: Unknown \(0x09\), Tag: 0xdeadbeef$/);
  const error = RESERVE.slice();
  error[15] = 7;
  assert.match(print(error, 1), /\n\tError: Invalid \(7\)\n/);
});

Deno.test("printAoe() stops where the capture ends, as tcpdump does", () => {
  assert.equal(
    print(OOBR, 1, 32),
    "AoE length 18, Ver 1, Flags: [Response, MBZ-1, MBZ-0]\n" +
      "\tMajor: 0x40f6, Minor: 0x02, Command: Reserve/Release, Tag: 0x01010101\n" +
      "\tRCmd: Set reserve list, NMacs: 1 [|aoe]",
  );
  assert.equal(print(ISSUE.subarray(0, 14), 1, ISSUE.length), "AoE length 26 [|aoe]");
  assert.equal(
    print(RESERVE.subarray(0, 15), 1, RESERVE.length),
    "AoE length 24, Ver 1, Flags: [Response, Error] [|aoe]",
  );
  assert.equal(
    print(ISSUE.subarray(0, 35), 1, ISSUE.length),
    "AoE length 26, Ver 1, Flags: [none]\n" +
      "\tMajor: 0x1234, Minor: 0x56, Command: Issue ATA Command, Tag: 0xdeadbeef\n" +
      "\tAFlags: [Ext48, Device, Async, Write], Err/Feature: 0, Sector Count: 1, Cmd/Status: 37\n" +
      "\tlba0: 1, lba1: 2, lba2: 3, lba3: 4, lba4: 5, lba5: 6 [|aoe]",
  );
  assert.equal(
    print(QUERY.subarray(0, 35), 1, QUERY.length),
    "AoE length 26, Ver 1, Flags: [Response]\n" +
      "\tMajor: 0x1234, Minor: 0x56, Command: Query Config Information, Tag: 0xdeadbeef\n" +
      "\tBuffer Count: 16, Firmware Version: 16409, Sector Count: 2, AoE: 1, " +
      "CCmd: read config string\n" +
      "\tConfig String (length 8): con [|aoe]",
  );
  assert.match(
    print(MASK.subarray(0, 33), 1, MASK.length),
    /\n\t DCmd: Add mac address to mask list \[\|aoe\]$/,
  );
  // A malformed length whose bytes were not all captured: both marks.
  const count = RESERVE.slice();
  count[25] = 1;
  assert.match(print(count.subarray(0, 30), 1, count.length), /NMacs: 1 \(invalid\) \[\|aoe\]$/);
});
