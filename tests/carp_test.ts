import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { DecodeError } from "../lib/errors.ts";
import { packetTypeRegistry } from "../lib/pipeline/_packet_type_registry.ts";
import { packetTypeBinding } from "../lib/print/packet_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { Carp, carpDecoder, decodeCarp } from "../lib/net/carp.ts";
import { buildEthernet, buildIpv4 } from "../lib/craft/mod.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";

/** A CARP advertisement (checksum set unless `checksum` is given). */
function advert(counter = [0, 0, 0, 1, 0, 0, 0, 2], checksum?: number): Uint8Array {
  const message = new Uint8Array([
    0x21,
    5,
    100,
    7,
    0,
    1,
    0,
    0,
    ...counter,
    ...new Array(20).fill(9),
  ]);
  const sum = checksum ?? foldChecksum(sumWords(message, 0, message.length, 0));
  message[6] = sum >> 8;
  message[7] = sum & 0xff;
  return message;
}

/** An Ethernet frame with `message` on IP protocol 112. */
function frame(message: Uint8Array, ttl = 255): Uint8Array {
  return buildEthernet({
    source: "00:00:5e:00:01:01",
    destination: "01:00:5e:00:00:12",
    etherType: 0x0800,
    payload: buildIpv4({
      source: "192.168.1.2",
      destination: "224.0.0.18",
      protocol: 112,
      ttl,
      payload: message,
    }),
  });
}

const carpRegistry = packetTypeRegistry(defaultRegistry, packetTypeBinding("carp"));

/** Prints a frame as tcpdump -n -T carp does, without the timestamp. */
function print(data: Uint8Array, verbose = 0, originalLength = data.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose, packetType: "carp" }).format(
    decode(LinkType.EN10MB, data, { registry: carpRegistry }),
    { seconds: 0, nanoseconds: 0, originalLength },
  ).replace(/^IP (\(.*?\)\s+)?/s, "");
}

Deno.test("decodeCarp() reads the advertisement's fields", () => {
  const carp = decodeCarp(advert([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
  assert.ok(carp instanceof Carp);
  assert.deepEqual(
    [carp.version, carp.type, carp.virtualHostId, carp.advertisementSkew],
    [2, 1, 5, 100],
  );
  assert.deepEqual([carp.authenticationLength, carp.advertisementBase], [7, 1]);
  assert.equal(carp.counterText, "18446744073709551615");
  assert.equal(carp.checksumValid, true);
  assert.equal(carpDecoder.create().kind, "carp");
});

Deno.test("decodeCarp() rejects a truncated message, keeping the fields it holds", () => {
  assert.throws(() => decodeCarp(advert().subarray(0, 15)), DecodeError);
  const packet = decode(LinkType.EN10MB, frame(advert().subarray(0, 7)), {
    registry: carpRegistry,
  });
  const carp = packet.layers.at(-1);
  assert.ok(carp instanceof Carp);
  assert.deepEqual([carp.captured, carp.virtualHostId, carp.checksum, carp.counterText], [
    7,
    5,
    0,
    "",
  ]);
});

Deno.test("IP protocol 112 is VRRP unless -T carp binds it to CARP", () => {
  assert.equal(decode(LinkType.EN10MB, frame(advert())).layers.at(-1)?.kind, "vrrp");
  assert.equal(
    decode(LinkType.EN10MB, frame(advert()), { registry: carpRegistry }).layers.at(-1)?.kind,
    "carp",
  );
  assert.deepEqual(packetTypeBinding("carp"), { ipProtocols: { 112: "carp" } });
});

Deno.test("printCarp() prints as tcpdump's carp_print() does", () => {
  assert.equal(
    print(frame(advert())),
    "192.168.1.2 > 224.0.0.18: CARPv2-advertise 36: vhid=5 advbase=1 advskew=100 authlen=7 " +
      "counter=4294967298",
  );
  assert.ok(
    print(frame(advert(undefined, 0x1234), 64), 1).endsWith(
      ": CARPv2-advertise 36: [ttl=64!] vhid=5 advbase=1 advskew=100 authlen=7 " +
        " (bad carp cksum 1234!)counter=4294967298",
    ),
  );
  const other = advert();
  other[0] = 0x32;
  assert.equal(print(frame(other)), "192.168.1.2 > 224.0.0.18: CARPv3-unknown 36: ");
  assert.equal(
    print(frame(advert().subarray(0, 10))),
    "192.168.1.2 > 224.0.0.18: CARPv2-advertise 10: vhid=5 advbase=1 advskew=100 authlen=7  [|carp]",
  );
  assert.equal(
    print(frame(advert().subarray(0, 5))),
    "192.168.1.2 > 224.0.0.18: CARPv2-advertise 5:  [|carp]",
  );
});
