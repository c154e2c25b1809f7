import assert from "node:assert/strict";
import { decodeNflog, NflogAttribute } from "../lib/link/nflog.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { buildIcmpEcho, buildIpv4 } from "../lib/craft/mod.ts";
import { concatBytes } from "./_shared.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

/** An NFLOG message for group 20: a prefix attribute, then the payload attribute. */
function nflog(family: number, payload: Uint8Array): Uint8Array {
  const prefix = new Uint8Array([
    9,
    0,
    NflogAttribute.PREFIX,
    0,
    0x61,
    0x62,
    0x63,
    0x64,
    0,
    0,
    0,
    0,
  ]);
  const length = 4 + payload.length;
  const head = new Uint8Array([length & 0xff, length >> 8, NflogAttribute.PAYLOAD, 0]);
  const pad = new Uint8Array((4 - (payload.length % 4)) % 4);
  return concatBytes(new Uint8Array([family, 0, 0, 20]), prefix, head, payload, pad);
}

const ping = buildIpv4({
  source: "10.0.0.1",
  destination: "10.0.0.2",
  protocol: 1,
  payload: buildIcmpEcho({ identifier: 1, sequence: 2 }),
});

Deno.test("decodeNflog() reads the header and skips attributes up to the payload", () => {
  const layer = decodeNflog(nflog(2, ping));
  assert.equal(layer.family, 2);
  assert.equal(layer.version, 0);
  assert.equal(layer.resourceId, 20);
  assert.equal(layer.hasPayload, true);
  assert.deepEqual(layer.tlvs.map((t) => t.type), [NflogAttribute.PREFIX, NflogAttribute.PAYLOAD]);
  assert.equal(layer.headerLength, 20);
  assert.deepEqual(layer.payload.subarray(0, ping.length), ping);
});

Deno.test("decodeNflog() marks an attribute cut short", () => {
  const bytes = nflog(2, ping).subarray(0, 10);
  const layer = decodeNflog(bytes);
  assert.equal(layer.attributesCut, true);
  assert.equal(layer.hasPayload, false);
  assert.throws(() => decodeNflog(bytes.subarray(0, 3)), { code: "truncated" });
});

Deno.test("printNflog() prints the logged packet, and the header with -e", () => {
  const packet = decode(LinkType.NFLOG, nflog(2, ping));
  assert.deepEqual(packet.layers.map((l) => l.kind), ["nflog", "ipv4", "icmp"]);
  const record = { seconds: 0, nanoseconds: 0, originalLength: 20 + ping.length };
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, record),
    "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none", link: true }).format(packet, record),
    "version 0, resource ID 20, family IPv4 (2), length 48: " +
      "10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 8",
  );
});

Deno.test("printNflog() prints [|nflog] after an attribute cut short", () => {
  const bytes = nflog(2, ping).subarray(0, 10);
  const packet = decode(LinkType.NFLOG, bytes);
  assert.equal(
    new TcpdumpPrinter({ timestamps: "none" }).format(packet, {
      seconds: 0,
      nanoseconds: 0,
      originalLength: 48,
    }),
    " [|nflog]",
  );
});
