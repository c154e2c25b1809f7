import assert from "node:assert/strict";
import { printFrame, printLayer } from "./_print_layer.ts";
import { AutoRp, autoRpDecoder, AutoRpType, decodeAutoRp } from "../lib/app/autorp.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

// From tcpdump's tests/babel_update_oobr.pcap (tcpdump -n -x 'udp port 496'), its UDP length
// (80) past the 69 bytes captured:
// 208.21.2.184.1512 > 10.1.1.99.496:  auto-rp candidate-advert Hold 16m16s RP 1.235.99.5
// PIMv? [rsvd=0xe8] 4.0.0.31/0 bidir,255.0.0.0/33[rsvd=0x14] [|cisco_autorp]
const OOBR = decodeHex(
  "4500006420480000 1411f803d01502b8 0a01016305e801f0 005051e111f803d0 1502d50a01eb6305" +
    "e8a10200 0400001f1421ff0000002b",
);

/** A mapping: hold forever, RP 10.1.1.1 (PIMv2) for 239.0.0.0/8 and not 239.1.0.0/16. */
const MAPPING = new Uint8Array([
  ...[0x12, 2, 0, 0, 0, 0, 0, 0],
  ...[10, 1, 1, 1, 2, 2, 0, 8, 239, 0, 0, 0, 1, 16, 239, 1, 0, 0],
  ...[10, 2, 2, 2, 0xfd, 1, 0xaa, 8, 232, 0, 0, 0],
]);

/** The message in IPv4/UDP from 10.0.0.1 port 496 to 224.0.1.40 port 496. */
function packet(message: Uint8Array): Uint8Array {
  return buildIpv4({
    source: "10.0.0.1",
    destination: "224.0.1.40",
    protocol: 17,
    ttl: 16,
    payload: buildUdp({
      source: "10.0.0.1",
      destination: "224.0.1.40",
      sourcePort: 496,
      destinationPort: 496,
      payload: message,
    }),
  });
}

function line(message: Uint8Array, cut?: number): string {
  const whole = packet(message);
  const frame = cut === undefined ? whole : whole.subarray(0, 28 + cut);
  return printFrame(LinkType.RAW, frame, {}, whole.length)
    .replace("IP 10.0.0.1.496 > 224.0.1.40.496: ", "");
}

Deno.test("decodeAutoRp() reads the header and every RP's prefixes", () => {
  const autoRp = decodeAutoRp(MAPPING);
  assert.equal(autoRp.kind, "autorp");
  assert.equal(autoRp.type, AutoRpType.MAPPING);
  assert.equal(autoRp.rpCount, 2);
  assert.equal(autoRp.holdTime, 0);
  const { rps, cut } = autoRp.body();
  assert.equal(cut, undefined);
  assert.deepEqual(rps.map((rp) => [rp.addressAt, rp.versions, rp.prefixCount]), [
    [8, 2, 2],
    [26, 0xfd, 1],
  ]);
  assert.deepEqual(rps[0]!.prefixes[1], {
    addressAt: 22,
    maskLength: 16,
    negative: true,
    bidir: false,
    reserved: 0,
  });
  assert.deepEqual(rps[1]!.prefixes[0], {
    addressAt: 34,
    maskLength: 8,
    negative: false,
    bidir: true,
    reserved: 0xa8,
  });
});

Deno.test("decodeAutoRp() rejects an empty message and keeps the fields of a cut one", () => {
  assert.throws(() => decodeAutoRp(new Uint8Array(0)), DecodeError);
  const cut = decodeAutoRp(MAPPING.subarray(0, 3));
  assert.equal(cut.rpCount, 2);
  assert.equal(cut.holdTime, undefined);
  assert.equal(autoRpDecoder.create().kind, "autorp");
  assert.deepEqual(autoRpDecoder.bindings, { udpPorts: [496] });
});

Deno.test("AutoRp.body() tells an RP cut by the UDP length from one cut by the capture", () => {
  const byLength = decode(LinkType.RAW, packet(MAPPING.subarray(0, 14))).layer("autorp")!;
  assert.ok(byLength instanceof AutoRp);
  assert.equal(byLength.wireLength, 14);
  assert.equal(byLength.body().cut, "length");
  assert.equal(byLength.body().rps[0]!.prefixCount, 2);
  const whole = packet(MAPPING);
  const byCapture = decode(LinkType.RAW, whole.subarray(0, 28 + 14)).layer("autorp")!;
  assert.equal(byCapture.wireLength, MAPPING.length);
  assert.equal(byCapture.body().cut, "capture");
  assert.equal(byCapture.body().rps[0]!.prefixes.length, 0);
  assert.equal(JSON.stringify(byCapture), JSON.stringify(byCapture.toJSON()));
});

Deno.test("printAutoRp() prints as tcpdump's cisco_autorp_print()", () => {
  assert.equal(
    line(MAPPING),
    " auto-rp mapping Hold FOREVER RP 10.1.1.1 PIMv2 239.0.0.0/8,!239.1.0.0/16 " +
      "RP 10.2.2.2 PIMv1 [rsvd=0xfc] 232.0.0.0/8 bidir[rsvd=0xa8]",
  );
  const candidate = new Uint8Array([0x11, 0, 0, 181, 0, 0, 0, 0]);
  assert.equal(line(candidate), " auto-rp candidate-advert Hold 3m1s");
  assert.equal(line(new Uint8Array([0x31, 0, 0, 1, 0, 0, 0, 0])), " auto-rp type-0x31 Hold 1s");
  assert.equal(
    printFrame(LinkType.RAW, OOBR, {}, 20 + 80),
    "IP 208.21.2.184.1512 > 10.1.1.99.496:  auto-rp candidate-advert Hold 16m16s RP 1.235.99.5 " +
      "PIMv? [rsvd=0xe8] 4.0.0.31/0 bidir,255.0.0.0/33[rsvd=0x14] [|cisco_autorp]",
  );
});

Deno.test("printAutoRp() marks a message shorter than its header or cut", () => {
  assert.equal(line(MAPPING.subarray(0, 7)), " [|cisco_autorp]");
  assert.equal(line(new Uint8Array()), " [|cisco_autorp]");
  // The hold time's label comes before its read; the RP's address is read before its label.
  assert.equal(line(MAPPING, 3), " auto-rp mapping Hold  [|cisco_autorp]");
  assert.equal(line(MAPPING, 11), " auto-rp mapping Hold FOREVER [|cisco_autorp]");
  assert.equal(line(MAPPING, 0), " auto-rp  [|cisco_autorp]");
  // Cut by the UDP length: the same text.
  assert.equal(
    line(MAPPING.subarray(0, 14)),
    " auto-rp mapping Hold FOREVER RP 10.1.1.1 PIMv2 [|cisco_autorp]",
  );
});

Deno.test("printAutoRp() prints a layer decoded alone, its length the bytes there", () => {
  // Two RPs announced, none there: the length ends the message.
  assert.equal(
    printLayer(decodeAutoRp(MAPPING.subarray(0, 8))),
    " auto-rp mapping Hold FOREVER [|cisco_autorp]",
  );
});
