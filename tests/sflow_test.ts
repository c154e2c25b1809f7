import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeSflow, Sflow, sflowDecoder } from "../lib/app/sflow.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// ndpi/sflow.pcap packet 1 (a counter sample with a generic counter record); `tcpdump -xx`.
const COUNTERS = hex(`
  0050 5696 00d9 00e0 b1cf 94c3 0800 4500
  00ac 21fa 0000 4011 b944 ac15 2311 ac15
  23c7 0403 18c7 0098 0000 0000 0005 0000
  0001 ac15 2311 0000 0001 0000 019f 673d
  d710 0000 0001 0000 0002 0000 006c 0000
  2125 0000 040c 0000 0001 0000 0001 0000
  0058 0000 040c 0000 0006 0000 0000 05f5
  e100 0000 0001 0000 0003 0000 0000 018c
  2ccc 0000 9b83 0002 9016 0001 f673 0000
  0000 0000 0000 0000 0000 0000 0000 0053
  3dc1 0000 a0b7 0000 2187 0000 08d7 0000
  0000 0000 0000 0000 0000`);

// Written for this test (a flow sample with raw packet, Ethernet frame and switch
// records); `tcpdump -xx`.
const FLOWS = hex(`
  0200 0000 0002 0200 0000 0001 0800 4500
  00b0 0001 0000 4011 663a 0a00 0001 0a00
  0002 1388 18c7 009c 0000 0000 0005 0000
  0001 0a00 0001 0000 0000 0000 0009 0000
  3039 0000 0001 0000 0001 0000 0070 0000
  0007 0000 0005 0000 0100 0000 03e8 0000
  0000 0000 0003 0000 0004 0000 0003 0000
  0001 0000 0010 0000 0001 0000 0040 0000
  0004 0000 0000 0000 0002 0000 0018 0000
  0040 0000 0000 0000 0000 0000 0000 0000
  0000 0000 0800 0000 03e9 0000 0010 0000
  000a 0000 0000 0000 0014 0000 0000`);

function print(frame: Uint8Array, verbose = 0, originalLength = frame.length): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, frame),
    { seconds: 0, nanoseconds: 0, originalLength },
  );
}

Deno.test("decodeSflow() reads the datagram header", () => {
  const sflow = decode(LinkType.EN10MB, COUNTERS).layers.at(-1);
  assert.ok(sflow instanceof Sflow);
  assert.equal(sflow.version, 5);
  assert.equal(sflow.agent, "172.21.35.17");
  assert.deepEqual(sflow.counts, { agentId: 1, sequence: 415, uptime: 1732106000, samples: 1 });
  assert.equal(sflowDecoder.create().kind, "sflow");
});

Deno.test("decodeSflow() rejects a truncated header", () => {
  assert.throws(() => decodeSflow(new Uint8Array(7)), DecodeError);
});

Deno.test("printSflow() prints the agent at -n as tcpdump does", () => {
  assert.equal(
    print(COUNTERS),
    "IP 172.21.35.17.1027 > 172.21.35.199.6343: sFlowv5, IPv4 agent 172.21.35.17, agent-id 1, length 144",
  );
});

Deno.test("printSflow() prints counter and flow samples at -v as tcpdump does", () => {
  assert.equal(
    print(COUNTERS, 1),
    [
      "IP (tos 0x0, ttl 64, id 8698, offset 0, flags [none], proto UDP (17), length 172)",
      "    172.21.35.17.1027 > 172.21.35.199.6343: sFlowv5, IPv4 agent 172.21.35.17, agent-id 1, seqnum 415, uptime 1732106000, samples 1, length 144",
      "\tcounter sample (2), length 108, seqnum 8485, type 0, idx 1036, records 1",
      "\t    enterprise 0, Generic counter (1) length 88",
      "\t      ifindex 1036, iftype 6, ifspeed 100000000, ifdirection 1 (full-duplex)",
      "\t      ifstatus 3, adminstatus: up, operstatus: up",
      "\t      In octets 25963724, unicast pkts 39811, multicast pkts 167958, broadcast pkts 128627, discards 0",
      "\t      In errors 0, unknown protos 0",
      "\t      Out octets 5455297, unicast pkts 41143, multicast pkts 8583, broadcast pkts 2263, discards 0",
      "\t      Out errors 0, promisc mode 0",
    ].join("\n"),
  );
  assert.equal(
    print(FLOWS, 1),
    [
      "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 176)",
      "    10.0.0.1.5000 > 10.0.0.2.6343: sFlowv5, IPv4 agent 10.0.0.1, agent-id 0, seqnum 9, uptime 12345, samples 1, length 148",
      "\tflow sample (1), length 112, seqnum 7, type 0, idx 5, rate 256, pool 1000, drops 0, input 3 output 4 records 3",
      "\t    enterprise 0 Raw packet (1) length 16",
      "\t      protocol Ethernet (1), length 64, stripped bytes 4, header_size 0",
      "\t    enterprise 0 Ethernet frame (2) length 24",
      "\t      frame len 64, type 2048",
      "\t    enterprise 0 Extended Switch data (1001) length 16",
      "\t      src vlan 10, src pri 0, dst vlan 20, dst pri 0",
    ].join("\n"),
  );
});

Deno.test("printSflow() marks a sample cut by the capture as tcpdump does", () => {
  assert.match(
    print(COUNTERS.subarray(0, 80), 1, COUNTERS.length),
    /counter sample \(2\), length 108, \[\|sflow\]$/,
  );
});
