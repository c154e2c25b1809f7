import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  decodePptp,
  Pptp,
  PPTP_MAGIC_COOKIE,
  PptpControlMessage,
  pptpDecoder,
} from "../lib/app/pptp.ts";
import { buildEthernet, buildIpv4, buildTcp } from "../lib/craft/mod.ts";

/** A PPTP control message of `type` with `body`. */
function message(type: number, body: number[]): Uint8Array {
  const bytes = new Uint8Array(12 + body.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, bytes.length);
  view.setUint16(2, 1);
  view.setUint32(4, PPTP_MAGIC_COOKIE);
  view.setUint16(8, type);
  bytes.set(body, 12);
  return bytes;
}

/** `text` padded with NULs to `size` bytes. */
function text(value: string, size = 64): number[] {
  const bytes = new Array<number>(size).fill(0);
  [...value].forEach((c, i) => (bytes[i] = c.charCodeAt(0)));
  return bytes;
}

/** A Start-Control-Connection-Request from "host" of "vendor". */
const SCCRQ = message(1, [
  ...[1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 8, 0x08, 0x70],
  ...text("host"),
  ...text("vendor"),
]);

/** An Ethernet frame with the message in a TCP segment to port 1723. */
function frame(payload: Uint8Array): Uint8Array {
  const tcp = buildTcp({
    source: "10.1.1.11",
    destination: "10.1.1.10",
    sourcePort: 3025,
    destinationPort: 1723,
    payload,
  });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({
      source: "10.1.1.11",
      destination: "10.1.1.10",
      protocol: 6,
      payload: tcp,
    }),
  });
}

Deno.test("decodePptp() reads the header and lists the message's fields", () => {
  const pptp = decodePptp(SCCRQ);
  assert.ok(pptp instanceof Pptp);
  assert.deepEqual(
    [pptp.length, pptp.messageType, pptp.magicCookie, pptp.controlMessageType, pptp.reserved],
    [156, 1, PPTP_MAGIC_COOKIE, PptpControlMessage.SCCRQ, 0],
  );
  assert.deepEqual(pptp.fields().map((f) => [f.name, f.value ?? f.size]), [
    ["protocolVersion", 0x100],
    ["reserved", 0],
    ["framingCapabilities", 1],
    ["bearerCapabilities", 3],
    ["maximumChannels", 8],
    ["firmwareRevision", 2160],
    ["hostName", 64],
    ["vendor", 64],
  ]);
  assert.deepEqual(pptp.toJSON(), {
    length: 156,
    messageType: 1,
    magicCookie: PPTP_MAGIC_COOKIE,
    controlMessageType: 1,
    protocolVersion: 0x100,
    framingCapabilities: 1,
    bearerCapabilities: 3,
    maximumChannels: 8,
    firmwareRevision: 2160,
    hostName: "host",
    vendor: "vendor",
  });
  assert.equal(pptpDecoder.create().kind, "pptp");
  assert.deepEqual(decode(LinkType.EN10MB, frame(SCCRQ)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "tcp",
    "pptp",
  ]);
});

Deno.test("Pptp.fields() sizes a number's text by its length field, and leaves cut numbers without value", () => {
  const ocrq = message(7, [
    ...[0, 1, 0, 2, 0, 0, 1, 44, 5, 245, 225, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 64, 0, 0, 0, 200, 0, 0],
    ...text("5551234"),
    ...text(""),
  ]);
  const phone = decodePptp(ocrq).fields().find((f) => f.name === "phoneNumber");
  assert.deepEqual([phone?.size, phone?.text], [64, true]);
  const cut = decodePptp(ocrq.subarray(0, 12 + 10)).fields();
  assert.equal(cut.find((f) => f.name === "minimumBps")?.value, 300);
  assert.equal(cut.find((f) => f.name === "maximumBps")?.value, undefined);
  assert.equal(cut.length, 12);
  assert.deepEqual(decodePptp(message(99, [])).fields(), []);
});

Deno.test("decodePptp() keeps a header cut by the capture as partial, with the fields it holds", () => {
  assert.throws(() => decodePptp(SCCRQ.subarray(0, 6)), (error: unknown) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.message, "Cannot decode PPTP header: 12 bytes required, received 6");
    assert.equal(error.partial, true);
    return true;
  });
  const packet = decode(LinkType.EN10MB, frame(SCCRQ.subarray(0, 6)));
  const pptp = packet.layer("pptp")!;
  assert.equal(pptp.partial, true);
  assert.deepEqual([pptp.length, pptp.messageType, pptp.magicCookie], [156, 1, 0]);
  assert.deepEqual(pptp.fields(), []);
  assert.deepEqual(pptp.toJSON(), { partial: true });
});

Deno.test("printPptp() prints the message as tcpdump does", () => {
  const print = (payload: Uint8Array, verbose = 0) =>
    printFrame(LinkType.EN10MB, frame(payload), { verbose }).replace(/^.*length \d+/s, "");
  assert.equal(
    print(SCCRQ),
    ": pptp CTRL_MSGTYPE=SCCRQ PROTO_VER(1.0) FRAME_CAP(A) BEARER_CAP(DA) MAX_CHAN(8) " +
      "FIRM_REV(2160) HOSTNAME(host) VENDOR(vendor)",
  );
  const echoReply = message(6, [0, 0, 0, 7, 2, 9, 0, 3]);
  assert.equal(
    print(echoReply, 1),
    ": pptp Length=20 CTRL-MSG Magic-Cookie=1a2b3c4d CTRL_MSGTYPE=ECHORP ID(7) " +
      "RESULT_CODE(2:General Error) ERR_CODE(9:?) [ERROR: reserved=3 must be zero]",
  );
  // The capture ends inside the framing capabilities, and inside the vendor's name.
  assert.equal(
    print(SCCRQ.subarray(0, 18)),
    ": pptp CTRL_MSGTYPE=SCCRQ PROTO_VER(1.0) FRAME_CAP( [|pptp]",
  );
  assert.match(print(SCCRQ.subarray(0, 12 + 83)), /HOSTNAME\(host\) VENDOR\(ven \[\|pptp\]$/);
});

Deno.test("decode() and printPptp() never throw on mutated PPTP messages", () => {
  let seed = 0x1723;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const bodies = [SCCRQ, message(7, new Array(156).fill(0x31)), message(13, text("s", 136))];
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const body = bodies[i % bodies.length]!.slice(0, 1 + random() * 2);
    for (let n = random() % 6; n >= 0; n--) body[random() % body.length] = random();
    if (i % 4 === 0) body[9] = random() % 20; // any control message type
    const bytes = frame(body);
    for (const verbose of [0, 1]) {
      const text = printFrame(LinkType.EN10MB, bytes, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, bytes));
  }
  assert.equal(printed, 6000);
});
