import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LayerParser } from "../lib/packet_parser.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodePppSerial, pppSerialDispatcher } from "../lib/link/ppp_serial.ts";
import { decodePppHdlc } from "../lib/link/ppp_hdlc.ts";
import { decodePpp } from "../lib/link/ppp.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { readCapture } from "./_pcap_fixture.ts";

const FIXTURE = new URL("../testdata/crafted/ppp_serial.pcap", import.meta.url);

/** An IPv4 UDP datagram whose TTL and source address hold the bytes 0x7d and 0x7e. */
const IP = buildIpv4({
  source: "10.0.0.126",
  destination: "10.0.0.2",
  protocol: 17,
  ttl: 0x7d,
  payload: buildUdp({
    source: "10.0.0.126",
    destination: "10.0.0.2",
    sourcePort: 1024,
    destinationPort: 9,
    payload: new Uint8Array([0x7e]),
  }),
});

/** An IPv4 UDP datagram without the bytes 0x7d and 0x7e. */
const PLAIN_IP = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: 17,
  payload: buildUdp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort: 1024,
    destinationPort: 9,
  }),
});

/** RFC 1662's octet stuffing of the flag, the escape and the control characters. */
function stuff(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) {
    if (b === 0x7e || b === 0x7d || b < 0x20) out.push(0x7d, b ^ 0x20);
    else out.push(b);
  }
  return out;
}

Deno.test("decodePppSerial() reads the address, any control byte and the protocol", () => {
  const frame = decodePppSerial(new Uint8Array([0xff, 0x5f, 0xc0, 0x21, 9, 1, 0, 8, 1, 2, 3, 4]));
  assert.equal(frame.address, 0xff);
  assert.equal(frame.control, 0x5f);
  assert.equal(frame.protocol, 0xc021);
  assert.equal(frame.headerLength, 4);
  assert.equal(frame.isPpp, true);
  assert.equal(frame.controlPacket?.code, 9);
  assert.deepEqual(frame.toJSON(), { address: 0xff, control: 0x5f, protocol: 0xc021 });
  const other = decodePppSerial(new Uint8Array([0x01, 0x03, 0x00, 0x21, 0x45]));
  assert.equal(other.isPpp, false);
});

Deno.test("decodePppSerial() rejects a header cut short", () => {
  for (const [bytes, required] of [[[0xff], 2], [[0xff, 3, 0], 4]] as const) {
    assert.throws(() => decodePppSerial(new Uint8Array(bytes)), (e: unknown) => {
      assert.ok(e instanceof DecodeError);
      assert.equal(e.code, "truncated");
      assert.equal(e.required, required);
      return true;
    });
  }
});

Deno.test("pppSerialDispatcher picks Cisco HDLC by the address, PPP serial otherwise", () => {
  const select = (bytes: number[]) =>
    pppSerialDispatcher.select(new Uint8Array(bytes), 0, bytes.length)?.kind;
  assert.equal(select([0x0f, 0, 0x08, 0]), "chdlc");
  assert.equal(select([0x8f, 0]), "chdlc");
  assert.equal(select([0x8f]), "ppp-serial");
  assert.equal(select([0xff, 3, 0, 0x21]), "ppp-serial");
  assert.equal(select([0x42, 3, 0, 0x21]), "ppp-serial");
  const packet = decode(LinkType.PPP_SERIAL, new Uint8Array([0x0f, 0, 0x08, 0x00, ...IP]));
  assert.deepEqual(packet.layers.map((l) => l.kind), ["chdlc", "ipv4", "udp"]);
});

Deno.test("decodePppHdlc() makes each of tcpdump's guesses", () => {
  const guess = (bytes: number[]) => {
    const frame = decodePppHdlc(new Uint8Array(bytes));
    return [frame.guess, frame.protocol, frame.headerLength, frame.invalid];
  };
  assert.deepEqual(guess([0x21, 0x45]), ["octet", 0x21, 1, false]);
  assert.deepEqual(guess([0x57]), ["octet", 0x57, 1, false]);
  assert.deepEqual(guess([0xff, 0x03, 0xc0, 0x21, 9]), ["framed", 0xc021, 4, false]);
  assert.deepEqual(guess([0xff, 0x03, 0x7e, 0x10]), ["framed", 0x7e10, 4, true]);
  assert.deepEqual(guess([0x08, 0x00, 0x45]), ["protocol", 0x0800, 2, false]);
  assert.deepEqual(guess([0x7e, 0x55]), ["protocol", 0x7e55, 2, true]);
  assert.deepEqual(guess([0x08]), ["cut", 0, 1, false]);
  assert.deepEqual(guess([0xff, 0x03, 0x00]), ["cut", 0, 3, false]);
  assert.deepEqual(guess([0x7d]), ["cut", 0, 0, false]);
});

Deno.test("decodePppHdlc() reads in place without escapes, else from an un-escaped copy", () => {
  const plain = new Uint8Array([0x99, 0x08, 0x00, 0x45]);
  const inPlace = decodePppHdlc(plain, 1);
  assert.equal(inPlace.escaped, false);
  assert.equal(inPlace.data, plain);
  assert.equal(inPlace.offset, 1);
  const stuffed = new Uint8Array([0x99, 0x7d, 0xdf, 0x7d, 0x23, 0x00, 0x21, 0x7d, 0x5e, 0x7d]);
  const copy = decodePppHdlc(stuffed, 1);
  assert.equal(copy.escaped, true);
  assert.notEqual(copy.data, stuffed);
  assert.equal(copy.offset, 0);
  assert.equal(copy.guess, "framed");
  assert.equal(copy.protocol, 0x0021);
  // The escape that ends the capture is dropped, as tcpdump drops it.
  assert.deepEqual(copy.payload, new Uint8Array([0x7e]));
  assert.deepEqual(stuffed[1], 0x7d, "the packet's bytes are left as they were");
});

Deno.test("decode() reads a stuffed PPP frame's IPv4 from the un-escaped copy", () => {
  const frame = new Uint8Array([0xff, 0x03, 0x7e, 0x08, 0x00, ...stuff(IP)]);
  const packet = decode(LinkType.PPP_SERIAL, frame);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ppp-serial", "ppp-hdlc", "ipv4", "udp"]);
  const [serial, hdlc, ip, udp] = packet.layers;
  assert.equal(serial!.data, frame);
  assert.equal(serial!.headerLength, 3);
  assert.equal(hdlc!.data, ip!.data);
  assert.equal(ip!.data, udp!.data);
  assert.notEqual(ip!.data, frame);
  assert.equal(packet.layer("ipv4")?.timeToLive, 0x7d);
  assert.equal(packet.layer("ipv4")?.source, "10.0.0.126");
  assert.deepEqual(packet.payload, new Uint8Array([0x7e]));
  assert.equal(packet.payloadData, udp!.data, "the payload's offsets are in the copy");
  assert.equal(
    printFrame(LinkType.PPP_SERIAL, frame),
    "unknown PPP protocol (0x7e08): IP 10.0.0.126.1024 > 10.0.0.2.9: UDP, length 1",
  );
});

Deno.test("decode() reads a stuffed frame in place when it holds no escape", () => {
  const frame = new Uint8Array([0xff, 0x03, 0x7e, 0x21, ...PLAIN_IP]);
  const packet = decode(LinkType.PPP_SERIAL, frame);
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ppp-serial", "ppp-hdlc", "ipv4", "udp"]);
  for (const layer of packet.layers) assert.equal(layer.data, frame);
  assert.equal(packet.layer("ppp-hdlc")?.offset, 3);
});

Deno.test("decodePpp() ends a 0x7e protocol's header before its low byte", () => {
  const ppp = decodePpp(new Uint8Array([0xff, 0x03, 0x7e, 0x08, 0x00]));
  assert.equal(ppp.protocol, 0x7e08);
  assert.equal(ppp.stuffed, true);
  assert.equal(ppp.protocolCompressed, false);
  assert.equal(ppp.headerLength, 3);
  assert.equal(ppp.protocolEnd, 4);
  const packet = decode(
    LinkType.PPP,
    new Uint8Array([0xff, 0x03, 0x7e, 0x08, 0x00, ...PLAIN_IP]),
  );
  assert.deepEqual(packet.layers.map((l) => l.kind), ["ppp", "ppp-hdlc", "ipv4", "udp"]);
  assert.equal(
    printFrame(LinkType.PPP, new Uint8Array([0xff, 0x03, 0x7e, 0x7e, 0x55])),
    "(protocol 0x7e55 invalid)",
  );
});

Deno.test("LayerParser decodes a stuffed frame again after another, from its own buffer", () => {
  const parser = new LayerParser({ registry: defaultRegistry });
  const stuffed = new Uint8Array([0xff, 0x03, 0x7e, 0x08, 0x00, ...stuff(IP)]);
  assert.equal(parser.parse(LinkType.PPP_SERIAL, stuffed), 4);
  assert.equal(parser.get("udp")?.destinationPort, 9);
  assert.equal(parser.payloadData, parser.get("udp")?.data);
  assert.notEqual(parser.payloadData, stuffed);
  const plain = new Uint8Array([0xff, 0x03, 0x00, 0x21, ...PLAIN_IP]);
  assert.equal(parser.parse(LinkType.PPP_SERIAL, plain), 3);
  assert.equal(parser.get("ipv4")?.data, plain);
  assert.equal(parser.payloadData, plain);
  assert.equal(parser.parse(LinkType.PPP_SERIAL, stuffed), 4);
  assert.equal(parser.get("ipv4")?.source, "10.0.0.126");
});

Deno.test("printPppSerial() prints the frames of the crafted capture as tcpdump does", () => {
  const records = readCapture(FIXTURE.href);
  const lines = records.map((r) =>
    printFrame(LinkType.PPP_SERIAL, r.data, { link: true }, r.originalLength)
  );
  assert.equal(lines[0], "ff 03 34 IP: 10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2");
  assert.equal(lines[5], "ff 00 34 IP: 10.0.0.1.1024 > 10.0.0.2.9: UDP, length 2");
  assert.equal(lines[13], "01 03 34 unknown addr 00; ctrl 21");
  assert.equal(lines[19], "ff 03 8 unknown PPP protocol (0x7eff): (protocol 0x7e10 invalid)");
  assert.equal(lines[30], "ff 03 4 unknown PPP protocol (0x7e08): ");
  assert.equal(lines[31], " [|ppp_hdlc]");
});

Deno.test("decode() and the PPP printers never throw on mutated PPP serial frames", () => {
  let seed = 0x7e7d;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const frames = readCapture(FIXTURE.href).map((r) => r.data);
  let printed = 0;
  for (let i = 0; i < 3000; i++) {
    const base = frames[i % frames.length]!;
    const bytes = base.slice(0, Math.max(1, base.length - (random() % 8)));
    for (let n = random() % 6; n >= 0; n--) bytes[random() % bytes.length] = random();
    // Most mutations keep a stuffed frame, with escapes here and there.
    if (i % 2 === 0 && bytes.length > 3) {
      bytes[0] = 0xff;
      bytes[2] = 0x7e;
      bytes[random() % bytes.length] = 0x7d;
    }
    for (const linkType of [LinkType.PPP_SERIAL, LinkType.PPP]) {
      for (const verbose of [0, 1, 3]) {
        const text = printFrame(linkType, bytes, {
          verbose,
          link: i % 5 === 0,
          hex: i % 3 === 0 ? 1 : 0,
          ascii: i % 6 === 0,
        }, bytes.length + (random() % 3));
        assert.doesNotMatch(text, /undefined|NaN|\[object/);
        printed++;
      }
      JSON.stringify(decode(linkType, bytes));
    }
  }
  assert.equal(printed, 18000);
});
