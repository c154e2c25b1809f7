import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { tcpdumpPortChoice } from "../lib/print/transport/_empty_payload.ts";
import { rankedPort } from "../lib/transport/_ports.ts";
import { decodeZephyr, Zephyr, zephyrDecoder, ZephyrField } from "../lib/app/zephyr.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** An Ethernet frame with the notice in a UDP datagram between the ports over IPv4. */
function frame(payload: Uint8Array, sourcePort = 2104, destinationPort = 2103): Uint8Array {
  const addresses = { source: "18.7.21.1", destination: "18.7.21.2" };
  const udp = buildUdp({ ...addresses, sourcePort, destinationPort, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ ...addresses, protocol: 17, ttl: 64, payload: udp }),
  });
}

/** The bytes of `text`, a byte per character. */
const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

interface Notice {
  version?: string;
  kind?: string;
  cls?: string;
  inst?: string;
  opcode?: string;
  sender?: string;
  recipient?: string;
  body?: string[];
}

/** A notice: the 17 header fields, then the body's, each NUL-terminated. */
function notice(n: Notice = {}): Uint8Array {
  const fields = [
    n.version ?? "ZEPH0.2",
    "11",
    n.kind ?? "2",
    "uid",
    "8f0",
    "1",
    "0",
    "",
    n.cls ?? "MESSAGE",
    n.inst ?? "personal",
    n.opcode ?? "",
    n.sender ?? "alice@R",
    n.recipient ?? "bob@R",
    "text/plain",
    "1a2b",
    "0",
    "",
    ...(n.body ?? []),
  ];
  return bytes(fields.map((f) => f + "\0").join(""));
}

const print = (payload: Uint8Array, ports?: [number, number]) =>
  printFrame(LinkType.EN10MB, frame(payload, ...(ports ?? []))).replace(/^.*?\.\d+ > [^ ]*: /s, "");

Deno.test("decodeZephyr() finds the NUL-terminated fields and reads them", () => {
  const layer = decodeZephyr(notice({ kind: " -0X5", body: ["a", "b", "c", "d"] }));
  assert.ok(layer instanceof Zephyr);
  assert.equal(layer.fieldCount, 20);
  assert.equal(layer.partial, false);
  assert.equal(layer.isZephyr, true);
  assert.equal(layer.messageKind, -5);
  assert.equal(layer.text(ZephyrField.SENDER), "alice@R");
  assert.equal(layer.integer(ZephyrField.PORT), 0x8f0);
  assert.equal(layer.fieldEquals(ZephyrField.CLASS, "MESSAGE"), true);
  assert.equal(layer.fieldLength(ZephyrField.AUTH_DATA), 0);
  assert.equal(zephyrDecoder.create().kind, "zephyr");
  assert.deepEqual(decode(LinkType.EN10MB, frame(notice())).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "udp",
    "zephyr",
  ]);
});

Deno.test("decodeZephyr() reads integers as strtol(s, 0, 16) stored in an int", () => {
  const kind = (text: string) => decodeZephyr(notice({ kind: text })).messageKind;
  assert.equal(kind("ffffffff"), -1);
  assert.equal(kind("100000001"), 1);
  assert.equal(kind("7fffffffffffffff"), -1);
  assert.equal(kind("8000000000000000"), -1);
  assert.equal(kind("-8000000000000001"), 0);
  assert.equal(kind("00000000000000000003"), 3);
  assert.equal(kind("\t+4z"), 4);
  assert.equal(kind("0xg"), 0);
  assert.equal(kind(""), 0);
});

Deno.test("decodeZephyr() rejects a truncated notice by marking it partial", () => {
  const whole = notice();
  const cut = decode(LinkType.EN10MB, frame(whole).subarray(0, 42 + 11)).layers.at(-1);
  assert.ok(cut instanceof Zephyr);
  assert.equal(cut.partial, true);
  assert.equal(cut.fieldCount, 2);
  const short = decodeZephyr(whole.subarray(0, 9));
  assert.equal(short.partial, false);
  assert.equal(short.fieldCount, 1);
  assert.throws(() => decodeZephyr(new Uint8Array()), RangeError);
});

Deno.test("printZephyr() prints each class and kind as tcpdump does", () => {
  assert.equal(print(notice()), " zephyr acked alice@R to <MESSAGE,personal,bob@R>");
  assert.equal(
    print(notice({ kind: "9", opcode: "PING" })),
    " zephyr type 9 alice@R to <MESSAGE,personal,bob@R> op PING",
  );
  assert.equal(
    print(notice({ kind: "5", body: ["SENT"] })),
    " zephyr serv-ack alice@R to <MESSAGE,personal,bob@R>",
  );
  assert.equal(
    print(notice({ kind: "5", body: ["Lost\x01"] })),
    " zephyr serv-ack/lost^A alice@R to <MESSAGE,personal,bob@R>",
  );
  assert.equal(print(notice({ version: "ZEPH0.3" })), " zephyr v0.3");
  assert.equal(print(notice({ version: "ZEPX0.2" })), "");
  assert.equal(
    print(notice({ sender: "", recipient: "" })),
    " zephyr acked to <MESSAGE,personal,*>",
  );
  assert.equal(
    print(notice({ cls: "USER_LOCATE", opcode: "USER_HIDE" })),
    " zephyr acked alice@R hide",
  );
  assert.equal(print(notice({ cls: "USER_LOCATE", inst: "c" })), " zephyr acked alice@R locate c");
  assert.equal(
    print(notice({ cls: "ZEPHYR_ADMIN", opcode: "DUMP" })),
    " zephyr acked alice@R zephyr-admin dump",
  );
  const client = { cls: "ZEPHYR_CTL", inst: "CLIENT" };
  assert.equal(
    print(notice({ ...client, opcode: "SUBSCRIBE_NODEFS", body: ["c", "i", ""] })),
    " zephyr acked alice@R unsub-nodefs <c,i,*>",
  );
  assert.equal(
    print(notice({ ...client, opcode: "SUBSCRIBE", body: ["c"] })),
    " zephyr acked alice@R sub",
  );
  assert.equal(print(notice({ ...client, opcode: "GIMME" })), " zephyr acked alice@R ret");
  assert.equal(print(notice({ ...client, opcode: "Other" })), " zephyr acked alice@R other");
  assert.equal(
    print(notice({ cls: "ZEPHYR_CTL", inst: "REALM", opcode: "RLM_UNSUBSCRIBE" })),
    " zephyr acked alice@R realm rlm-unsub",
  );
  assert.equal(
    print(notice({ cls: "HM_CTL", inst: "A", opcode: "B" })),
    " zephyr acked alice@R hm_ctl a b",
  );
  assert.equal(
    print(notice({ cls: "WG_CTL", inst: "A", opcode: "B" })),
    " zephyr acked alice@R wg_ctl a b",
  );
  assert.equal(
    print(notice({ cls: "HM_STAT", inst: "HMST_CLIENT", opcode: "GIMMESTATS" })),
    " zephyr acked alice@R get-client-stats",
  );
  assert.equal(
    print(notice({ cls: "LOGIN", opcode: "USER_FLUSH" })),
    " zephyr acked alice@R flush_locs",
  );
  assert.equal(
    print(notice({ cls: "LOGIN", opcode: "NET-VISIBLE" })),
    " zephyr acked alice@R set-exposure net-visible",
  );
});

Deno.test("printZephyr() cuts its buffer at 255 bytes and escapes bytes as tcpdump does", () => {
  const long = "C".repeat(300);
  assert.equal(print(notice({ cls: long })), ` zephyr acked alice@R to <${"C".repeat(254)}`);
  assert.equal(
    print(notice({ cls: "HM_CTL", inst: long, opcode: "x" })),
    ` zephyr acked alice@R hm_ctl ${"c".repeat(255)} x`,
  );
  assert.equal(
    print(notice({ opcode: long })),
    ` zephyr acked alice@R to <MESSAGE,personal,bob@R> op ${long}`,
  );
  assert.equal(
    print(notice({ sender: "\x80\x7f\x1b" })),
    " zephyr acked M-^@^?^[ to <MESSAGE,personal,bob@R>",
  );
});

Deno.test("printZephyr() marks fields past the UDP length invalid and cut ones [|zephyr]", () => {
  assert.equal(print(new Uint8Array()), " (invalid)");
  assert.equal(print(bytes("ZEPH0.2")), " (invalid)");
  assert.equal(print(notice().subarray(0, 20)), " (invalid)");
  const whole = notice({
    cls: "ZEPHYR_CTL",
    inst: "CLIENT",
    opcode: "SUBSCRIBE",
    body: ["c", "i", "r"],
  });
  const cut = (n: number, options = {}) =>
    printFrame(LinkType.EN10MB, frame(whole).subarray(0, 42 + n), options, 42 + whole.length)
      .replace(/^.*?2103: /s, "");
  assert.equal(cut(0), " [|zephyr]");
  assert.equal(cut(5), " [|zephyr]");
  assert.equal(cut(whole.length - 2), " zephyr acked alice@R sub [|zephyr]");
  // The cut is a read (GET_U_1): -X dumps the whole frame.
  assert.match(cut(5, { hex: 1, ascii: true }), /\[\|zephyr\]\n\t0x0000: {2}0200 0000 0002/);
});

Deno.test("printZephyr() is tried where udp_print() tries it", () => {
  assert.equal(print(notice(), [2103, 1024]), " zephyr acked alice@R to <MESSAGE,personal,bob@R>");
  // Before RX, after VAT (the destination only) and DNS.
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 7001, 2103), 2103);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 2103, 3456), 3456);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 2104, 53), 53);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 514, 2104), 2104);
});
