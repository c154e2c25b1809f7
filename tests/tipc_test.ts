import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeTipc, Tipc, tipcDecoder, tipcLayout, TipcUser } from "../lib/link/tipc.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

const ETHERNET = "0000 0000 0000 0000 0000 0000 88ca";

// tcpdump's tests/huge-tipc-messages.pcap, first frame: a named message, long header.
const NAMED = hex(`${ETHERNET} 4142 0028 4010 0000 0000 0000 0100 1002 d150 ac62 1947 c220
  0100 1002 0100 1002 0000 03e8 0000 0000`);

// The same capture's second frame: a connected message, short (24-byte) header.
const CONN = hex(`${ETHERNET} 40c0 0018 0000 0000 0000 0000 0100 1002 022c 36a3 d150 ac62`);

// testdata/crafted/tipc_messages.pcap: a link state message (internal layout).
const LINK_STATE = hex(`${ETHERNET} 4f40 0028 1fff 0009 0005 0009 0900 8007 0011 000f
  2a2a 0000 0100 1001 0100 1002 dead beef 0003 1770`);

// The same capture: a neighbour detection request (link configuration layout).
const LINK_REQUEST = hex(`${ETHERNET} 5b40 0028 0000 beef 0100 1000 0100 1005 0000 1267
  ffff ff01 0001 0203 0405 0607 0809 0a0b 0c0d 0e0f`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return printFrame(LinkType.EN10MB, frame, { verbose }, originalLength);
}

Deno.test("decodeTipc() reads the fields of each layout", () => {
  const named = decodeTipc(NAMED, 14);
  assert.ok(named instanceof Tipc);
  assert.deepEqual(named.toJSON(), {
    version: 2,
    user: TipcUser.LOW_IMPORTANCE,
    headerSize: 40,
    messageSize: 40,
    messageType: 2,
  });
  assert.equal(named.previousNode, 0x01001002);
  assert.equal(named.originPort, 3511725154);
  assert.equal(named.destinationPort, 424133152);
  assert.equal(named.originNode, 0x01001002);
  assert.equal(named.destinationNode, 0x01001002);
  assert.equal(named.word(10), -1);
  const state = decodeTipc(LINK_STATE, 14);
  assert.equal(state.user, TipcUser.LINK_PROTOCOL);
  assert.equal(state.sequenceGap, 0x1fff);
  assert.equal(state.broadcastAck, 9);
  assert.equal(state.broadcastGapAfter, 5);
  assert.equal(state.broadcastGapTo, 9);
  assert.equal(state.lastSentPacket, 17);
  assert.equal(state.nextSentPacket, 15);
  assert.equal(state.sessionNumber, 0x2a2a);
  assert.equal(state.transportSequence, 0xdeadbeef);
  assert.equal(state.messageCount, 3);
  assert.equal(state.linkTolerance, 6000);
  const request = decodeTipc(LINK_REQUEST, 14);
  assert.equal(request.user, TipcUser.LINK_CONFIG);
  assert.equal(request.nodeSignature, 0xbeef);
  assert.equal(request.destinationDomain, 0x01001000);
  assert.equal(request.networkId, 4711);
  assert.equal(request.mediaId, 1);
  assert.equal(tipcDecoder.create().kind, "tipc");
  assert.equal(decode(LinkType.EN10MB, CONN).layers[1]?.kind, "tipc");
});

Deno.test("tipcLayout() picks the layout tcpdump prints for each user", () => {
  for (const user of [0, 1, 2, 3, 8, 11]) assert.equal(tipcLayout(user), "payload");
  for (const user of [5, 6, 7, 10, 12]) assert.equal(tipcLayout(user), "internal");
  assert.equal(tipcLayout(13), "link-config");
  for (const user of [-1, 4, 9, 14, 15]) assert.equal(tipcLayout(user), "unknown");
});

Deno.test("decodeTipc() rejects a truncated header", () => {
  assert.throws(() => decodeTipc(NAMED.subarray(14, 17)), DecodeError);
  assert.throws(() => decodeTipc(NAMED.subarray(14, 50)), DecodeError);
  assert.throws(() => decodeTipc(new Uint8Array(0)), DecodeError);
  assert.equal(decodeTipc(CONN.subarray(14)).headerSize, 24);
});

Deno.test("decode() keeps a TIPC header cut by the capture as a partial layer", () => {
  const packet = decode(LinkType.EN10MB, NAMED.subarray(0, 28));
  const tipc = packet.layers[1];
  assert.ok(tipc instanceof Tipc);
  assert.equal(tipc.partial, true);
  assert.equal(tipc.version, 2);
  assert.equal(tipc.previousNode, -1);
  assert.equal(tipc.destinationNode, -1);
  assert.equal(tipc.toJSON().partial, true);
  assert.ok(packet.error instanceof DecodeError);
});

Deno.test("printTipc() prints payload messages as tcpdump does", () => {
  assert.equal(
    print(NAMED),
    "TIPC v2.0 1.1.2:3511725154 > 1.1.2:424133152, headerlength 40 bytes, " +
      "MessageSize 40 bytes, Low Importance Data payload, messageType NAMED_MSG",
  );
  assert.equal(
    print(NAMED, 2),
    "TIPC v2.0 1.1.2:3511725154 > 1.1.2:424133152, headerlength 40 bytes, " +
      "MessageSize 40 bytes, Low Importance Data payload, messageType NAMED_MSG\n" +
      "\tPrevious Node 1.1.2, Broadcast Ack 0, Link Ack 0, Link Sequence 0",
  );
  // A short header has no nodes, and no second line even with -v.
  assert.equal(
    print(CONN, 1),
    "TIPC v2.0 1.1.2:36452003 > 3511725154, headerlength 24 bytes, " +
      "MessageSize 24 bytes, Low Importance Data payload, messageType CONN_MSG",
  );
  // tcpdump's table swaps the names of types 1 and 3; 4 to 7 are unknown.
  const types = CONN.slice();
  types[18] = 0x20;
  assert.match(print(types), /, messageType MCAST_MSG$/);
  types[18] = 0x60;
  assert.match(print(types), /, messageType DIRECT_MSG$/);
  types[18] = 0xe0;
  assert.match(print(types), /, messageType Unknown$/);
  const manager = NAMED.slice();
  manager[14] = 0x51;
  assert.match(print(manager), /bytes, Connection Manager internal, messageType NAMED_MSG$/);
});

Deno.test("printTipc() prints internal and link configuration messages as tcpdump does", () => {
  assert.equal(
    print(LINK_STATE, 1),
    "TIPC v2.0 1.1.1 > 1.1.2, headerlength 40 bytes, MessageSize 40 bytes, " +
      "Link State Protocol internal, messageType CONN_MSG (0x1fff0009)\n" +
      "\tPrevious Node 9.8.7, Session No. 10794, Broadcast Ack 9, Sequence Gap 8191,  " +
      "Broadcast Gap After 5, Broadcast Gap To 9, Last Sent Packet No. 17, " +
      "Next sent Packet No. 15, Transport Sequence 3735928559, msg_count 3, " +
      "Link Tolerance 6000",
  );
  assert.equal(
    print(LINK_REQUEST, 1),
    "TIPC v2.0 1.1.5 > 1.1.0, headerlength 40 bytes, MessageSize 40 bytes, " +
      "Neighbor Detection Protocol internal, messageType Link request\n" +
      "\tNodeSignature 48879, network_id 4711, media_id 1",
  );
  const response = LINK_REQUEST.slice();
  response[18] = 0x20;
  assert.match(print(response), /internal, messageType Link response$/);
  response[18] = 0x40;
  assert.match(print(response), /internal, messageType Unknown$/);
  // A user tcpdump does not know prints nothing.
  const unknown = NAMED.slice();
  unknown[14] = 0x49;
  assert.equal(print(unknown, 1), "");
});

Deno.test("printTipc() stops where the capture ends, as tcpdump does", () => {
  assert.equal(print(NAMED.subarray(0, 17), 0, NAMED.length), " [|tipc]");
  // The short header's five words are read before anything is printed.
  assert.equal(print(CONN.subarray(0, 37), 0, CONN.length), " [|tipc]");
  // The long header's nodes too.
  assert.equal(print(NAMED.subarray(0, 45), 1, NAMED.length), " [|tipc]");
  // An internal message's -v fields are all read before its second line.
  assert.equal(
    print(LINK_STATE.subarray(0, 53), 1, LINK_STATE.length),
    "TIPC v2.0 1.1.1 > 1.1.2, headerlength 40 bytes, MessageSize 40 bytes, " +
      "Link State Protocol internal, messageType CONN_MSG (0x1fff0009) [|tipc]",
  );
  assert.match(print(LINK_STATE.subarray(0, 53), 0, LINK_STATE.length), /\(0x1fff0009\)$/);
  assert.equal(
    print(LINK_REQUEST.subarray(0, 37), 1, LINK_REQUEST.length),
    "TIPC v2.0 1.1.5 > 1.1.0, headerlength 40 bytes, MessageSize 40 bytes, " +
      "Neighbor Detection Protocol internal, messageType Link request [|tipc]",
  );
  assert.equal(print(LINK_REQUEST.subarray(0, 29), 0, LINK_REQUEST.length), " [|tipc]");
  // The media address is not read: a request cut there prints whole.
  assert.match(print(LINK_REQUEST.subarray(0, 40), 1, LINK_REQUEST.length), /media_id 1$/);
});
