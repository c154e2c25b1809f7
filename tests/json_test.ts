import assert from "node:assert/strict";
import {
  isoTime,
  jsonReplacer,
  packetToJson,
  packetToJsonLine,
  toHex,
} from "../lib/output/json.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { capturesDir, hasCapture, tsharkFields } from "./_pcap_fixture.ts";
import { hasTshark } from "./_tshark.ts";
import { decodeHex as bytes } from "../lib/_hex.ts";

// Ethernet, IPv4 10.0.0.1 > 10.0.0.2, UDP 12345 > 9 (discard) with 2 bytes of payload.
const UDP_FRAME = bytes(`
  020000000002 020000000001 0800
  4500 001e 0001 0000 4011 66ae 0a00 0001 0a00 0002
  3039 0009 000a 0000 abcd
`);

const RECORD = {
  timestamp: 1_700_000_000_123_456_789n,
  capturedLength: UDP_FRAME.length,
  originalLength: 60,
  interfaceId: 2,
  linkType: LinkType.EN10MB,
};

Deno.test("toHex() writes two lowercase digits a byte", () => {
  assert.equal(toHex(new Uint8Array(0)), "");
  assert.equal(toHex(new Uint8Array([0, 0x0f, 0xf0, 0xff])), "000ff0ff");
});

Deno.test("jsonReplacer() turns bigints into strings and byte views into hex", () => {
  const text = JSON.stringify(
    {
      big: 2n ** 64n,
      bytes: new Uint8Array([1, 2]),
      words: new Uint16Array([0x0102]),
      view: new DataView(new Uint8Array([0xaa]).buffer),
      plain: [1, "a", null, true],
    },
    jsonReplacer,
  );
  assert.equal(
    text,
    '{"big":"18446744073709551616","bytes":"0102","words":"0201","view":"aa",' +
      '"plain":[1,"a",null,true]}',
  );
});

Deno.test("isoTime() formats nanoseconds at any date", () => {
  assert.equal(isoTime(0n), "1970-01-01T00:00:00.000000000Z");
  assert.equal(isoTime(1_700_000_000_123_456_789n), "2023-11-14T22:13:20.123456789Z");
  assert.equal(isoTime(951_782_400_000_000_000n), "2000-02-29T00:00:00.000000000Z");
  assert.equal(isoTime(-1n), "1969-12-31T23:59:59.999999999Z");
  assert.equal(isoTime(-62_135_596_800_000_000_000n), "0001-01-01T00:00:00.000000000Z");
  assert.equal(isoTime(2n ** 64n - 1n), "2554-07-21T23:34:33.709551615Z");
  // Agrees with Date wherever Date reaches, to the millisecond.
  for (const ms of [0, 1, 86_399_999, 4_102_444_800_000, -2_208_988_800_001, 253_402_300_799_999]) {
    const iso = isoTime(BigInt(ms) * 1_000_000n);
    assert.equal(`${iso.slice(0, 23)}Z`, new Date(ms).toISOString());
  }
});

Deno.test("packetToJson() puts the record fields first, then each layer by kind", () => {
  const json = packetToJson(RECORD, decode(LinkType.EN10MB, UDP_FRAME));
  assert.deepEqual(Object.keys(json), [
    "timestamp",
    "time",
    "capturedLength",
    "originalLength",
    "interfaceId",
    "linkType",
    "ethernet",
    "ipv4",
    "udp",
  ]);
  assert.equal(json.timestamp, "1700000000123456789");
  assert.equal(json.time, "2023-11-14T22:13:20.123456789Z");
  assert.equal(json.interfaceId, 2);
  assert.deepEqual(json.udp, { sourcePort: 12345, destinationPort: 9, length: 10, checksum: 0 });
});

Deno.test("packetToJsonLine() writes one line that parses back", () => {
  const line = packetToJsonLine(RECORD, decode(LinkType.EN10MB, UDP_FRAME));
  assert.ok(!line.includes("\n"));
  const parsed = JSON.parse(line);
  assert.equal(parsed.ethernet.source, "02:00:00:00:00:01");
  assert.equal(parsed.ipv4.source, "10.0.0.1");
  assert.equal(parsed.udp.destinationPort, 9);
});

Deno.test("packetToJsonLine() includes the decode error of a truncated packet", () => {
  const cut = UDP_FRAME.subarray(0, 38);
  const parsed = JSON.parse(
    packetToJsonLine({ ...RECORD, capturedLength: 38 }, decode(LinkType.EN10MB, cut)),
  );
  assert.ok("ipv4" in parsed);
  assert.ok(!("udp" in parsed));
  assert.equal(parsed.error.code, "truncated");
  assert.equal(parsed.error.layer, "udp");
});

Deno.test("packetToJsonLine() suffixes a repeated layer kind", () => {
  // IPv4 in IPv4: the inner header is keyed ipv4_2.
  const frame = bytes(`
    020000000002 020000000001 0800
    4500 0030 0001 0000 4004 0000 0a00 0001 0a00 0002
    4500 001c 0002 0000 4011 0000 0b00 0001 0b00 0002
    0001 0002 0008 0000
  `);
  const parsed = JSON.parse(packetToJsonLine(RECORD, decode(LinkType.EN10MB, frame)));
  assert.equal(parsed.ipv4.source, "10.0.0.1");
  assert.equal(parsed.ipv4_2.source, "11.0.0.1");
  assert.equal(parsed.udp.sourcePort, 1);
});

Deno.test({
  name: "packetToJsonLine() agrees with tshark on a real capture",
  ignore: !hasCapture("dpkt/dns_icmp.pcap") || !(await hasTshark()),
  permissions: { read: true, run: true },
  async fn() {
    const name = "dpkt/dns_icmp.pcap";
    const rows = tsharkFields(name, [
      "frame.time_epoch",
      "ip.src",
      "ip.dst",
      "ip.ttl",
      "udp.srcport",
    ]);
    const lines: string[] = [];
    await using reader = await openCapture(new URL(name, capturesDir).pathname);
    for await (const record of reader) {
      lines.push(packetToJsonLine(record, decode(record.linkType, record.data)));
    }
    assert.equal(lines.length, rows.length);
    for (const [i, line] of lines.entries()) {
      const parsed = JSON.parse(line);
      const [epoch, source, destination, ttl, sourcePort] = rows[i]!;
      const [seconds, fraction = ""] = epoch!.split(".");
      assert.equal(parsed.timestamp, `${seconds}${fraction.padEnd(9, "0")}`);
      assert.equal(parsed.ipv4.source, source);
      assert.equal(parsed.ipv4.destination, destination);
      assert.equal(String(parsed.ipv4.timeToLive), ttl);
      assert.equal(parsed.udp === undefined ? "" : String(parsed.udp.sourcePort), sourcePort ?? "");
    }
  },
});
