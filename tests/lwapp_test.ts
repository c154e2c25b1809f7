import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { tcpdumpPortChoice } from "../lib/print/transport/_empty_payload.ts";
import { rankedPort } from "../lib/transport/_ports.ts";
import { decodeLwapp, Lwapp, lwappDecoder } from "../lib/app/lwapp.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { decodeHex } from "../lib/_hex.ts";

const AP = [0x00, 0x0b, 0x85, 0x24, 0xe8, 0x90];

/** An Ethernet frame with the payload in a UDP datagram over IPv4 (IP bytes past it too). */
function frame(
  payload: Uint8Array,
  sourcePort: number,
  destinationPort: number,
  extra: Uint8Array = new Uint8Array(),
): Uint8Array {
  const addresses = { source: "10.0.0.1", destination: "10.0.0.2" };
  const udp = buildUdp({ ...addresses, sourcePort, destinationPort, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({
      ...addresses,
      protocol: 17,
      ttl: 64,
      payload: new Uint8Array([...udp, ...extra]),
    }),
  });
}

/** A control frame to port 12223: the AP identity, the transport header, an Echo request. */
const ECHO = new Uint8Array([
  ...AP,
  ...[0x04, 7, 0, 14, 0, 0],
  ...[22, 9, 0, 6, 0xde, 0xad, 0xbe, 0xef, 0, 1, 0, 2, 0x61, 0x62],
]);

/** The second frame of tcpdump's lwapp-data.pcap (its UDP payload): radio 1, fragment 30. */
const DATA = decodeHex(
  "081e0040ea4900000075000b8524e89000028ad8de9a000b8524e89053f00021" +
    "00c8000b61646761722d766f696365010402040b16dd070050f202000100dd06" +
    "004096010100",
);

/** The text after the ports of the frame printed with `options`. */
function print(
  payload: Uint8Array,
  ports: [number, number],
  options = {},
  cut?: number,
  extra?: Uint8Array,
): string {
  const whole = frame(payload, ...ports, extra);
  const bytes = cut === undefined ? whole : whole.subarray(0, 42 + cut);
  return printFrame(LinkType.EN10MB, bytes, options, whole.length)
    .replace(/^.*?\.\d+ > [^ ]*: /s, "");
}

Deno.test("decodeLwapp() reads the transport header of a data frame", () => {
  const lwapp = decodeLwapp(DATA);
  assert.equal(lwapp.kind, "lwapp");
  assert.deepEqual(
    [lwapp.version, lwapp.radioId, lwapp.controlBit, lwapp.flags, lwapp.fragmentId, lwapp.length],
    [0, 1, false, 0, 30, 64],
  );
  assert.equal(lwapp.payloadAt, 6);
  assert.equal(lwapp.apIdentityAt, -1);
});

Deno.test("decodeLwapp() walks control messages over the transport length", () => {
  const lwapp = decodeLwapp(ECHO, 0, "control-ap");
  assert.equal(lwapp.transportAt, 6);
  assert.equal(lwapp.apIdentityAt, 0);
  const { messages, cut } = lwapp.messages();
  assert.equal(cut, undefined);
  assert.deepEqual(
    messages.map((m) => [m.type, m.sequence, m.length, m.session, m.captured]),
    [[22, 9, 6, 0xdeadbeef, true]],
  );
  // A transport length 1 short: the message runs past the PDU.
  const short = ECHO.slice();
  short[9] = 13;
  assert.equal(decodeLwapp(short, 0, "control-ap").messages().cut, "pdu");
  // A transport length past the capture: the next header is not captured.
  short[9] = 40;
  assert.equal(decodeLwapp(short, 0, "control-ap").messages().cut, "capture");
});

Deno.test("decodeLwapp() rejects a truncated header by leaving its fields at -1", () => {
  const cut = decodeLwapp(ECHO.subarray(0, 11), 0, "control-ap");
  assert.ok(cut instanceof Lwapp);
  assert.equal(cut.headerCaptured, false);
  assert.deepEqual([cut.version, cut.fragmentId, cut.length], [-1, -1, -1]);
  assert.equal(decodeLwapp(DATA.subarray(0, 5)).headerCaptured, false);
  assert.throws(() => decodeLwapp(new Uint8Array()), { name: "DecodeError" });
  assert.equal(lwappDecoder.create().kind, "lwapp");
});

Deno.test("decode() reads the frame by the UDP ports as udp_print() picks the printer", () => {
  const mode = (ports: [number, number]) =>
    (decode(LinkType.EN10MB, frame(ECHO, ...ports)).layer("lwapp") as Lwapp).mode;
  assert.equal(mode([20105, 12223]), "control-ap");
  assert.equal(mode([12223, 20105]), "control");
  assert.equal(mode([12222, 12223]), "control-ap");
  assert.equal(mode([12223, 12222]), "control");
  assert.equal(mode([20105, 12222]), "data");
});

Deno.test("printLwapp() prints a data frame as tcpdump does", () => {
  assert.equal(print(DATA, [20105, 12222]), "LWAPPv0, Data frame, Flags [none], length 70");
  assert.equal(
    print(DATA, [20105, 12222], { verbose: 1 }),
    "LWAPPv0, Data frame, Radio-id  1, Flags [none], Frag-id  30, length 64\n" +
      "\t0x0000:  0000 0075 000b 8524 e890 0002 8ad8 de9a\n" +
      "\t0x0010:  000b 8524 e890 53f0 0021 00c8 000b 6164\n" +
      "\t0x0020:  6761 722d 766f 6963 6501 0402 040b 16dd\n" +
      "\t0x0030:  0700 50f2 0200 0100 dd06",
  );
  const short = DATA.slice();
  short[3] = 5;
  assert.equal(
    print(short, [20105, 12222], { verbose: 1 }),
    "LWAPPv0, Data frame, Radio-id  1, Flags [none], length 5 < transport header length",
  );
  short[0] = 0x40;
  assert.equal(print(short, [20105, 12222]), "LWAPP version 1 packet not supported");
});

Deno.test("printLwapp() prints control frames and their messages as tcpdump does", () => {
  assert.equal(
    print(ECHO, [20105, 12223]),
    "LWAPPv0, Control frame, Flags [Control Bit], length 26",
  );
  assert.equal(
    print(ECHO, [20105, 12223], { verbose: 1 }),
    "LWAPPv0, Control frame, Radio-id 0, Flags [Control Bit], Frag-id 7, length 14\n" +
      "\tAP identity: 00:0b:85:24:e8:90\n" +
      "\t  Msg type: Echo req (22), Seqnum: 9, Msg len: 6, Session: 0xdeadbeef",
  );
  const flags = ECHO.slice(6);
  flags[0] = 0x0f;
  flags[6] = 99;
  assert.equal(
    print(flags, [12223, 20105], { verbose: 1 }),
    "LWAPPv0, Control frame, Radio-id 1, Flags [Last Fragment Bit, Fragment Bit, Control Bit], " +
      "Frag-id 7, length 14\n" +
      "\t  Msg type: Unknown (99), Seqnum: 9, Msg len: 6, Session: 0xdeadbeef",
  );
  const past = ECHO.slice();
  past[9] = 13;
  assert.match(print(past, [20105, 12223], { verbose: 1 }), /\n\t {2}Msg goes past end of PDU$/);
});

Deno.test("printLwapp() marks a cut header [|lwapp_control] or [|lwapp_data]", () => {
  assert.equal(print(ECHO, [20105, 12223], {}, 0), " [|lwapp_control]");
  assert.equal(print(ECHO, [20105, 12223], {}, 11), " [|lwapp_control]");
  assert.equal(print(DATA, [20105, 12222], {}, 5), " [|lwapp_data]");
  // tcpdump checks a message's length from its header's start: 6 bytes of an 8-byte header.
  assert.match(print(ECHO, [20105, 12223], { verbose: 1 }, 20), /Session: 0xdeadbeef$/);
  assert.match(
    print(ECHO, [20105, 12223], { verbose: 1 }, 19),
    /00:0b:85:24:e8:90 \[\|lwapp_control\]$/,
  );
  assert.match(
    print(ECHO, [20105, 12223], { verbose: 1 }, 15),
    /00:0b:85:24:e8:90 \[\|lwapp_control\]$/,
  );
  // An empty datagram: tcpdump reads the frame the IP packet holds past it.
  assert.equal(
    print(new Uint8Array(), [20105, 12223], {}, undefined, ECHO),
    "LWAPPv0, Control frame, Flags [Control Bit], length 0",
  );
});

Deno.test("printLwapp() is tried where udp_print() tries it", () => {
  // After sFlow and VQP; control (either way) before data.
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 6343, 12223), 6343);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 12222, 1589), 1589);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 12222, 12223), 12223);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 12223, 12222), 12223);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 5060, 12222), 12222);
});
