import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeNtp, Ntp, ntpDecoder, ntpToUnixNanoseconds } from "../lib/app/ntp.ts";
import { decodeInto, printLayer } from "./_print_layer.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { sharedCaptures } from "./_shared.ts";
import { hasTshark, NO_REASSEMBLY, tsharkFields } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// rusticata/wireshark_samples-test.pcapng (tcpdump -v -x), IP and UDP headers kept:
// 192.168.152.101.45851 > 64.113.32.5.123: NTPv4, Client, length 48
const CLIENT = hex(`
  4510 004c 607a 4000 4011 2093 c0a8 9865
  4071 2005 b31b 007b 0038 b9cd 2300 0000
  0000 0000 0000 0000 0000 0000 0000 0000
  0000 0000 0000 0000 0000 0000 0000 0000
  0000 0000 dd7b b72a 2f96 6762`);

// The server's answer: Stratum 1, precision -29, Reference-ID: ACTS.
function server(): Uint8Array {
  const message = new Uint8Array(48);
  message.set([0x24, 1, 0, 0xe3, 0, 0, 0x80, 0, 0, 1, 0, 0, 0x41, 0x43, 0x54, 0x53]);
  message.set([0xdd, 0x7b, 0xb7, 0x15], 16);
  message.set([0xdd, 0x7b, 0xb7, 0x2a, 0x2f, 0x96, 0x67, 0x62], 24);
  message.set([0xdd, 0x7b, 0xb7, 0x2a, 0xd1, 0xdc, 0x6f, 0x4b], 32);
  message.set([0xdd, 0x7b, 0xb7, 0x2a, 0xd1, 0xdd, 0x00, 0x00], 40);
  return message;
}

function ipv4Udp(message: Uint8Array): Uint8Array {
  const packet = new Uint8Array(28 + message.length);
  packet.set(CLIENT.subarray(0, 28));
  const total = packet.length;
  packet.set([total >> 8, total & 0xff], 2);
  packet.set([(message.length + 8) >> 8, (message.length + 8) & 0xff, 0, 0], 24);
  packet.set(message, 28);
  return packet;
}

Deno.test("decode() reads an NTP client request", () => {
  const packet = decode(LinkType.IPV4, CLIENT);
  assert.equal(packet.error, undefined);
  const ntp = packet.layer("ntp")!;
  assert.equal(ntp.leapIndicator, 0);
  assert.equal(ntp.version, 4);
  assert.equal(ntp.mode, 3);
  assert.equal(ntp.stratum, 0);
  assert.equal(ntp.referenceIdText, "");
  assert.equal(ntp.transmitSeconds, 3715872554);
  assert.equal(ntp.transmitFraction, 0x2f966762);
  assert.equal(ntp.transmitTime, 1506883754_185888730n);
  assert.equal(ntp.originTime, undefined);
  assert.equal(ntp.wireLength, 48);
  assert.equal(ntp.headerLength, 48);
  assert.equal(printLayer(ntp, 0), "NTPv4, Client, length 48");
});

Deno.test("decodeNtp() reads a server reply's fields", () => {
  const ntp = decodeNtp(server());
  assert.equal(ntp.mode, 4);
  assert.equal(ntp.stratum, 1);
  assert.equal(ntp.precision, -29);
  assert.equal(ntp.poll, 0);
  assert.equal(ntp.rootDelay, 0.5);
  assert.equal(ntp.rootDispersion, 1);
  assert.equal(ntp.referenceIdText, "ACTS");
  assert.equal(ntp.referenceId, 0x41435453);
  assert.equal(ntp.receiveTime, ntpToUnixNanoseconds(0xdd7bb72a, 0xd1dc6f4b));
  const json = ntp.toJSON();
  assert.equal(json.referenceId, "ACTS");
  assert.equal(json.transmitTimestamp, "3715872554.d1dd0000");
  const secondary = server();
  secondary[1] = 3;
  assert.equal(decodeNtp(secondary).referenceIdText, "65.67.84.83");
});

Deno.test("decodeNtp() reads mode 6 control messages and keeps mode 7 raw", () => {
  const control = Uint8Array.from([0x16, 0x82, 0, 5, 0x06, 0x15, 0, 0, 0, 0, 0, 2, 0x61, 0x62]);
  const ntp = decodeNtp(control);
  assert.equal(ntp.mode, 6);
  assert.equal(ntp.response, true);
  assert.equal(ntp.error, false);
  assert.equal(ntp.opcode, 2);
  assert.equal(ntp.sequence, 5);
  assert.equal(ntp.status, 0x0615);
  assert.equal(ntp.count, 2);
  assert.equal(ntp.headerLength, 12);
  assert.deepEqual(ntp.payload, new Uint8Array([0x61, 0x62]));
  assert.equal(ntp.stratum, 0);
  const private7 = decodeNtp(Uint8Array.from([0x17, 0, 3, 42]));
  assert.equal(private7.mode, 7);
  assert.equal(private7.payload.length, 3);
});

Deno.test("decodeNtp() rejects a truncated header at every length", () => {
  const message = server();
  for (let n = 0; n < 48; n++) {
    assert.throws(() => decodeNtp(message.subarray(0, n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      return true;
    });
  }
  const packet = ipv4Udp(message);
  for (let n = 0; n < packet.length; n++) {
    const decoded = decode(LinkType.IPV4, packet.subarray(0, n));
    // 28 bytes: a UDP datagram without payload, which no application decoder reads.
    if (n === 28) assert.equal(decoded.error, undefined);
    else assert.ok(decoded.error instanceof DecodeError, `${n} bytes`);
  }
});

Deno.test("PacketParser reuses an Ntp layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.IPV4, ipv4Udp(server()));
  const first = parser.get("ntp")!;
  assert.equal(first.stratum, 1);
  parser.parse(LinkType.IPV4, ipv4Udp(Uint8Array.from([0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])));
  const second = parser.get("ntp")!;
  assert.equal(second, first);
  assert.equal(second.mode, 6);
  assert.equal(second.stratum, 0);
  assert.equal(second.transmitSeconds, 0);
  assert.equal(second.precision, 0);
  assert.equal(second.wireLength, 12);
});

Deno.test("printNtp() never throws on random NTP messages", () => {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  };
  const parser = new PacketParser();
  for (let i = 0; i < 10000; i++) {
    const message = new Uint8Array(Math.floor(random() * 80));
    for (let k = 0; k < message.length; k++) message[k] = Math.floor(random() * 256);
    parser.parse(LinkType.IPV4, ipv4Udp(message));
    const ntp = parser.get("ntp");
    if (ntp === undefined) continue;
    JSON.stringify(ntp.toJSON());
    for (let verbose = 0; verbose <= 2; verbose++) printLayer(ntp, verbose);
  }
});

Deno.test("ntpDecoder creates empty Ntp layers", () => {
  assert.ok(ntpDecoder.create() instanceof Ntp);
});

/** tshark shows the signed poll and precision bytes as unsigned. */
function signed(text: string): number {
  return (Number(text) << 24) >> 24;
}

const captures = sharedCaptures();
for (const file of ["rusticata/wireshark_samples-test.pcapng"]) {
  Deno.test({
    name: `decode() agrees with tshark on the NTP fields of ${file}`,
    ignore: captures === undefined || !(await hasTshark()),
    async fn() {
      const url = new URL(file, captures);
      const fields = [
        "ntp.flags.vn",
        "ntp.flags.mode",
        "ntp.stratum",
        "ntp.ppoll",
        "ntp.precision",
      ];
      const { rows } = await tsharkFields(url, fields, { preferences: NO_REASSEMBLY });
      await using reader = await openCapture(decodeURIComponent(url.pathname));
      let index = 0;
      let compared = 0;
      for await (const record of reader) {
        const row = rows[index++]!;
        const ntp = decode(record.linkType, record.data).layer("ntp");
        if (ntp === undefined || row["ntp.flags.vn"]!.length !== 1) continue;
        compared++;
        assert.equal(ntp.version, Number(row["ntp.flags.vn"]![0]));
        assert.equal(ntp.mode, Number(row["ntp.flags.mode"]![0]));
        if (ntp.mode < 6) {
          assert.equal(ntp.stratum, Number(row["ntp.stratum"]![0]));
          assert.equal(ntp.poll, signed(row["ntp.ppoll"]![0]!));
          assert.equal(ntp.precision, signed(row["ntp.precision"]![0]!));
        }
      }
      assert.ok(compared > 0);
    },
  });
}

Deno.test("Ntp.decodeFrom() keeps what a cut header holds as a partial decode", () => {
  const message = new Uint8Array(48);
  message.set([0x23, 2, 6, 0xec, 0, 1, 0x80, 0]);
  assert.throws(() => decodeNtp(message.subarray(0, 6)), DecodeError);
  const { layer: partial, error } = decodeInto(new Ntp(), message.subarray(0, 6));
  assert.equal(error?.partial, true);
  assert.equal(partial.partial, true);
  assert.equal(partial.stratum, 2);
  assert.equal(partial.rootDelayBits, 0);
  assert.equal(
    printLayer(partial, 1),
    "NTPv4, Client, length 6\n\tLeap indicator:  (0) (invalid)",
  );
  const full = decodeNtp(message);
  assert.equal(full.partial, false);
  assert.equal(full.rootDelayBits, 0x18000);
  assert.equal(full.rootDelay, 1.5);
  assert.equal(full.keyId, undefined);
});
