import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeResp, Resp, respDecoder, RespLength, RespType } from "../lib/app/resp.ts";
import { buildEthernet, buildIpv4, buildTcp } from "../lib/craft/mod.ts";

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** An Ethernet frame with `payload` in a TCP segment to port 6379. */
function frame(payload: Uint8Array): Uint8Array {
  const addresses = { source: "10.0.0.1", destination: "10.0.0.2" };
  const tcp = buildTcp({ ...addresses, sourcePort: 50000, destinationPort: 6379, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ ...addresses, protocol: 6, payload: tcp }),
  });
}

/** What tcpdump prints after the TCP length for `text`, captured up to `captured` bytes. */
function print(text: string, captured = Infinity, options = {}): string {
  const whole = frame(bytes(text));
  const cut = whole.subarray(0, 54 + Math.min(captured, text.length));
  return printFrame(LinkType.EN10MB, cut, options, whole.length).replace(/^.*?length \d+/s, "");
}

/** The values' types and lengths, and the walk's end. */
function walk(text: string): [string, number, string | undefined][] | string {
  const resp = decodeResp(bytes(text));
  const values = resp.values.map((v): [string, number, string | undefined] => [
    v.type === RespType.INLINE ? "inline" : String.fromCharCode(v.type),
    v.length,
    v.textStart < 0 ? undefined : text.slice(v.textStart, v.textEnd),
  ]);
  return resp.endState === "complete" ? values : `${JSON.stringify(values)} ${resp.endState}`;
}

Deno.test("decodeResp() reads every value type, pipelined and nested", () => {
  const resp = decodeResp(bytes("+OK\r\n"));
  assert.ok(resp instanceof Resp);
  assert.equal(respDecoder.create().kind, "resp");
  assert.deepEqual(walk("+OK\r\n-ERR x\r\n:42\r\n$5\r\nhello\r\n$0\r\n\r\n"), [
    ["+", 0, "OK"],
    ["-", 0, "ERR x"],
    [":", 0, "42"],
    ["$", 5, "hello"],
    ["$", 0, undefined],
  ]);
  assert.deepEqual(walk("*2\r\n*1\r\n:1\r\n*0\r\n+x\r\n"), [
    ["*", 2, undefined],
    ["*", 1, undefined],
    [":", 0, "1"],
    ["*", 0, undefined],
    ["+", 0, "x"],
  ]);
  assert.deepEqual(walk("\r\nPING\nset k v\r\r\n"), [
    ["inline", 0, "PING"],
    ["inline", 0, "set k v"],
  ]);
  assert.deepEqual(resp.toJSON(), { values: [{ type: "+", text: "OK" }], end: "complete" });
  assert.deepEqual(decode(LinkType.EN10MB, frame(bytes("PING\r\n"))).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "tcp",
    "resp",
  ]);
});

Deno.test("decodeResp() reads lengths as tcpdump's resp_get_length() does", () => {
  assert.deepEqual(walk("$-1\r\n*-1\r\n$-01\r\n$00\r\n\r\n"), [
    ["$", RespLength.NULL, undefined],
    ["*", RespLength.NULL, undefined],
    ["$", RespLength.NULL, undefined],
    ["$", 0, undefined],
  ]);
  assert.deepEqual(walk("$2147483648\r\n*99999999999\r\n$-2\r\n*-99999999999\r\n"), [
    ["$", RespLength.TOO_LARGE, undefined],
    ["*", RespLength.TOO_LARGE, undefined],
    ["$", RespLength.NEGATIVE, undefined],
    ["*", RespLength.NEGATIVE, undefined],
  ]);
  // The byte that breaks the form is skipped; the walk goes on after it.
  assert.deepEqual(walk("$abc\r\n"), [["$", RespLength.INVALID, undefined], [
    "inline",
    0,
    "bc",
  ]]);
  assert.deepEqual(walk("*x\r\n:1\r\n")[0], ["*", RespLength.INVALID, undefined]);
  assert.equal(walk("$12\rx\r\n"), '[["$",-5,null]] truncated');
});

Deno.test("decodeResp() rejects a truncated segment at every field", () => {
  assert.throws(() => decodeResp(new Uint8Array(0)), /1 bytes required, received 0/);
  for (const text of ["$", "$5", "$5\r", "$-", "$5\r\nhel", "+OK", "+OK\r", "PING", "\r\n"]) {
    assert.equal(walk(text), "[] truncated", JSON.stringify(text));
  }
  assert.equal(walk("$3\r\nab\r\n"), '[["$",3,"ab\\r"]] truncated');
  assert.equal(walk("$0\r\n"), '[["$",0,null]] truncated');
  assert.equal(walk("*1\r\n"), '[["*",1,null]] truncated');
  assert.equal(walk("*3\r\n:1\r\n"), '[["*",3,null],[":",0,"1"]] truncated');
  assert.equal(walk("$2147483647\r\nabc\r\n"), "[] truncated");
});

Deno.test("decodeResp() tells a read past the capture from a value the segment cuts", () => {
  const at = (text: string, captured: number) => {
    const whole = frame(bytes(text));
    const resp = decode(LinkType.EN10MB, whole.subarray(0, 54 + captured)).layer("resp")!;
    return resp.endState;
  };
  // tcpdump reads the length's digits and an inline line byte by byte (its longjmp)...
  assert.equal(at("$12345\r\nhello\r\n", 3), "cut");
  assert.equal(at("$5\r\nhello\r\n", 3), "cut");
  assert.equal(at("PING\r\n", 2), "cut");
  assert.equal(at("\r\nPING\r\n", 1), "cut");
  // ...but checks a CRLF's and a bulk string's bytes first.
  assert.equal(at("+OK\r\n", 4), "truncated");
  assert.equal(at("$5\r\nhello\r\n", 6), "truncated");
  assert.equal(at("$5\r\nhello\r\n", 10), "truncated");
});

Deno.test("printResp() prints the values as tcpdump does", () => {
  assert.equal(print("+OK\r\n"), ': RESP "OK"');
  assert.equal(
    print("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$-1\r\n*0\r\n*-1\r\n:7\r\n-ERR\r\n"),
    ': RESP "SET" empty null empty null "7" "ERR"',
  );
  assert.equal(print("+\x01\x7f\x80\xff\r\n"), ': RESP "^A^?M-^@M-^?"');
  assert.equal(
    print("$2147483648\r\n$-2\r\n$x\r\n"),
    ": RESP length too large length negative and not -1 invalid [|resp]",
  );
  assert.equal(print("*2\r\n+a\r\n"), ': RESP "a" [|resp]');
  assert.equal(print("$5\r\nhello\r\n", 6), ": RESP [|resp]");
  assert.equal(print("+OK\r\n$-1\r\n", 7), ': RESP "OK" [|resp]');
  // No byte captured: tcpdump still calls the printer, which reads the type byte.
  assert.equal(print("+OK\r\n", 0), ": RESP [|resp]");
});

Deno.test("printResp() dumps the whole packet after a read past the capture, as tcpdump", () => {
  const x = { hex: 1, ascii: true } as const;
  // A longjmp forgets the link header: -X starts at the frame's first byte.
  assert.match(print("$12345\r\n", 3, x), /0x0000: {2}0200 0000 0002/);
  // A checked truncation dumps from the IP header.
  assert.match(print("+OK\r\n", 4, x), /0x0000: {2}4500/);
});

Deno.test("decode() and printResp() never throw on mutated RESP segments", () => {
  let seed = 0x6379;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const base = bytes("*3\r\n$3\r\nSET\r\n:12\r\n+OK\r\n-E\r\n$-1\r\nPING\r\n");
  const alphabet = bytes("+-:$*\r\n0123456789-x");
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const data = base.slice(0, 1 + random() % base.length);
    for (let n = random() % 6; n >= 0; n--) {
      data[random() % data.length] = random() % 2
        ? alphabet[random() % alphabet.length]!
        : random();
    }
    const packet = frame(data);
    const captured = packet.subarray(0, 54 + random() % (data.length + 1));
    for (const hex of [0, 1] as const) {
      const text = printFrame(LinkType.EN10MB, captured, { hex, ascii: true }, packet.length);
      assert.match(text, /RESP/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, packet));
  }
  assert.equal(printed, 6000);
});
