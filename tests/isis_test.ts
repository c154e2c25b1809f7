import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeIsis, Isis, isisDecoder, osiChecksum } from "../lib/net/isis.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// An L2 LSP from packetlife.net's ISIS_level2_adjacency.pcap; `tcpdump -xx`:
// IS-IS, L2 LSP, lsp-id 3333.3333.3333.00-00, seq 0x00000009, lifetime  1199s, length 100
const LSP = hex(`
  0180 c200 0015 c202 2998 0000 0067 fefe
  0383 1b01 0014 0100 0000 6404 af33 3333
  3333 3300 0000 0000 0924 b103 0104 0349
  000a 8101 cc89 0252 3384 040a 000a 0180
  0c0a 8080 800a 0000 00ff ffff fc02 0c00
  0a80 8080 4444 4444 4444 0180 180a 8080
  800a 000a 00ff ffff fc14 8080 80c0 a80a
  00ff ffff 00`);

function print(frame: Uint8Array, verbose = 0, link = false): string {
  return printFrame(LinkType.EN10MB, frame, { verbose, link });
}

Deno.test("decodeIsis() reads an LSP's header, TLVs and checksum", () => {
  const isis = decodeIsis(LSP, 17);
  assert.ok(isis instanceof Isis);
  assert.equal(isis.pduType, 20);
  assert.equal(isis.pduLength, 100);
  assert.equal(isis.remainingLifetime, 1199);
  assert.equal(isis.sequenceNumber, 9);
  assert.equal(isis.checksum, 0x24b1);
  assert.equal(isis.expectedChecksum(), 0x24b1);
  assert.equal(osiChecksum(LSP, 17 + 12, 17 + 100, 12), 0x24b1);
  assert.deepEqual(isis.tlvList().tlvs.map((t) => [t.type, t.length]), [
    [1, 4],
    [129, 1],
    [137, 2],
    [132, 4],
    [128, 12],
    [2, 12],
    [128, 24],
  ]);
  assert.equal(isisDecoder.create().kind, "isis");
});

Deno.test("decodeIsis() rejects a truncated header", () => {
  assert.throws(() => decodeIsis(LSP.subarray(17, 22)), DecodeError);
});

Deno.test("decode() reads IS-IS after LLC SAP 0xfe", () => {
  assert.deepEqual(decode(LinkType.EN10MB, LSP).layers.map((l) => l.kind), [
    "ethernet",
    "llc",
    "isis",
  ]);
});

Deno.test("printIsis() prints an LSP as tcpdump does at -n, -e and -v", () => {
  assert.equal(
    print(LSP),
    "IS-IS, L2 LSP, lsp-id 3333.3333.3333.00-00, seq 0x00000009, lifetime  1199s, length 100",
  );
  assert.match(
    print(LSP, 0, true),
    /ctrl 0x03: OSI NLPID IS-IS \(0x83\): L2 LSP, lsp-id 3333\.3333\.3333\.00-00, /,
  );
  assert.equal(
    print(LSP, 1),
    "IS-IS, length 100\n" +
      "\tL2 LSP, hlen: 27, v: 1, pdu-v: 1, sys-id-len: 6 (0), max-area: 3 (0)\n" +
      "\t  lsp-id: 3333.3333.3333.00-00, seq: 0x00000009, lifetime:  1199s\n" +
      "\t  chksum: 0x24b1 (correct), PDU length: 100, Flags: [ L2 IS ]\n" +
      "\t    Area address(es) TLV #1, length: 4\n" +
      "\t      Area address (length: 3): 49.000a\n" +
      "\t    Protocols supported TLV #129, length: 1\n" +
      "\t      NLPID(s): IPv4 (0xcc)\n" +
      "\t    Hostname TLV #137, length: 2\n" +
      "\t      Hostname: R3\n" +
      "\t    IPv4 Interface address(es) TLV #132, length: 4\n" +
      "\t      IPv4 interface address: 10.0.10.1\n" +
      "\t    IPv4 Internal Reachability TLV #128, length: 12\n" +
      "\t      IPv4 prefix:        10.0.0.0/30, Distribution: up, Metric: 10, Internal\n" +
      "\t    IS Reachability TLV #2, length: 12\n" +
      "\t      IsNotVirtual\n" +
      "\t      IS Neighbor: 4444.4444.4444.01, Default Metric: 10, Internal\n" +
      "\t    IPv4 Internal Reachability TLV #128, length: 24\n" +
      "\t      IPv4 prefix:       10.0.10.0/30, Distribution: up, Metric: 10, Internal\n" +
      "\t      IPv4 prefix:    192.168.10.0/24, Distribution: up, Metric: 20, Internal",
  );
});

Deno.test("printIsis() marks a PDU cut inside a TLV as tcpdump does", () => {
  const cut = LSP.slice(0, 17 + 50);
  cut[12] = 0;
  cut[13] = 50;
  const text = print(cut, 1);
  assert.match(text, /chksum: 0x24b1 \(incorrect should be 0x43a3\)/);
  assert.match(text, /\n\t {6}IPv4 interface address: 10\.0\.10\.1 \[\|isis\]$/);
});
