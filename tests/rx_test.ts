import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeRx, Rx, rxDecoder, RxPacketType } from "../lib/app/rx.ts";
import { RxCursor } from "../lib/app/_rx_cursor.ts";
import { RxCalls } from "../lib/print/_rx_calls.ts";
import { TcpdumpPrinter } from "../lib/print/tcpdump_printer.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

const CLIENT = "10.7.0.1";
const SERVER = "10.7.0.2";

/** An RX header then `words` (32-bit, big-endian). */
function rx(call: number, type: number, flags: number, words: number[], sequence = 1): Uint8Array {
  const bytes = new Uint8Array(28 + 4 * words.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x38000000);
  view.setUint32(4, 0x9a8b7c00);
  view.setUint32(8, call);
  view.setUint32(12, sequence);
  view.setUint32(16, 40 + call);
  bytes.set([type, flags, 0, 2], 20);
  view.setUint16(26, 1);
  words.forEach((w, i) => view.setUint32(28 + 4 * i, w));
  return bytes;
}

/** An Ethernet frame with `payload` in a UDP datagram from the client or the server. */
function frame(payload: Uint8Array, port: number, fromClient = true): Uint8Array {
  const [source, destination] = fromClient ? [CLIENT, SERVER] : [SERVER, CLIENT];
  const [sourcePort, destinationPort] = fromClient ? [7001, port] : [port, 7001];
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({
      source,
      destination,
      protocol: 17,
      payload: buildUdp({ source, destination, sourcePort, destinationPort, payload }),
    }),
  });
}

/** A fetch-status call (132) of fid 1/2/3. */
const FETCH_STATUS = rx(7, RxPacketType.DATA, 0x05, [132, 1, 2, 3]);

Deno.test("decodeRx() reads the header and a cursor over the words after it", () => {
  const layer = decodeRx(FETCH_STATUS);
  assert.ok(layer instanceof Rx);
  assert.deepEqual(layer.toJSON(), {
    epoch: 0x38000000,
    cid: 0x9a8b7c00,
    callNumber: 7,
    sequence: 1,
    serial: 47,
    type: 1,
    flags: 5,
    userStatus: 0,
    securityIndex: 2,
    spare: 0,
    serviceId: 1,
  });
  assert.equal(layer.complete, true);
  const cursor = layer.cursor();
  assert.deepEqual([cursor.uint32(), cursor.uint32(), cursor.left], [132, 1, 8]);
  // The layer's one cursor starts again at each call.
  assert.equal(layer.cursor().uint32(), 132);
  assert.equal(rxDecoder.create().kind, "rx");
  const packet = decode(LinkType.EN10MB, frame(FETCH_STATUS, 7000));
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ethernet", "ipv4", "udp", "rx"]);
  const decoded = packet.layer("rx")!;
  assert.deepEqual([decoded.sourcePort, decoded.destinationPort], [7001, 7000]);
  assert.deepEqual([decoded.ipSourceWord, decoded.ipDestinationWord], [0x0a070001, 0x0a070002]);
});

Deno.test("decodeRx() keeps a header cut by the capture as incomplete, its fields zero", () => {
  const layer = decodeRx(FETCH_STATUS.subarray(0, 20));
  assert.equal(layer.complete, false);
  assert.deepEqual([layer.callNumber, layer.type, layer.headerLength], [0, 0, 20]);
  assert.equal(layer.cursor().has(1), false);
});

Deno.test("RxCursor reads signed, unsigned and 64-bit words, and text up to a NUL", () => {
  const bytes = new Uint8Array([255, 255, 255, 254, 0, 0, 0, 1, 0, 0, 0, 2, 0x61, 0x62, 0, 0x63]);
  const cursor = new RxCursor().reset(bytes, 0, bytes.length);
  assert.equal(cursor.int32(), -2);
  assert.equal(cursor.uint64(), (1n << 32n) | 2n);
  assert.equal(cursor.has(4), true);
  assert.equal(cursor.has(-1), false);
  assert.equal(cursor.text(4), "ab");
  assert.deepEqual([cursor.has(1), cursor.left], [false, 0]);
});

Deno.test("RxCalls finds a reply's call among the last 64, from where it last found one", () => {
  const calls = new RxCalls();
  calls.enter(1, 10, 20, 7000, 1, 132);
  assert.equal(calls.find(1, 20, 10, 7000, 1), 132);
  assert.equal(calls.find(1, 10, 20, 7000, 1), -1, "the reply comes from the server");
  assert.equal(calls.find(1, 20, 10, 7002, 1), -1, "from the call's port");
  assert.equal(calls.find(1, 20, 10, 7000, 2), -1, "of the call's service");
  for (let i = 2; i <= 64; i++) calls.enter(i, 10, 20, 7000, 1, 100 + i);
  assert.equal(calls.find(64, 20, 10, 7000, 1), 164);
  calls.enter(65, 10, 20, 7000, 1, 165);
  assert.equal(calls.find(1, 20, 10, 7000, 1), -1, "the 65th call took the first's place");
  assert.equal(calls.find(65, 20, 10, 7000, 1), 165);
});

Deno.test("printRx() prints a call, and its reply by the opcode the call left", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const print = (bytes: Uint8Array) =>
    printer.format(decode(LinkType.EN10MB, bytes), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: bytes.length,
    }).replace(/^.*?: /s, "");
  assert.equal(print(frame(FETCH_STATUS, 7000)), " rx data fs call fetch-status fid 1/2/3 (44)");
  const makedir = rx(8, RxPacketType.DATA, 0x05, [141, 1, 1, 1, 3, 0x64697200, 0, 0, 0, 0, 0, 0]);
  assert.equal(print(frame(makedir, 7000)), ' rx data fs call makedir fid 1/1/1 "dir" (76)');
  const reply = rx(8, RxPacketType.DATA, 0x04, [5, 6, 7]);
  assert.equal(print(frame(reply, 7000, false)), " rx data fs reply makedir new fid 5/6/7 (40)");
  const abort = rx(7, RxPacketType.ABORT, 0, [103]);
  assert.equal(
    print(frame(abort, 7000, false)),
    " rx abort fs reply fetch-status error no such volume (32)",
  );
  // A reply whose call was not seen prints only its type.
  assert.equal(print(frame(rx(9, RxPacketType.DATA, 0, [1]), 7000, false)), " rx data (32)");
});

Deno.test("printRx() prints the header fields and acks at each verbosity", () => {
  const print = (bytes: Uint8Array, verbose: number) =>
    printFrame(LinkType.EN10MB, frame(bytes, 7000), { verbose }).replace(/^.*?(?= rx)/s, "");
  // An ack of packets 10..14: 10, 11 and 13 acked; its trailer holds two of four numbers.
  const ack = new Uint8Array([...rx(3, RxPacketType.ACK, 0x22, [], 0), ...new Uint8Array(36)]);
  const view = new DataView(ack.buffer);
  view.setUint16(28, 4);
  view.setUint32(32, 10);
  view.setUint32(40, 99);
  ack.set([8, 5, 1, 1, 0, 1, 0], 44);
  view.setUint32(54, 1444);
  assert.equal(
    print(ack, 0),
    " rx ack first 10 serial 99 reason delay acked 10-11,13 nacked 12,14 (64)",
  );
  assert.equal(
    print(ack, 3),
    " rx ack cid 9a8b7c00 call# 3 seq 0 ser 43 secindex 2 serviceid 1 <req-ack>,<slow-start> " +
      "bufspace 4 maxskew 0 first 10 serial 99 reason delay acked 10-11,13 nacked 12,14 " +
      "ifmtu 1444 maxmtu 0 (64)",
  );
  assert.equal(print(FETCH_STATUS, 1), " rx data seq 1 ser 47 fs call fetch-status fid 1/2/3 (44)");
});

Deno.test("printRx() marks where the capture cuts the packet, as tcpdump's checks and reads do", () => {
  const print = (bytes: Uint8Array, captured: number) => {
    const whole = frame(bytes, 7000);
    return printFrame(LinkType.EN10MB, whole.subarray(0, 42 + captured), {}, whole.length)
      .replace(/^.*?: /s, "");
  };
  assert.equal(print(FETCH_STATUS, 20), " [|rx] (44)");
  assert.equal(print(FETCH_STATUS, 30), " rx data [|rx]");
  assert.equal(print(FETCH_STATUS, 40), " rx data fs call fetch-status [|fs] (44)");
  const fetchData = rx(4, RxPacketType.DATA, 1, [130, 1, 2, 3, 0, 1]);
  assert.equal(
    print(fetchData, 48),
    " rx data fs call fetch-data fid 1/2/3 offset 0 length [|rx]",
  );
});

Deno.test("decode() and printRx() never throw on mutated RX packets", () => {
  let seed = 0x7000;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const entry = new Array<number>(120).fill(0).map((_, i) => (i % 7 === 0 ? 1 : i));
  const bodies = [
    FETCH_STATUS,
    rx(1, RxPacketType.DATA, 1, [504, 2, ...entry]),
    rx(1, RxPacketType.DATA, 0, entry),
    rx(1, RxPacketType.ACK, 0, [0x00040000, 1, 0, 2, 0x08050101, 0x00010000, 1444, 1, 2]),
    rx(1, RxPacketType.DATA, 1, [204, 2, 1, 2, 3, 4, 5, 6, 1, 7, 8, 9]),
  ];
  const ports = [7000, 7001, 7002, 7003, 7004, 7005, 7007];
  const printers = [0, 1, 2, 3].map((verbose) =>
    new TcpdumpPrinter({ timestamps: "none", verbose, hex: verbose === 1 ? 1 : 0 })
  );
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const body = bodies[i % bodies.length]!.slice(0, 20 + random() * 2);
    for (let n = random() % 6; n >= 0; n--) body[random() % body.length] = random();
    if (i % 3 === 0) body[31] = random(); // any opcode
    if (i % 5 === 0) body[21] = random(); // any flags
    const bytes = frame(body, ports[random() % ports.length]!, i % 2 === 0);
    const packet = decode(LinkType.EN10MB, bytes);
    for (const printer of printers) {
      const text = printer.format(packet, {
        seconds: 0,
        nanoseconds: 0,
        originalLength: bytes.length,
      });
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      printed++;
    }
    JSON.stringify(packet);
  }
  assert.equal(printed, 12000);
});
