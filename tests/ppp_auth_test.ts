import assert from "node:assert/strict";
import { readPppAuth } from "../lib/link/ppp_auth.ts";
import { decodePpp } from "../lib/link/ppp.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { readCapture } from "./_pcap_fixture.ts";

const FIXTURE = new URL("../testdata/crafted/ppp_auth.pcap", import.meta.url);
const PPPOE_FIXTURE = new URL("../testdata/crafted/ppp_auth_pppoe.pcap", import.meta.url);
const PAP = 0xc023;
const CHAP = 0xc223;
const text = (s: string) => [...new TextEncoder().encode(s)];

/** PPP with address and control around a PAP or CHAP packet, printed as tcpdump does. */
function print(protocol: number, body: number[], captured = body.length + 4, verbose = 0): string {
  const frame = new Uint8Array([0xff, 0x03, protocol >> 8, protocol & 0xff, ...body]);
  const packet = decode(LinkType.PPP, frame.subarray(0, captured));
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength: frame.length,
  });
}

Deno.test("readPppAuth() reads PAP's Authenticate-Request, -Ack and -Nak fields", () => {
  const request = new Uint8Array([1, 2, 0, 12, 3, ...text("bob"), 4, ...text("pass")]);
  const pap = readPppAuth(request, PAP, 0, request.length)!;
  assert.deepEqual([pap.code, pap.identifier, pap.length], [1, 2, 12]);
  assert.deepEqual([pap.first?.offset, pap.first?.length], [5, 3]);
  assert.deepEqual(pap.second?.value, new Uint8Array(text("pass")));
  assert.equal(pap.message, undefined);
  const ack = new Uint8Array([2, 2, 0, 7, 2, ...text("ok")]);
  assert.deepEqual(
    readPppAuth(ack, PAP, 0, ack.length)?.message?.value,
    new Uint8Array(text("ok")),
  );
  assert.equal(readPppAuth(ack, 0xc021, 0, ack.length), undefined);
});

Deno.test("readPppAuth() sizes CHAP's Name and Message by the packet's length", () => {
  const challenge = new Uint8Array([1, 9, 0, 10, 2, 0xaa, 0xbb, ...text("rtr")]);
  const chap = readPppAuth(challenge, CHAP, 0, challenge.length)!;
  assert.deepEqual(chap.first?.value, new Uint8Array([0xaa, 0xbb]));
  assert.deepEqual([chap.second?.offset, chap.second?.length], [7, 3]);
  const success = new Uint8Array([3, 9, 0, 2, ...text("hi")]);
  assert.equal(readPppAuth(success, CHAP, 0, success.length)?.message?.length, -2);
  assert.deepEqual(readPppAuth(success, CHAP, 0, success.length)?.message?.value, new Uint8Array());
});

Deno.test("readPppAuth() rejects a truncated packet: fields not captured are undefined", () => {
  const request = new Uint8Array([1, 2, 0, 12, 3, ...text("bob"), 4, ...text("pass")]);
  assert.equal(readPppAuth(request, PAP, 0, 0), undefined);
  const one = readPppAuth(request, PAP, 0, 1)!;
  assert.deepEqual([one.code, one.identifier, one.length], [1, undefined, undefined]);
  assert.equal(readPppAuth(request, PAP, 0, 3)?.length, undefined);
  assert.equal(readPppAuth(request, PAP, 0, 4)?.first, undefined);
  const cut = readPppAuth(request, PAP, 0, 7)!;
  assert.deepEqual(cut.first?.value, new Uint8Array(text("bo")));
  assert.equal(cut.second, undefined);
  assert.deepEqual(readPppAuth(request, PAP, 0, 10)?.second?.value, new Uint8Array(text("p")));
});

Deno.test("decodePpp() exposes PAP and CHAP as authPacket", () => {
  const ppp = decodePpp(new Uint8Array([0xff, 3, 0xc2, 0x23, 3, 1, 0, 4]));
  assert.equal(ppp.authPacket?.code, 3);
  assert.equal(ppp.authPacket?.offset, 4);
  assert.equal(decodePpp(new Uint8Array([0xff, 3, 0xc0, 0x21, 9, 1, 0, 4])).authPacket, undefined);
});

Deno.test("printPpp() prints PAP as tcpdump's handle_pap()", () => {
  const request = [1, 1, 0, 14, 5, ...text("alice"), 3, ...text("pw\x01")];
  assert.equal(print(PAP, request), "PAP, Auth-Req (0x01), id 1, Peer alice, Name pw^A");
  assert.equal(print(PAP, [2, 1, 0, 7, 2, ...text("ok")]), "PAP, Auth-ACK (0x02), id 1, Msg ok");
  assert.equal(print(PAP, [3, 2, 0, 5, 0]), "PAP, Auth-NACK (0x03), id 2, Msg ");
  assert.equal(print(PAP, [7, 2, 0, 4]), "PAP, unknown (0x07), id 2");
  // tcpdump's truncated-aack.pcap: an Auth-ACK under RFC 1334's 5 bytes.
  assert.equal(print(PAP, [2, 1, 0, 4]), "PAP, Auth-ACK (0x02), id 1[|pap]");
  assert.equal(
    print(PAP, [1, 1, 0, 40, 0, 0]),
    "PAP, Auth-Req (0x01), id 1, length 40 > packet size",
  );
  assert.equal(
    print(PAP, [2, 1, 0, 3, 0]),
    "PAP, Auth-ACK (0x02), id 1, length 3 < PAP header length",
  );
  assert.equal(print(PAP, []), "[|pap]");
  assert.equal(print(PAP, [1, 2]), "[|pap 0x01]");
});

Deno.test("printPpp() prints nothing of a PAP field past the length", () => {
  const request = [1, 8, 0, 9, 3, ...text("bob"), 2, ...text("pw")];
  assert.equal(print(PAP, request), "PAP, Auth-Req (0x01), id 8, Peer bob");
  request[3] = 7;
  assert.equal(print(PAP, request), "PAP, Auth-Req (0x01), id 8");
});

Deno.test("printPpp() prints CHAP as tcpdump's handle_chap()", () => {
  const challenge = [1, 7, 0, 10, 2, 0xab, 0xcd, ...text("rtr")];
  assert.equal(print(CHAP, challenge), "CHAP, Challenge (0x01), id 7, Value abcd, Name rtr");
  assert.equal(print(CHAP, [4, 7, 0, 6, ...text("no")]), "CHAP, Fail (0x04), id 7, Msg no");
  assert.equal(print(CHAP, [3, 7, 0, 4]), "CHAP, Success (0x03), id 7, Msg ");
  assert.equal(print(CHAP, [9, 7, 0, 4]), "CHAP, unknown (0x09), id 7");
  // A length under the fields read on to the capture's end.
  assert.equal(
    print(CHAP, [3, 7, 0, 2, ...text("ab")]),
    "CHAP, Success (0x03), id 7, Msg ab [|ppp]",
  );
  assert.equal(print(CHAP, [1, 7, 0, 4, 9, 1]), "CHAP, Challenge (0x01), id 7");
  assert.equal(print(CHAP, [4]), "[|chap 0x04]");
});

Deno.test("printPpp() stops PAP and CHAP where the capture ends", () => {
  const request = [1, 1, 0, 14, 5, ...text("alice"), 3, ...text("pw!")];
  assert.equal(print(PAP, request, 4), " [|ppp]");
  assert.equal(print(PAP, request, 5), "PAP, Auth-Req (0x01) [|ppp]");
  assert.equal(print(PAP, request, 7), "PAP, Auth-Req (0x01), id 1 [|ppp]");
  assert.equal(print(PAP, request, 11), "PAP, Auth-Req (0x01), id 1, Peer al [|ppp]");
  assert.equal(print(PAP, request, 14), "PAP, Auth-Req (0x01), id 1, Peer alice [|ppp]");
  const challenge = [1, 7, 0, 10, 2, 0xab, 0xcd, ...text("rtr")];
  assert.equal(print(CHAP, challenge, 10), "CHAP, Challenge (0x01), id 7, Value ab [|ppp]");
  assert.equal(
    print(CHAP, challenge, 12),
    "CHAP, Challenge (0x01), id 7, Value abcd, Name r [|ppp]",
  );
});

Deno.test("printPpp() prints nothing for BAP, as tcpdump's handle_bap()", () => {
  assert.equal(print(0xc02d, [1, 2, 0, 4]), "");
});

Deno.test("the crafted PAP and CHAP captures print as tcpdump 4.99.3 prints them", () => {
  const lines = (url: URL) =>
    readCapture(url.href).map((r) =>
      new TcpdumpPrinter({ timestamps: "none" }).format(decode(r.linkType, r.data), {
        seconds: 0,
        nanoseconds: 0,
        originalLength: r.originalLength,
      })
    );
  const ppp = lines(FIXTURE);
  assert.equal(ppp[0], "PAP, Auth-Req (0x01), id 1, Peer alice, Name s3cret^AM-^?");
  assert.equal(
    ppp[22],
    "CHAP, Challenge (0x01), id 7, Value a0a1a2a3a4a5a6a7a8a9aaabacadaeaf, Name router",
  );
  assert.equal(ppp[37], "CHAP, Challenge (0x01), id 10, Value , Name  [|ppp]");
  const pppoe = lines(PPPOE_FIXTURE);
  assert.equal(
    pppoe[0],
    "PPPoE  [ses 0x1234] PAP, Auth-Req (0x01), id 1, Peer alice, Name s3cret^AM-^?",
  );
  assert.equal(pppoe[19], "PPPoE  [ses 0x1234]  [|ppp]");
});
