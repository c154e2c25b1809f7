import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import {
  Decnet,
  DecnetControl,
  decnetDecoder,
  DecnetOffset,
  decodeDecnet,
  formatDecnetAddress,
  NspOffset,
} from "../lib/link/decnet.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "aa00 0400 0104 aa00 0400 0804 6003";

// tcpdump's tests/DECnet_Phone.pcap, frame 1: an endnode hello.
const HELLO = hex(`aa00 0400 0104 ab00 0003 0000 6003 2200 0d02 0000 aa00 0400 0104 0332 4000
  0000 0000 0000 0000 aa00 0400 0000 0a00 0002 aaaa`);

// A short route header from 1.8 to 1.4, then an NSP data segment (ack 1, oack 2, seg 3).
const DATA = hex(`${ETHERNET} 1500 0204 0408 0400 0003 2004 2001 8002 a003 0064 6174 61`);

// Padding of three bytes, then a data acknowledgement.
const PADDED = hex(`${ETHERNET} 1200 8300 0002 0404 0804 0004 0320 0420 0180 0200`);

// A long route header (from 3.9 to 2.7, 5 visits), then a connect initiate.
const LONG = hex(`${ETHERNET} 1e00 2600 00aa 0004 0007 0800 00aa 0004 0009 0c00 0500 0018
  0000 0420 0501 b305`);

// A level 1 routing message: two entries and the checksum.
const ROUTING = hex(`${ETHERNET} 1200 0708 0400 0300 0000 0104 0200 e803 051c efbe`);

function print(frame: Uint8Array, options: { verbose?: number } = {}, original = frame.length) {
  return printFrame(LinkType.EN10MB, frame, options, original);
}

Deno.test("decodeDecnet() reads the length, the padding and the route flags", () => {
  const hello = decodeDecnet(HELLO, 14);
  assert.ok(hello instanceof Decnet);
  assert.equal(hello.packetLength, 0x22);
  assert.equal(hello.padLength, 0);
  assert.equal(hello.routeOffset, 16);
  assert.equal(hello.flags & 15, DecnetControl.ENDNODE_HELLO);
  assert.equal(hello.word(hello.routeOffset + DecnetOffset.HELLO_SOURCE), 0x0401);
  assert.equal(hello.word(hello.routeOffset + DecnetOffset.HELLO_BLOCK_SIZE), 16434);
  const padded = decodeDecnet(PADDED, 14);
  assert.equal(padded.padLength, 3);
  assert.equal(padded.routeOffset, 19);
  assert.equal(padded.flags, 0x02);
  const data = decodeDecnet(DATA, 14);
  const nsp = data.routeOffset + DecnetOffset.SHORT_LENGTH;
  assert.equal(data.byte(nsp + NspOffset.FLAGS), 0);
  assert.equal(data.word(nsp + NspOffset.SEQUENCE), 0x8001);
  assert.deepEqual(data.toJSON(), { packetLength: 21, padLength: 0, flags: 2 });
  assert.equal(decnetDecoder.create().kind, "decnet");
  assert.equal(decode(LinkType.EN10MB, HELLO).layers[1]?.kind, "decnet");
  assert.equal(formatDecnetAddress(0xffff), "63.1023");
});

Deno.test("decodeDecnet() rejects a truncated header", () => {
  assert.throws(() => decodeDecnet(HELLO.subarray(14, 19)), DecodeError);
  assert.throws(() => decodeDecnet(new Uint8Array(0)), DecodeError);
});

Deno.test("decode() keeps a DECnet message the capture cut as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, HELLO.subarray(0, 17));
  const decnet = packet.layers[1];
  assert.ok(decnet instanceof Decnet);
  assert.equal(decnet.partial, true);
  assert.equal(decnet.packetLength, 0x22);
  assert.equal(decnet.flags, 0x0d);
  assert.equal(decnet.word(decnet.routeOffset + 1), -1);
  assert.equal(decnet.byte(decnet.offset + 4), -1);
  assert.ok(packet.error instanceof DecodeError);
});

Deno.test("printDecnet() prints control messages as tcpdump does", () => {
  assert.equal(
    print(HELLO),
    "endnode-hello endnode vers 2 eco 0 ueco 0 src 1.1 blksize 16434 rtr 0.0 hello 10 data 2",
  );
  assert.equal(
    print(ROUTING),
    "lev-1-routing src 1.8 {ids 0-3 cost 1 hops 1} {ids 1000-1002 cost 5 hops 7} ",
  );
  // An unknown control message is dumped whatever the options.
  assert.equal(
    print(hex(`${ETHERNET} 0600 0f00 0000 0000`)),
    "unknown control message\n\t0x0000:  0f00 0000 0000                           ......",
  );
});

Deno.test("printDecnet() prints a data message's route header and NSP message", () => {
  assert.equal(print(DATA), "1.8 > 1.4 21 data 8196>8195 ack 1 oack 2 seg 3 ");
  assert.equal(
    print(DATA, { verbose: 1 }),
    "1.8 > 1.4 21 1 hops data 8196>8195 ack 1 oack 2 seg 3 ",
  );
  assert.equal(
    print(PADDED, { verbose: 1 }),
    "[pad:3] 1.8 > 1.4 18 1 hops data-ack 8196>8195 ack 1 ",
  );
  assert.equal(
    print(LONG, { verbose: 1 }),
    "3.9 > 2.7 30 IE 5 hops conn-initiate 8196>0 seg ver 3.1 segsize 1459 ",
  );
});

Deno.test("printDecnet() marks bad lengths invalid and cut fields as tcpdump does", () => {
  assert.equal(print(HELLO.subarray(0, 19)), " (length 5 < 6) (invalid)");
  const short = HELLO.slice();
  short[14] = 5;
  assert.equal(print(short), " (pktlen 5 < 6) (invalid)");
  short[14] = 0x40;
  assert.equal(print(short), " (pktlen 64 > 36) (invalid)");
  assert.equal(print(HELLO.subarray(0, 40), {}, HELLO.length), "endnode-hello  [|decnet]");
  assert.equal(print(HELLO.subarray(0, 15), {}, HELLO.length), " [|decnet]");
  assert.equal(
    print(DATA.subarray(0, 27), {}, DATA.length),
    "1.8 > 1.4 21 data 8196>8195  [|decnet]",
  );
  const nsp = hex(`${ETHERNET} 0900 0204 0408 0400 0003 20`);
  assert.equal(print(nsp), "1.8 > 1.4 9  (nsplen 3 < 5) (invalid)");
});
