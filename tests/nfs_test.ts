import assert from "node:assert/strict";
import { decodeNfs, Nfs, nfsDecoder, readNfsReply } from "../lib/app/nfs.ts";
import { decode } from "../lib/decode.ts";
import { decodeHex } from "../lib/_hex.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";

// A GETATTR call and its reply from ndpi's nfsv3.pcap (packets 11 and 12, the UDP
// payloads), 139.25.22.2.1022 <-> 139.25.22.102.2049; tcpdump -n -v prints:
//   NFS request xid 1578961884 128 getattr fh 4,4229/45658
//   NFS reply xid 1578961884 reply ok 112 getattr DIR 40755 ids 0/1 sz 96
const CALL = decodeHex(
  "5e1d0bdc0000000000000002000186a3000000030000000100000001000000343847760b00000009776572" +
    "726d73636865000000000000000000000100000005000000010000000000000002000000030000001100" +
    "000000000000000000002000101085000003e7000a00000000b25a00000029000a00000000b25a000000" +
    "29",
);
const REPLY = decodeHex(
  "5e1d0bdc00000001000000000000000000000000000000000000000000000002000041ed000000020000" +
    "0000000000010000000000000060000000000000000000000000000000000000000000101085000000" +
    "000000b25a3847760c1443fd02384775ea30e03502384775ea30e03502",
);

const CLIENT = [139, 25, 22, 2];
const SERVER = [139, 25, 22, 102];

function udp(source: number, destination: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 8;
  return concatBytes(
    new Uint8Array([source >> 8, source & 255, destination >> 8, destination & 255]),
    new Uint8Array([length >> 8, length & 255, 0, 0]),
    payload,
  );
}

function tcp(source: number, destination: number, payload: Uint8Array): Uint8Array {
  return concatBytes(
    new Uint8Array([source >> 8, source & 255, destination >> 8, destination & 255]),
    new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0, 58, 0, 0, 0, 0]),
    payload,
  );
}

function printAll(ips: Uint8Array[], verbose = 0): string[] {
  const printer = new TcpdumpPrinter({ timestamps: "none", verbose });
  return ips.map((ip) =>
    printer.format(decode(LinkType.RAW, ip), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: ip.length,
    }).split("\n").at(-1)!.trim()
  );
}

Deno.test("decodeNfs() reads the RPC call header and the NFS arguments", () => {
  const nfs = decodeNfs(CALL);
  assert.equal(nfs.kind, "nfs");
  assert.equal(nfs.xid, 1578961884);
  assert.equal(nfs.direction, 0);
  assert.equal(nfs.rpcVersion, 2);
  assert.equal(nfs.program, 100003);
  assert.equal(nfs.programVersion, 3);
  assert.equal(nfs.procedure, 1);
  const args = nfs.callArguments!;
  assert.equal(args.truncated, false);
  assert.deepEqual(args.handle?.info, { kind: "device", major: 4, minor: 4229, inode: 45658 });
  assert.equal(nfsDecoder.create().kind, "nfs");
});

Deno.test("readNfsReply() reads GETATTR's attributes", () => {
  const reply = readNfsReply(decodeNfs(REPLY), 1, 3);
  assert.equal(reply.status, 0);
  assert.equal(reply.truncated, false);
  assert.equal(reply.attributes?.type, 2);
  assert.equal(reply.attributes?.mode, 0o40755);
  assert.equal(reply.attributes?.size, 96n);
});

Deno.test("decodeNfs() rejects a truncated header and marks cut arguments", () => {
  assert.throws(() => decodeNfs(CALL.subarray(0, 6)));
  assert.equal(decodeNfs(CALL.subarray(0, 100)).callArguments?.truncated, true);
  assert.ok(decodeNfs(CALL) instanceof Nfs);
});

Deno.test("printNfs() prints a call and, by its xid, the reply as tcpdump does", () => {
  const call = ipv4Packet(17, CLIENT, SERVER, udp(1022, 2049, CALL));
  const reply = ipv4Packet(17, SERVER, CLIENT, udp(2049, 1022, REPLY));
  assert.deepEqual(printAll([call, reply]), [
    "IP 139.25.22.2.1022 > 139.25.22.102.2049: NFS request xid 1578961884 128 getattr fh 4,4229/45658",
    "IP 139.25.22.102.2049 > 139.25.22.2.1022: NFS reply xid 1578961884 reply ok 112 getattr DIR 40755 ids 0/1 sz 96",
  ]);
  // Without the call, the reply's procedure is unknown.
  assert.deepEqual(printAll([reply]), [
    "IP 139.25.22.102.2049 > 139.25.22.2.1022: NFS reply xid 1578961884 reply ok 112",
  ]);
  // A call from port 2049 is not NFS to tcpdump.
  assert.deepEqual(printAll([ipv4Packet(17, CLIENT, SERVER, udp(2049, 1022, CALL))]), [
    "IP 139.25.22.2.2049 > 139.25.22.102.1022: UDP, length 128",
  ]);
  // Cut in the arguments.
  const cut = ipv4Packet(17, CLIENT, SERVER, udp(1022, 2049, CALL.subarray(0, 100)));
  assert.deepEqual(printAll([cut]), [
    "IP 139.25.22.2.1022 > 139.25.22.102.2049: NFS request xid 1578961884 100 getattr [|nfs]",
  ]);
});

Deno.test("printNfs() reads the RPC record mark over TCP", () => {
  const mark = new Uint8Array([0x80, 0, 0, CALL.length]);
  const call = ipv4Packet(6, CLIENT, SERVER, tcp(720, 2049, concatBytes(mark, CALL)));
  const replyMark = new Uint8Array([0x80, 0, 0, REPLY.length]);
  const reply = ipv4Packet(6, SERVER, CLIENT, tcp(2049, 720, concatBytes(replyMark, REPLY)));
  // The NFS part, after the TCP header's "length N: ".
  assert.deepEqual(printAll([call, reply]).map((line) => line.replace(/^.*length \d+: /, "")), [
    "NFS request xid 1578961884 128 getattr fh 4,4229/45658",
    "NFS reply xid 1578961884 reply ok 112 getattr DIR 40755 ids 0/1 sz 96",
  ]);
  assert.match(printAll([call])[0]!, /, length 132: NFS request/);
});

Deno.test("Nfs.toJSON() works when the arguments end before a name or a handle", () => {
  // Found by bench/fuzz.ts (seed 1): NFSv3 calls whose arguments are cut after a field,
  // so that the handle or the name is present as `undefined`.
  const packets = [
    "4500008400010000401166660a0000010a00000202bc080100700000000003ec0000000000000002000186a30000000300000003000000010000001c0000000000000004686f73740000000000000000000000010000000000000000000000000000000000",
    "450000ac000100004011663e0a0000010a00000202bc080100980000000003f30000000000000002000186a30048000300000009000000010000001c0000000000000004686f737400000000000000000000000100000000000000000000000000000018001010850000000a000a00000000b25a00000029000a0000000000036469720000000001000001ed0000000100000005000000000000000000000002000000070000000800000001",
    "450000a800010000401166420a0000010a00800202bc080100940000000003f80000000000000002000186a3080000030000000e000000010000001c0000000000000004686f737400000000000000000000000100000000000000000000000000000018001010850000000a000a00010000b25a00000029000a0000000000016100000000000018001010850000000a000a00000000b25a00000029000a00000000000162000000",
  ];
  for (const hex of packets) {
    const nfs = decode(LinkType.RAW, decodeHex(hex)).layer("nfs");
    assert.ok(nfs !== undefined);
    const json = nfs.toJSON();
    assert.equal(typeof json.arguments, "object");
    JSON.stringify(json);
  }
});

Deno.test("printNfs() calls a name whose length cannot be padded invalid and stops there", () => {
  // A LOOKUP call with the GETATTR call's header and handle, whose name length is
  // 0xfffffffd (tcpdump 4.99.3 on nfs-cannot-pad-32-bit.pcap prints the same words).
  const lookup = concatBytes(CALL.subarray(0, 20), new Uint8Array([0, 0, 0, 3]));
  const handle = CALL.subarray(24);
  const bytes = concatBytes(lookup, handle, new Uint8Array([0xff, 0xff, 0xff, 0xfd, 0x41]));
  const args = decodeNfs(bytes).callArguments!;
  assert.equal(args.name?.unpaddable, true);
  assert.equal(args.truncated, true);
  assert.deepEqual(printAll([ipv4Packet(17, CLIENT, SERVER, udp(1022, 2049, bytes))]), [
    "IP 139.25.22.2.1022 > 139.25.22.102.2049: NFS request xid 1578961884 133 lookup fh 4,4229/45658 [cannot pad to 32-bit boundaries] (invalid) [|nfs]",
  ]);
});

Deno.test("printNfs() writes a WRITE stability mode past the known ones signed", () => {
  // The arguments of an NFSv3 WRITE: offset 0, count 17, stable 0xaaaaaaaa, 17 bytes
  // (tcpdump 4.99.3 -v on nfs-seg-fault-1.pcapng: `<#-1431655766>`).
  const header = concatBytes(CALL.subarray(0, 20), new Uint8Array([0, 0, 0, 7]));
  const write = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 0xaa, 0xaa, 0xaa, 0xaa]);
  const bytes = concatBytes(header, CALL.subarray(24), write, new Uint8Array([0, 0, 0, 17]));
  assert.equal(decodeNfs(bytes).callArguments?.stable, 0xaaaaaaaa);
  assert.deepEqual(printAll([ipv4Packet(17, CLIENT, SERVER, udp(1022, 2049, bytes))], 1), [
    "139.25.22.2.1022 > 139.25.22.102.2049: NFS request xid 1578961884 148 write fh 4,4229/45658 17 (17) bytes @ 0 <#-1431655766>",
  ]);
});

Deno.test("decodeNfs() steps over credentials of a size near 2^32 past the capture, as tcpdump", () => {
  // The GETATTR call with a credentials size of 0xffffffff: tcpdump's roundup2() wraps to 0
  // for its checks, then its pointer steps 4 GB on, and its next read ends the packet: a
  // read's cut, so -x dumps the whole frame (nfs_large_credentials_length.pcap).
  const call = concatBytes(
    CALL.subarray(0, 24),
    new Uint8Array([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
    CALL.subarray(80),
  );
  const args = decodeNfs(call).callArguments!;
  assert.equal(args.truncated, true);
  assert.equal(args.readCut, true);
  const frame = concatBytes(
    new Uint8Array(12),
    new Uint8Array([8, 0]),
    ipv4Packet(17, CLIENT, SERVER, udp(1022, 2049, call)),
  );
  const text = new TcpdumpPrinter({ timestamps: "none", hex: 1 }).format(
    decode(LinkType.EN10MB, frame),
    {
      seconds: 0,
      nanoseconds: 0,
      originalLength: frame.length,
    },
  );
  assert.ok(
    text.includes(
      "NFS request xid 1578961884 80 getattr [|nfs]\n\t0x0000:  0000 0000 0000 0000 0000 0000 0800 4500",
    ),
    text,
  );
  // A credentials body the capture cut is a length check's cut: no read, the usual dump.
  const cut = decodeNfs(CALL.subarray(0, 40)).callArguments!;
  assert.equal(cut.truncated, true);
  assert.equal(cut.readCut, false);
});
