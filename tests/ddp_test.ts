import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Ddp, ddpDecoder, decodeDdp } from "../lib/net/ddp.ts";
import { decodeLlap, Llap, llapDecoder } from "../lib/link/llap.ts";

/** A DDP long header from 4660.9.253 to 65280.200.2 of `type`, then `payload`. */
function ddp(type: number, payload: number[] = [], source = [0x12, 0x34, 9, 253]): number[] {
  const length = 13 + payload.length;
  const [net1, net2, node, socket] = source;
  return [length >> 8, length & 0xff, 0, 0, 0xff, 0, net1!, net2!, 200, node!, 2, socket!, type]
    .concat(payload);
}

/** An ATP header. */
function atp(control: number, bitmap: number, user = [0, 0, 0, 0]): number[] {
  return [control, bitmap, 0x12, 0x34, ...user];
}

/** A counted string. */
const cstr = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

/** An NBP tuple of 4660.9.253 with its enumerator and names. */
function tuple(enumerator: number, object = "Printer", type = "LaserWriter", zone = "*"): number[] {
  return [0x12, 0x34, 9, 253, enumerator, ...cstr(object), ...cstr(type), ...cstr(zone)];
}

/** An Ethernet II frame of EtherType 0x809b holding `payload`. */
function frame(payload: number[]): Uint8Array {
  return new Uint8Array([
    ...[9, 0, 7, 0xff, 0xff, 0xff, 8, 0, 7, 0x12, 0x34, 0x56, 0x80, 0x9b],
    ...payload,
  ]);
}

/** An 802.3 LLC/SNAP frame with Apple's OUI and `pid` holding `payload`. */
function snap(payload: number[], pid = 0x809b): Uint8Array {
  const body = [0xaa, 0xaa, 3, 8, 0, 7, pid >> 8, pid & 0xff, ...payload];
  return new Uint8Array([
    ...[9, 0, 7, 0xff, 0xff, 0xff, 8, 0, 7, 0x12, 0x34, 0x56, body.length >> 8, body.length],
    ...body,
  ]);
}

const print = (bytes: Uint8Array, options = {}, length?: number) =>
  printFrame(LinkType.EN10MB, bytes, options, length);

Deno.test("decodeDdp() reads the long header's addresses, sockets and type", () => {
  const layer = decodeDdp(new Uint8Array(ddp(3, atp(0x40, 0xff))));
  assert.ok(layer instanceof Ddp);
  assert.deepEqual(layer.toJSON(), {
    hops: 0,
    length: 21,
    checksum: 0,
    destinationNet: 0xff00,
    destinationNode: 200,
    destinationSocket: 2,
    sourceNet: 0x1234,
    sourceNode: 9,
    sourceSocket: 253,
    type: 3,
  });
  assert.deepEqual(layer.atp(), {
    control: 0x40,
    bitmap: 0xff,
    transactionId: 0x1234,
    userData: 0,
  });
  assert.equal(ddpDecoder.create().kind, "ddp");
  assert.deepEqual(decode(LinkType.EN10MB, frame(ddp(1))).layers.map((l) => l.kind), [
    "ethernet",
    "ddp",
  ]);
  assert.deepEqual(decode(LinkType.EN10MB, snap(ddp(1))).layers.map((l) => l.kind), [
    "ethernet",
    "llc",
    "ddp",
  ]);
});

Deno.test("decodeDdp() rejects a truncated header, which decode() keeps as partial", () => {
  assert.throws(() => decodeDdp(new Uint8Array(12)), {
    message: "Cannot decode DDP header: 13 bytes required, received 12",
  });
  const packet = decode(LinkType.EN10MB, frame(ddp(1).slice(0, 10)));
  assert.deepEqual(packet.layers.at(-1)?.toJSON(), { partial: true });
});

Deno.test("Ddp.nbp() walks a reply's tuples and stops at a cut or over-long name", () => {
  const reply = new Uint8Array(ddp(2, [0x32, 7, ...tuple(1), ...tuple(2, "x".repeat(33))]));
  const nbp = decodeDdp(reply).nbp()!;
  assert.equal(nbp.control, 0x32);
  assert.equal(nbp.tuples.length, 2);
  assert.equal(nbp.tuples[0]!.names.length, 3);
  assert.equal(nbp.tuples[1]!.stop, "bad-length");
  assert.equal(nbp.tuples[1]!.badLength, 33);
  const cut = decodeDdp(reply.subarray(0, 23)).nbp()!;
  assert.deepEqual(cut.tuples[0]!.names, [{ offset: 21, length: 2, complete: false }]);
  assert.equal(cut.tuples[0]!.stop, "truncated");
  assert.equal(decodeDdp(reply.subarray(0, 14)).nbp(), undefined);
});

Deno.test("printDdp() prints the addresses and names the DDP types tcpdump names", () => {
  assert.equal(print(frame(ddp(1, [0, 1, 2]))), "AT 4660.9.253 > 65280.200.2:  at-rtmp 3");
  assert.equal(print(frame(ddp(6, [5, 0]))), "AT 4660.9.253 > 65280.200.2:  at-#6 2");
  assert.equal(
    print(frame(ddp(4, [1], [0, 0, 255, 4])), { verbose: 1 }),
    "et1 AT 0.4 > 65280.200.2:  at-echo 1",
  );
  assert.equal(print(snap(ddp(5, [1]))), "AT 4660.9.253 > 65280.200.2:  at-rtmpReq 1");
});

Deno.test("printDdp() prints ATP requests, responses and releases as atp_print() does", () => {
  const at = (payload: number[]) => print(frame(ddp(3, payload))).slice(29);
  assert.equal(at(atp(0x40, 0xff)), " atp-req* 4660<0-7>");
  assert.equal(at(atp(0x78, 0x05, [0, 0, 0, 9])), " atp-req  4660<0,2> [EOM,STS] 0x9");
  assert.equal(at([...atp(0x50, 0), 1, 2]), " atp-req* 4660<0> [len=2] [EOM]");
  assert.equal(at([...atp(0xb0, 3), 1, 2]), " atp-resp*4660:3 (2) [XO]");
  assert.equal(at(atp(0xd8, 0x0f)), " atp-rel  4660<0-3>[EOM,STS]");
  assert.equal(at(atp(0x27, 1)), " atp-0x27  4660 (0)");
});

Deno.test("printDdp() prints NBP lookups and replies as nbp_print() does", () => {
  const at = (payload: number[]) => print(frame(ddp(2, payload))).slice(29);
  assert.equal(at([0x21, 7, ...tuple(0)]), ' nbp-lkup 7: "Printer:LaserWriter@*"');
  assert.equal(at([0x12, 7, ...tuple(3, "=")]), ' nbp-brRq 7: "=:LaserWriter@*" [ntup=2] [enum=3]');
  assert.equal(
    at([0x32, 7, ...tuple(1, "a"), ...tuple(2, "b")]),
    ' nbp-reply 7: "a:LaserWriter@*" "b:LaserWriter@*"(2)',
  );
  assert.equal(at([0x21, 7, ...tuple(0, "x".repeat(40))]), ' nbp-lkup 7: "[len=40]');
  assert.equal(at([0x41, 7, ...tuple(0)]), " nbp-0x41  7 (27)");
  assert.equal(at([0x21, 7, 0, 0, 0, 0, 0, 0, 0]), " truncated-nbp 9");
});

Deno.test("printDdp() marks headers too short [|ddp N] and cut ones [|ddp] or [|atalk]", () => {
  assert.equal(print(frame(ddp(3).slice(0, 5))), "AT  [|ddp 5]");
  const whole = frame(ddp(3, atp(0x40, 1)));
  assert.equal(print(whole.subarray(0, 20), {}, whole.length), "AT  [|ddp]");
  assert.equal(
    print(whole.subarray(0, 30), {}, whole.length),
    "AT 4660.9.253 > 65280.200.2:  [|atalk]",
  );
  assert.equal(print(frame(ddp(3, [0x40, 1]))), "AT 4660.9.253 > 65280.200.2:  [|atalk]");
  const nbp = frame(ddp(2, [0x21, 7, ...tuple(0)]));
  assert.equal(
    print(nbp.subarray(0, 37), {}, nbp.length),
    'AT 4660.9.253 > 65280.200.2:  nbp-lkup 7: "Pr [|atalk]',
  );
});

/** A LocalTalk frame from node 9 to 255 of LLAP `type` holding `payload`. */
const llap = (type: number, payload: number[]) => new Uint8Array([255, 9, type, ...payload]);

/** A short DDP header from socket 253 to 2 of DDP `type`, then `payload`. */
const sddp = (
  type: number,
  payload: number[] = [],
) => [0, 5 + payload.length, 2, 253, type, ...payload];

Deno.test("decodeLlap() reads the LLAP header and the short DDP header after type 1", () => {
  const layer = decodeLlap(llap(1, sddp(3, atp(0x40, 1))));
  assert.ok(layer instanceof Llap);
  assert.deepEqual(layer.toJSON(), {
    destination: 255,
    source: 9,
    llapType: 1,
    length: 13,
    destinationSocket: 2,
    sourceSocket: 253,
    type: 3,
  });
  assert.equal(layer.atp()?.bitmap, 1);
  assert.equal(llapDecoder.create().kind, "llap");
  assert.deepEqual(decode(LinkType.LTALK, llap(2, ddp(1))).layers.map((l) => l.kind), [
    "llap",
    "ddp",
  ]);
});

Deno.test("decodeLlap() rejects a truncated header, a cut short DDP header kept as partial", () => {
  assert.throws(() => decodeLlap(new Uint8Array([1, 2])), {
    message: "Cannot decode LLAP header: 3 bytes required, received 2",
  });
  const packet = decode(LinkType.LTALK, llap(1, [0, 5]));
  assert.equal((packet.layers[0] as Llap).shortDdp, false);
  assert.equal(packet.error?.layer, "llap");
});

Deno.test("printLlap() prints short and long DDP datagrams as llap_print() does", () => {
  const print = (bytes: Uint8Array, options = {}, length?: number) =>
    printFrame(LinkType.LTALK, bytes, options, length);
  assert.equal(print(llap(1, sddp(3, atp(0x40, 0xff)))), "0.9.253 > 0.2: atp-req* 4660<0-7>");
  assert.equal(
    print(llap(2, ddp(1, [1, 2])), { verbose: 1 }),
    "4660.9.253 > 65280.200.2: at-rtmp 2",
  );
  assert.equal(print(llap(0x4b, [1, 2])), "9 > 255 at-lap#75 2");
  assert.equal(print(llap(1, [0, 5, 2])), " [|sddp 3]");
  assert.equal(print(llap(2, [0, 5, 2])), " [|ddp 3]");
  const whole = llap(1, sddp(2, [0x21, 7, ...tuple(0)]));
  assert.equal(print(whole.subarray(0, 6), {}, whole.length), " [|sddp]");
  assert.equal(
    print(whole.subarray(0, 12), {}, whole.length),
    "0.9.253 > 0.2: nbp-lkup 7: [|llap]",
  );
});
