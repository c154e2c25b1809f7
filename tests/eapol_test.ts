import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeEapol, Eapol, eapolDecoder } from "../lib/link/eapol.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// tcpdump's tests/eapon1.pcap, `tcpdump -v -xx`: EAP packet (0) v1, len 45, Response (2),
// id 2, len 45 / Type Identity (1), Identity: 1295023820005391@mnc023.mcc295.owlan.org
const IDENTITY_FRAME = hex(`
  000c ce88 319a 0004 2357 a57a 888e 0100
  002d 0202 002d 0131 3239 3530 3233 3832
  3030 3035 3339 3140 6d6e 6330 3233 2e6d
  6363 3239 352e 6f77 6c61 6e2e 6f72 67`);

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.EN10MB, frame, { verbose });
}

Deno.test("decodeEapol() reads the EAPOL and EAP headers", () => {
  const eapol = decodeEapol(IDENTITY_FRAME, 14);
  assert.ok(eapol instanceof Eapol);
  assert.equal(eapol.version, 1);
  assert.equal(eapol.type, 0);
  assert.equal(eapol.bodyLength, 45);
  assert.equal(eapol.eapCode, 2);
  assert.equal(eapol.eapId, 2);
  assert.equal(eapol.eapLength, 45);
  assert.equal(eapol.eapType, 1);
  assert.equal(eapolDecoder.create().kind, "eapol");
  assert.equal(decode(LinkType.EN10MB, IDENTITY_FRAME).layers[1]?.kind, "eapol");
});

Deno.test("decodeEapol() rejects a truncated header", () => {
  assert.throws(() => decodeEapol(IDENTITY_FRAME.subarray(14, 17)), DecodeError);
  assert.equal(decodeEapol(IDENTITY_FRAME.subarray(14, 19)).eapLength, -1);
});

Deno.test("printEapol() prints an EAP Response/Identity as tcpdump does", () => {
  assert.equal(print(IDENTITY_FRAME), "EAP packet (0) v1, len 45");
  assert.equal(
    print(IDENTITY_FRAME, 1),
    "EAP packet (0) v1, len 45, Response (2), id 2, len 45\n" +
      "\t\t Type Identity (1), Identity: 1295023820005391@mnc023.mcc295.owlan.org",
  );
  assert.equal(
    print(IDENTITY_FRAME.subarray(0, 40), 1),
    "EAP packet (0) v1, len 45, Response (2), id 2, len 45 [|eap]",
  );
});
