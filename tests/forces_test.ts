import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  decodeForcesHeader,
  forcesAligned,
  ForcesMessageType,
  ForcesReader,
  forcesTlvProblem,
} from "../lib/app/forces.ts";

/** A ForCES header of `type` before `body` (version 1, FE 2 to CE 0x40000001). */
function message(type: number, body: number[] = [], flags = 0x38400000): number[] {
  const words = (24 + body.length) / 4;
  return [
    0x10,
    type,
    words >> 8,
    words & 0xff,
    ...[0, 0, 0, 2, 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1],
    flags >>> 24,
    (flags >> 16) & 0xff,
    (flags >> 8) & 0xff,
    flags & 0xff,
    ...body,
  ];
}

/** A TLV of `type` with `body`, padded to 4 bytes. */
function tlv(type: number, body: number[]): number[] {
  const length = 4 + body.length;
  const pad = new Array((4 - (length % 4)) % 4).fill(0);
  return [type >> 8, type & 0xff, length >> 8, length & 0xff, ...body, ...pad];
}

/** An Ethernet frame with `payload` in one SCTP DATA chunk (PPID `ppid`) to `port`. */
function frame(payload: number[], port = 6704, ppid = 0, trailer: number[] = []): Uint8Array {
  const chunkLength = 16 + payload.length;
  const pad = new Array((4 - (chunkLength % 4)) % 4).fill(0);
  const chunk = [0, 3, chunkLength >> 8, chunkLength & 0xff, 0, 0, 0, 1, 0, 0, 0, 1];
  chunk.push(ppid >>> 24, (ppid >> 16) & 0xff, (ppid >> 8) & 0xff, ppid & 0xff);
  const sctp = [0x9c, 0x40, port >> 8, port & 0xff, 0, 0, 0, 1, 0, 0, 0, 0, ...chunk, ...payload];
  sctp.push(...pad);
  const total = 20 + sctp.length;
  const ip = [0x45, 0, total >> 8, total & 0xff, 0, 1, 0x40, 0, 64, 132, 0, 0];
  ip.push(192, 0, 2, 1, 192, 0, 2, 2);
  const ethernet = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0];
  return new Uint8Array([...ethernet, ...ip, ...sctp, ...trailer]);
}

const HEAD = "IP 192.0.2.1.40000 > 192.0.2.2.6704: sctp[ForCES HP] (1) [DATA] (B)(E) " +
  "[TSN: 1] [SID: 0] [SSEQ 1] [PPID 0x0] ";

Deno.test("decodeForcesHeader() reads the common header's fields", () => {
  const header = decodeForcesHeader(new Uint8Array(message(ForcesMessageType.HEARTBEAT)));
  assert.deepEqual(
    [header.version, header.messageType, header.length, header.sourceId, header.destinationId],
    [1, 0x0f, 24, 2, 0x40000001],
  );
  assert.equal(header.correlator, 1n);
  assert.equal(header.flags, 0x38400000);
});

Deno.test("decodeForcesHeader() rejects a truncated header", () => {
  assert.throws(
    () => decodeForcesHeader(new Uint8Array(message(0x0f).slice(0, 23))),
    (error) => error instanceof DecodeError && error.code === "truncated" && error.required === 24,
  );
});

Deno.test("ForcesReader reads up to the captured end and throws past it", () => {
  const reader = new ForcesReader(new Uint8Array([1, 2, 3, 4, 5]), 4);
  assert.equal(reader.u32(0), 0x01020304);
  assert.equal(reader.u8(3), 4);
  assert.throws(() => reader.u16(3), DecodeError);
  assert.equal(reader.has(0, 4), true);
  assert.equal(reader.has(1, 4), false);
});

Deno.test("forcesTlvProblem() numbers the problems as tcpdump's tlv_valid()", () => {
  assert.equal(forcesTlvProblem(8, 3), 1);
  assert.equal(forcesTlvProblem(2, 8), 2);
  assert.equal(forcesTlvProblem(12, 8), 3);
  assert.equal(forcesTlvProblem(7, 7), 4);
  assert.equal(forcesTlvProblem(8, 8, 8), 0);
  assert.equal(forcesAligned(13), 16);
});

Deno.test("printSctp() prints a ForCES HeartBeat at each verbosity", () => {
  const bytes = frame(message(0x0f, [], 0xc0400000));
  assert.equal(printFrame(LinkType.EN10MB, bytes), `${HEAD}\n\tForCES HeartBeat `);
  const vv = printFrame(LinkType.EN10MB, bytes, { verbose: 2 });
  assert.ok(
    vv.endsWith(
      "\n\tForCES HeartBeat \n\tForCES Version 1 len 24B flags 0xc0400000 " +
        "\n\tSrcID 0x2(FE) DstID 0x40000001(CE) Correlator 0x1" +
        "\n\tForCES flags:\n\t  AlwaysACK(0x3), prio=0, execute-all-or-none(0x1)," +
        "\n\t  Standalone(0x0), StartofTransaction(0x0)" +
        "\n\t  Extra flags: rsv(b5-7) 0x0 rsv(b13-31) 0x0\n",
    ),
    vv,
  );
});

Deno.test("printSctp() prints a Config's LFB selector, operation and FULLDATA with -vvv", () => {
  const path = tlv(0x110, [0, 0, 0, 1, 0, 0, 0, 2, ...tlv(0x112, [0xaa, 0xbb, 0xcc, 0xdd, 0xee])]);
  const body = tlv(0x1000, [0, 0, 0, 1, 0, 0, 0, 1, ...tlv(1, path)]);
  const text = printFrame(LinkType.EN10MB, frame(message(0x03, body)), { verbose: 3 });
  assert.ok(
    text.endsWith(
      "\tLFBselect TLV, length 40 (data length 36 Bytes)\n" +
        "         FEObj LFB(Classid 1) instance 1\n" +
        "          Oper TLV  Set(0x1) length 28\n" +
        "           PATH-DATA TLV, length 24 (data encapsulated 20 Bytes)\n" +
        "            Pathdata: Flags 0x0 ID count 1\n" +
        "            ID#01: 2\n" +
        "              FULLDATA TLV (Length 9 DataLen 5 pad 3 Bytes)\n" +
        "               [\n" +
        "               0x0000:  aabb ccdd ee00 0000\n" +
        "               ]",
    ),
    text,
  );
});

Deno.test("printSctp() finds ForCES by the PPID on another port", () => {
  const text = printFrame(LinkType.EN10MB, frame(message(0x0f), 9, 21));
  assert.ok(text.endsWith("[PPID ForCES HP] \n\tForCES HeartBeat "), text);
});

Deno.test("printSctp() dumps a ForCES message of a bad type or length in hex", () => {
  const bad = printFrame(LinkType.EN10MB, frame(message(0x07)));
  assert.ok(bad.startsWith(`${HEAD}Invalid ForCES message type 7\n\n\t[`), bad);
  const long = message(0x0f);
  long[3] = 7;
  const text = printFrame(LinkType.EN10MB, frame(long));
  assert.ok(
    text.includes(
      "ForCES HeartBeat Illegal ForCES pkt len - min 24, total recvd 24, advertised 28 ",
    ),
    text,
  );
});

Deno.test("printSctp() marks a ForCES header that the IP packet cuts [|forces]", () => {
  const text = printFrame(
    LinkType.EN10MB,
    frame(message(0x0f).slice(0, 10), 6704, 0, new Array(30).fill(0)),
  );
  assert.equal(text, `${HEAD} [|forces]`);
});

Deno.test("printSctp() prints PATH-DATA nested 6000 deep without overflowing the stack", () => {
  // Outermost first: each level's header and empty path, then the innermost FULLDATA.
  const path: number[] = [];
  for (let i = 0; i < 6000; i++) {
    const length = 8 * (6000 - i) + 8;
    path.push(0x01, 0x10, length >> 8, length & 0xff, 0, 0, 0, 0);
  }
  path.push(...tlv(0x112, [1, 2, 3, 4]));
  const body = tlv(0x1000, [0, 0, 0, 1, 0, 0, 0, 1, ...tlv(1, path)]);
  const text = printFrame(LinkType.EN10MB, frame(message(0x03, body)), { verbose: 3 });
  assert.equal(text.split("Pathdata: Flags 0x0 ID count 0").length - 1, 6000);
  assert.ok(text.endsWith("0x0000:  0102 0304\n" + " ".repeat(254) + "]"), text.slice(-300));
});
