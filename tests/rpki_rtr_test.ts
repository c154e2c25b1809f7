import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  decodeRpkiRtr,
  RpkiRtr,
  rpkiRtrDecoder,
  RpkiRtrPdu,
  RpkiRtrPduType,
} from "../lib/app/rpki_rtr.ts";
import { buildEthernet, buildIpv4, buildTcp } from "../lib/craft/mod.ts";

/** The big-endian bytes of a 32-bit number. */
function u32(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** A PDU: version 0 by default, the length its bytes' unless given. */
function pdu(type: number, field = 0, body: number[] = [], version = 0, length?: number): number[] {
  return [version, type, field >> 8, field & 0xff, ...u32(length ?? 8 + body.length), ...body];
}

/** An error report holding `inner` and `text`. */
function errorReport(code: number, inner: number[], text: string, innerLength?: number): number[] {
  const bytes = [...text].map((c) => c.charCodeAt(0));
  return pdu(10, code, [
    ...u32(innerLength ?? inner.length),
    ...inner,
    ...u32(bytes.length),
    ...bytes,
  ]);
}

/** An Ethernet frame with the payload in one TCP segment from port 40000 to `port`. */
function frame(payload: number[], port = 323, sourcePort = 40000): Uint8Array {
  const tcp = buildTcp({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    sourcePort,
    destinationPort: port,
    payload: new Uint8Array(payload),
  });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "02:00:00:00:00:02",
    etherType: 0x0800,
    payload: buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 6, payload: tcp }),
  });
}

/** What tcpdump prints after the TCP header's `length N` at `verbose` (`-v` by default). */
function pdus(payload: number[], verbose = 1, captured?: number): string {
  const bytes = frame(payload);
  const cut = captured === undefined ? bytes : bytes.subarray(0, 54 + captured);
  const text = printFrame(LinkType.EN10MB, cut, { verbose }, bytes.length);
  return text.slice(text.indexOf("\n")).replace(/^.*?, length \d+/s, "");
}

const SERIAL_NOTIFY = pdu(0, 0x1234, u32(4000000000));
const RESET_QUERY = pdu(2);
const IPV4_PREFIX = pdu(4, 0, [1, 24, 32, 0, 192, 0, 2, 0, ...u32(64512)]);
const IPV6_PREFIX = pdu(6, 0, [
  0,
  32,
  48,
  0,
  0x20,
  1,
  0xd,
  0xb8,
  ...new Array(12).fill(0),
  ...u32(7),
]);

Deno.test("decodeRpkiRtr() walks a segment's PDUs by their lengths", () => {
  const layer = decodeRpkiRtr(new Uint8Array([...SERIAL_NOTIFY, ...RESET_QUERY, ...IPV4_PREFIX]));
  assert.ok(layer instanceof RpkiRtr);
  const walked = [...layer.pdus()];
  assert.deepEqual(walked.map((p) => [p.at, p.type, p.length, p.left]), [
    [0, RpkiRtrPduType.SERIAL_NOTIFY, 12, 40],
    [12, RpkiRtrPduType.RESET_QUERY, 8, 28],
    [20, RpkiRtrPduType.IPV4_PREFIX, 20, 20],
  ]);
  assert.deepEqual(
    [walked[0]!.sessionId, walked[0]!.serial, walked[2]!.prefixLength, walked[2]!.originAs],
    [0x1234, 4000000000, 24, 64512],
  );
  assert.deepEqual(layer.toJSON(), {
    pdus: [{ version: 0, type: 0, length: 12 }, { version: 0, type: 2, length: 8 }, {
      version: 0,
      type: 4,
      length: 20,
    }],
  });
  assert.equal(rpkiRtrDecoder.create().kind, "rpki-rtr");
  assert.deepEqual(decode(LinkType.EN10MB, frame(RESET_QUERY)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "tcp",
    "rpki-rtr",
  ]);
});

Deno.test("decodeRpkiRtr() rejects an empty segment", () => {
  assert.throws(() => decodeRpkiRtr(new Uint8Array(0)), {
    message: "Cannot decode RPKI-RTR header: 1 bytes required, received 0",
  });
});

Deno.test("RpkiRtr.pdus() ends at a later version, a bad length, or a cut header", () => {
  const types = (bytes: number[]) =>
    [...decodeRpkiRtr(new Uint8Array(bytes)).pdus()].map((p) => p.at);
  // A version other than 0 takes the rest of the segment.
  assert.deepEqual(types([...pdu(2, 0, [], 1), ...RESET_QUERY]), [0]);
  // A length past the segment, or not the type's, is invalid: the rest goes with it.
  assert.deepEqual(types([...pdu(2, 0, [], 0, 9), ...RESET_QUERY]), [0]);
  assert.deepEqual(types([...pdu(0, 0, [0, 0, 0, 0, 0], 0), ...RESET_QUERY]), [0]);
  // A segment of fewer than 8 bytes is one PDU too short to decode.
  assert.deepEqual(types([...RESET_QUERY, 0, 2, 0]), [0, 8]);
  const cut = new RpkiRtrPdu(new Uint8Array(RESET_QUERY), 0, 8, 5);
  assert.equal(cut.captured(8), false);
});

Deno.test("RpkiRtrPdu reads an error report's parts with tcpdump's 32-bit sums", () => {
  const bytes = new Uint8Array(errorReport(1, RESET_QUERY, "hi"));
  const [report] = decodeRpkiRtr(bytes).pdus();
  assert.deepEqual(
    [report!.errorCode, report!.encapsulatedLength, report!.textLengthOffset, report!.textOffset],
    [1, 8, 20, 24],
  );
  assert.deepEqual([report!.textLength, report!.valid, report!.consumed], [2, true, 26]);
  assert.equal(report!.encapsulated().type, RpkiRtrPduType.RESET_QUERY);
  // An encapsulated length of 2^32 - 12 wraps the text length's offset to 0.
  const wrapped = new RpkiRtrPdu(new Uint8Array(errorReport(1, [], "", 0xfffffff4)), 0, 16, 16);
  assert.deepEqual([wrapped.textLengthOffset, wrapped.encapsulatedFits], [0, true]);
});

Deno.test("printRpkiRtr() names the protocol without -v", () => {
  const text = printFrame(LinkType.EN10MB, frame(RESET_QUERY));
  assert.match(text, /length 8, RPKI-RTR$/);
  // BGP's port comes first in tcpdump's order.
  assert.match(printFrame(LinkType.EN10MB, frame(RESET_QUERY, 323, 179)), /: BGP$/);
});

Deno.test("printRpkiRtr() prints every PDU type's fields with -v as tcpdump does", () => {
  assert.equal(
    pdus([...SERIAL_NOTIFY, ...pdu(3, 0xfe), ...IPV4_PREFIX, ...IPV6_PREFIX, ...pdu(8)]),
    "\n" +
      [
        "\tRPKI-RTRv0, Serial Notify PDU (0), length: 12",
        "\t  Session ID: 0x1234, Serial: 4000000000",
        "\tRPKI-RTRv0, Cache Response PDU (3), length: 8",
        "\t  Session ID: 0x00fe",
        "\tRPKI-RTRv0, IPV4 Prefix PDU (4), length: 20",
        "\t  IPv4 Prefix 192.0.2.0/24-32, origin-as 64512, flags 0x01",
        "\tRPKI-RTRv0, IPV6 Prefix PDU (6), length: 32",
        "\t  IPv6 Prefix 2001:db8::/32-48, origin-as 7, flags 0x00",
        "\tRPKI-RTRv0, Cache Reset PDU (8), length: 8",
      ].join("\n"),
  );
  assert.equal(
    pdus(pdu(5, 7, [0xde, 0xad, 0xbe, 0xef, 1])),
    "\n\tRPKI-RTRv0, Unknown PDU (5), length: 13\n\t  0x0000:  0005 0007 0000 000d dead beef 01",
  );
  assert.equal(
    pdus(RESET_QUERY, 2),
    "\n\tRPKI-RTRv0, Reset Query PDU (2), length: 8\n\t  0x0000:  0002 0000 0000 0008",
  );
});

Deno.test("printRpkiRtr() prints an error report with its encapsulated PDU and text", () => {
  assert.equal(
    pdus(errorReport(4, pdu(1, 0xabcd, u32(17)), "bad\tv\x80")),
    "\n" +
      [
        "\tRPKI-RTRv0, Error Report PDU (10), length: 34",
        "\t  Error code: Unsupported Protocol Version (4), Encapsulated PDU length: 12",
        "\t    -----encapsulated PDU-----",
        "\tRPKI-RTRv0, Serial Query PDU (1), length: 12",
        "\t    Session ID: 0xabcd, Serial: 17",
        "\t  Error text: bad^Iv",
      ].join("\n") + "M-^@",
  );
});

Deno.test("printRpkiRtr() marks bad lengths invalid as tcpdump does", () => {
  assert.equal(pdus([0, 2, 0]), "(3 bytes is too few to decode) (invalid)");
  assert.equal(
    pdus(pdu(2, 0, [0])),
    "\n\tRPKI-RTRv0, Reset Query PDU (2), length: 9 (invalid)",
  );
  assert.equal(
    pdus(pdu(2, 0, [], 0, 100)),
    "\n\tRPKI-RTRv0, Reset Query PDU (2), length: 100 (invalid)",
  );
  assert.equal(
    pdus([...pdu(2, 0, [], 1), ...RESET_QUERY]),
    "\n\tRPKI-RTRv1 (unknown)",
  );
});

Deno.test("printRpkiRtr() rejects a truncated header or field with [|rpki_rtr]", () => {
  assert.equal(pdus(SERIAL_NOTIFY, 1, 5), " [|rpki_rtr]");
  assert.equal(
    pdus(SERIAL_NOTIFY, 1, 10),
    "\n\tRPKI-RTRv0, Serial Notify PDU (0), length: 12 [|rpki_rtr]",
  );
  assert.equal(
    pdus(errorReport(1, RESET_QUERY, "text"), 1, 27),
    "\n" +
      [
        "\tRPKI-RTRv0, Error Report PDU (10), length: 28",
        "\t  Error code: Internal Error (1), Encapsulated PDU length: 8",
        "\t    -----encapsulated PDU-----",
        "\tRPKI-RTRv0, Reset Query PDU (2), length: 8",
        "\t  Error text: tex [|rpki_rtr]",
      ].join("\n"),
  );
  // No byte captured: the TCP line, then the mark.
  const empty = frame(RESET_QUERY);
  assert.match(
    printFrame(LinkType.EN10MB, empty.subarray(0, 54), { verbose: 1 }, empty.length),
    /length 8 \[\|rpki_rtr\]$/,
  );
  assert.match(
    printFrame(LinkType.EN10MB, empty.subarray(0, 54), {}, empty.length),
    /length 8, RPKI-RTR$/,
  );
});
