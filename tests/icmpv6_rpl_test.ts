import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decodeIcmpv6, RplCode, RplOptionType } from "../lib/net/icmpv6.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { icmpv6Frame } from "./_shared.ts";

const ADDRESSES = "fe80 0000 0000 0000 0216 3eff fe11 3424 ff02 0000 0000 0000 0000 0000 0000 0001";
const DODAG = "2001 0db8 0000 0000 0000 0000 0000 0001";
/** A DIO: instance 1, version 240, rank 256, grounded storing prf 2, DTSN 7. */
const DIO = `9b01 0000 01f0 0100 8a07 0000 ${DODAG}`;
/** A DAO with K and D set, sequence 10, instance 42. */
const DAO = `9b02 0000 2ac0 000a ${DODAG}`;
/** A DAO-ACK with D set, sequence 11, instance 43, status 0. */
const DAO_ACK = `9b03 0000 2b80 0b00 ${DODAG}`;
const TARGET = "050a 0040 2001 0db8 0000 0000";

/** What tcpdump prints from `ICMP6` on (the checksum mark before it left out). */
function print(message: string, verbose = 0, cut?: number): string {
  const { bytes, wire } = icmpv6Frame(ADDRESSES, message, cut);
  const line = printFrame(LinkType.RAW, bytes, { verbose }, wire);
  return line.slice(line.indexOf("ICMP6"));
}

Deno.test("decodeIcmpv6() reads a DIO's fields and DODAG ID", () => {
  const icmp = decodeIcmpv6(decodeHex(`${DIO} 00 0404 0102 0304`));
  assert.equal(icmp.headerLength, 4);
  const rpl = icmp.rpl!;
  assert.equal(rpl.code, RplCode.DIO);
  assert.equal(rpl.secured, false);
  assert.equal(rpl.instanceId, 1);
  assert.equal(rpl.version, 240);
  assert.equal(rpl.rank, 256);
  assert.equal(rpl.grounded, true);
  assert.equal(rpl.modeOfOperation, 1);
  assert.equal(rpl.preference, 2);
  assert.equal(rpl.dtsn, 7);
  assert.equal(rpl.dodagId, "2001:db8::1");
  assert.equal(rpl.optionsOffset, 28);
  assert.deepEqual(rpl.options.map((o) => [o.type, o.length]), [[0, 1], [4, 6]]);
  assert.equal(decodeIcmpv6(decodeHex("8000 0000 0001 0001")).rpl, undefined);
});

Deno.test("decodeIcmpv6() reads a DAO and a DAO-ACK with and without their DODAG ID", () => {
  const dao = decodeIcmpv6(decodeHex(`${DAO} ${TARGET}`)).rpl!;
  assert.equal(dao.acknowledgementRequested, true);
  assert.equal(dao.dodagIdPresent, true);
  assert.equal(dao.sequence, 10);
  assert.equal(dao.dodagId, "2001:db8::1");
  assert.equal(dao.options[0]?.type, RplOptionType.RPL_TARGET);
  const bare = decodeIcmpv6(decodeHex(`9b02 0000 2a00 0005 ${TARGET}`)).rpl!;
  assert.equal(bare.dodagIdPresent, false);
  assert.equal(bare.dodagId, undefined);
  assert.equal(bare.optionsOffset, 8);
  const ack = decodeIcmpv6(decodeHex(DAO_ACK)).rpl!;
  assert.equal(ack.sequence, 11);
  assert.equal(ack.status, 0);
  assert.equal(ack.dodagId, "2001:db8::1");
  assert.deepEqual(ack.toJSON(), {
    secured: false,
    instanceId: 43,
    flags: 0x80,
    sequence: 11,
    status: 0,
    dodagId: "2001:db8::1",
    options: [],
  });
});

Deno.test("decodeIcmpv6() keeps an RPL message cut after its code, and stops its options where they end", () => {
  assert.throws(() => decodeIcmpv6(decodeHex("9b01")), { name: "DecodeError", partial: true });
  assert.throws(() => decodeIcmpv6(decodeHex("9b")), { name: "DecodeError", partial: true });
  assert.throws(() => decodeIcmpv6(new Uint8Array(0)), { name: "DecodeError", partial: false });
  const long = decodeIcmpv6(decodeHex(`${DIO} 0120 0000`)).rpl!;
  assert.deepEqual(long.options, []);
  assert.equal(long.optionLength(28), 0x22);
});

Deno.test("printIcmpv6() prints RPL messages without -v as tcpdump does", () => {
  assert.equal(print(DIO), "ICMP6, RPL, (CLR)DODAG Information Object, length 28");
  assert.equal(
    print("9b00 0000 0000"),
    "ICMP6, RPL, (CLR)DODAG Information Solicitation, length 6",
  );
  assert.equal(print(DAO), "ICMP6, RPL, (CLR)Destination Advertisement Object, length 24");
  assert.equal(print(DAO_ACK), "ICMP6, RPL, (CLR)Destination Advertisement Object Ack, length 24");
  assert.equal(print("9b81 0000 0000 0000"), "ICMP6, RPL, (SEC) [worktodo], length 8");
  assert.equal(print("9b04 0000 0000"), "ICMP6, RPL, (CLR)RPL message, unknown code 4, length 6");
});

Deno.test("printIcmpv6() prints RPL fields with -v and options with -vv and -vvv", () => {
  assert.equal(
    print(DIO, 1),
    "ICMP6, RPL, (CLR)DODAG Information Object " +
      "[dagid:2001:db8::1,seq:7,instance:1,rank:256,grounded,mop:storing,prf:2]",
  );
  assert.equal(
    print(`${DAO} ${TARGET} 00`, 2),
    "ICMP6, RPL, (CLR)Destination Advertisement Object " +
      "[dagid:2001:db8::1,seq:10,instance:42,acK,Dagid,c0] opt:rpltarget len:12  opt:pad1",
  );
  assert.equal(
    print(`${DAO} ${TARGET}`, 3),
    "ICMP6, RPL, (CLR)Destination Advertisement Object " +
      "[dagid:2001:db8::1,seq:10,instance:42,acK,Dagid,c0] opt:rpltarget len:12  0x0000:  0040 2001 0db8 0000 0000",
  );
  assert.equal(
    print("9b03 0000 2c00 0dff 0701 00", 2),
    "ICMP6, RPL, (CLR)Destination Advertisement Object Ack " +
      "[dagid:<elided>,seq:13,instance:44,status:255] opt:subopt:7 len:3 ",
  );
});

Deno.test("printIcmpv6() marks short and cut RPL messages as tcpdump does", () => {
  assert.equal(
    print("9b01 0000 0000", 1),
    "ICMP6, RPL, (CLR)DODAG Information Object [length 2 < 24] (invalid)",
  );
  assert.equal(print(DIO, 1, 20), "ICMP6, RPL, (CLR)DODAG Information Object [|icmp6]");
  // rpl_dao_print() checks that its whole struct, DODAG ID included, was captured.
  assert.equal(
    print("9b02 0000 2a00 0005", 1),
    "ICMP6, RPL, (CLR)Destination Advertisement Object [|icmp6]",
  );
  assert.equal(
    print(DAO_ACK, 1, 12),
    "ICMP6, RPL, (CLR)Destination Advertisement Object Ack [|icmp6]",
  );
  assert.equal(
    print(`${DIO} 0120 0000`, 2),
    "ICMP6, RPL, (CLR)DODAG Information Object " +
      "[dagid:2001:db8::1,seq:7,instance:1,rank:256,grounded,mop:storing,prf:2] opt:padN len:34  [|icmp6]",
  );
  assert.equal(
    print(`${DIO} 01`, 2),
    "ICMP6, RPL, (CLR)DODAG Information Object " +
      "[dagid:2001:db8::1,seq:7,instance:1,rank:256,grounded,mop:storing,prf:2] [|icmp6]",
  );
  assert.equal(print(DIO, 0, 2), "ICMP6, RPL, (CLR)DODAG Information Object, length 28");
  assert.equal(print(DIO, 0, 1), "ICMP6, RPL [|icmp6]");
});
