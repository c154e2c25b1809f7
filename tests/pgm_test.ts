import assert from "node:assert/strict";
import { decodePgm, pgmDecoder } from "../lib/net/pgm.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";

// An SPM from ndpi's pgm.pcap (tcpdump -X, from the PGM header):
//   0x0010:                      d625 007b 0000 4701 0af4 409a
//   0x0020:  d625 0024 0001 a242 0051 e828 0051 e9e7
//   0x0030:  0001 0000 0af4 409a
const SPM = new Uint8Array([
  0xd6,
  0x25,
  0x00,
  0x7b,
  0x00,
  0x00,
  0x47,
  0x01,
  0x0a,
  0xf4,
  0x40,
  0x9a,
  0xd6,
  0x25,
  0x00,
  0x24,
  0x00,
  0x01,
  0xa2,
  0x42,
  0x00,
  0x51,
  0xe8,
  0x28,
  0x00,
  0x51,
  0xe9,
  0xe7,
  0x00,
  0x01,
  0x00,
  0x00,
  0x0a,
  0xf4,
  0x40,
  0x9a,
]);

/** A PGM header from port 1000 to 2000, GSID 01..06. */
function header(type: number, options: number, tsdu: number): Uint8Array {
  return new Uint8Array([3, 0xe8, 7, 0xd0, type, options, 0, 0, 1, 2, 3, 4, 5, 6, 0, tsdu]);
}

function print(pgm: Uint8Array, verbose = 1): string {
  const ip = ipv4Packet(113, [10, 0, 0, 1], [239, 1, 2, 3], pgm);
  const packet = decode(LinkType.RAW, ip);
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(packet, {
    seconds: 0,
    nanoseconds: 0,
    originalLength: ip.length,
  }).split("\n").at(-1)!;
}

Deno.test("decodePgm() reads the header and an SPM", () => {
  const pgm = decodePgm(SPM);
  assert.equal(pgm.kind, "pgm");
  assert.equal(pgm.sourcePort, 54821);
  assert.equal(pgm.destinationPort, 123);
  assert.equal(pgm.type, 0);
  assert.equal(pgm.checksum, 0x4701);
  assert.deepEqual(pgm.globalSourceId, new Uint8Array([0x0a, 0xf4, 0x40, 0x9a, 0xd6, 0x25]));
  assert.equal(pgm.tsduLength, 36);
  assert.deepEqual(pgm.body, {
    type: "spm",
    sequence: 107074,
    trailing: 5367848,
    leading: 5368295,
    nla: "10.244.64.154",
  });
  assert.equal(pgmDecoder.create().kind, "pgm");
});

Deno.test("decodePgm() rejects a truncated header", () => {
  assert.throws(() => decodePgm(SPM.subarray(0, 10)), DecodeError);
  const pgm = decodePgm(SPM.subarray(0, 28));
  assert.equal(pgm.body, undefined);
});

Deno.test("decodePgm() reads the option list and its problems", () => {
  const options = concatBytes(
    header(4, 1, 2),
    new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2]),
    new Uint8Array([0, 4, 0, 24, 0x81, 16, 0, 0, 0, 0, 0, 100, 0, 0, 0, 200, 0, 0, 1, 44]),
  );
  const pgm = decodePgm(options);
  assert.equal(pgm.optionsLength, 24);
  assert.deepEqual(pgm.options.map((o) => [o.type, o.length, o.values]), [
    [0x81, 16, [100, 200, 300]],
  ]);
  assert.equal(pgm.optionsProblem, undefined);
  const badJoin = concatBytes(
    header(4, 1, 0),
    new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2, 0, 4, 0, 12, 0x83, 7, 0, 0, 0, 0, 0, 5]),
  );
  assert.deepEqual(decodePgm(badJoin).optionsProblem, {
    kind: "option-length",
    value: 7,
    type: 0x83,
  });
});

Deno.test("printPgm() prints the ports and TSDU length as tcpdump does", () => {
  assert.equal(
    print(SPM, 0),
    "IP 10.0.0.1 > 239.1.2.3: 10.0.0.1.54821 > 239.1.2.3.123: PGM, length 36",
  );
  assert.equal(
    print(SPM),
    "    10.0.0.1 > 239.1.2.3: 10.0.0.1.54821 > 239.1.2.3.123: PGM, length 36 " +
      "0x0af4409ad625 SPM seq 107074 trail 5367848 lead 5368295 nla 10.244.64.154 [36]",
  );
});

// The expected lines below are tcpdump 4.99.3's (-n -v) for the same packets.
Deno.test("printPgm() prints each type, the options and their errors as tcpdump does", () => {
  const prefix = "    10.0.0.1 > 239.1.2.3: 10.0.0.1.1000 > 239.1.2.3.2000: PGM, length ";
  const cases: [Uint8Array, string][] = [
    [
      concatBytes(header(5, 0, 4), new Uint8Array([0, 0, 0, 7, 0, 0, 0, 3, 0x61, 0x62, 0x63, 0])),
      "4 0x010203040506 RDATA trail 3 seq 7 [28]",
    ],
    [
      concatBytes(
        header(8, 0, 0),
        new Uint8Array([0, 0, 0, 9, 0, 1, 0, 0, 10, 0, 0, 1, 0, 1, 0, 0, 0, 1, 2, 3]),
      ),
      "0 0x010203040506 NAK (10.0.0.1 -> 0.1.2.3), seq 9 [36]",
    ],
    [
      concatBytes(
        header(10, 0, 0),
        new Uint8Array([0, 0, 0, 9, 0, 1, 0, 0, 10, 0, 0, 1, 0, 1, 0, 0, 239, 1, 2, 3]),
      ),
      "0 0x010203040506  [|pgm]",
    ],
    [
      concatBytes(header(2, 0, 0), new Uint8Array([0, 0, 0, 5, 0, 6, 0, 0])),
      "0 0x010203040506 POLR seq 5 round 6 [24]",
    ],
    [header(12, 0, 0), "0 0x010203040506 SPMR [16]"],
    [header(0x33, 0, 0), "0 0x010203040506 UNKNOWN type 0x33 [16]"],
    [
      concatBytes(
        header(1, 0, 0),
        new Uint8Array([0, 0, 0, 3, 0, 4, 0, 0, 0, 1, 0, 0, 10, 0, 0, 9]),
        new Uint8Array([0, 0, 0, 100, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0xff]),
      ),
      "0 0x010203040506 POLL seq 3 round 4 nla 10.0.0.9 ivl 100 rnd 0xdeadbeef mask 0x000000ff [44]",
    ],
    [
      concatBytes(
        header(4, 1, 2),
        new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2]),
        new Uint8Array([0, 4, 0, 24, 0x81, 16, 0, 0, 0, 0, 0, 100, 0, 0, 0, 200, 0, 0, 1, 44]),
        new Uint8Array([0x78, 0x79]),
      ),
      "2 0x010203040506 ODATA trail 2 seq 8 OPTS LEN 24 FRAG seq 100 off 200 len 300 [46]",
    ],
    [
      concatBytes(header(4, 1, 0), new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2, 1, 4, 0, 24])),
      "0 0x010203040506 ODATA trail 2 seq 8[First option bad, should be PGM_OPT_LENGTH, is 1]",
    ],
    [
      concatBytes(
        header(4, 1, 0),
        new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2, 0, 4, 0, 20]),
        new Uint8Array([0x82, 12, 0, 0, 0, 0, 0, 5, 0, 0, 0, 6]),
      ),
      "0 0x010203040506 ODATA trail 2 seq 8 OPTS LEN 20 NAK LIST 5 6 [40]",
    ],
    [
      concatBytes(
        header(4, 1, 0),
        new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2, 0, 4, 0, 12, 0x83, 7, 0, 0, 0, 0, 0, 5]),
      ),
      "0 0x010203040506 ODATA trail 2 seq 8 OPTS LEN 12[Bad OPT_JOIN option, length 7 != 8]",
    ],
    [
      concatBytes(
        header(4, 1, 0),
        new Uint8Array([0, 0, 0, 8, 0, 0, 0, 2, 0, 4, 0, 12, 0xe3, 8, 0, 0, 0, 0, 0, 5]),
      ),
      "0 0x010203040506 ODATA trail 2 seq 8 OPTS LEN 12 OPT_E3 [8]  [36]",
    ],
    [concatBytes(header(0, 0, 0), new Uint8Array(12)), "0 0x010203040506  [|pgm]"],
  ];
  for (const [bytes, expected] of cases) assert.equal(print(bytes), prefix + expected);
  assert.equal(
    print(header(0, 0, 0).subarray(0, 10)),
    "    10.0.0.1 > 239.1.2.3: 10.0.0.1.1000 > 239.1.2.3.2000:  [|pgm]",
  );
});
