// The cost of reading one packet from wirekit's AF_PACKET socket and from its TPACKET_V3 ring,
// without a sender competing for the CPU: N UDP datagrams are sent on lo while nobody reads,
// then each capturer drains what its buffer holds, timed. Needs root (or CAP_NET_RAW); uses
// only lo.
//
//   deno run -A bench/raw_receive.ts [--packets 50000] [--rounds 3]
//
// Rows: the socket's `receive()` (one `recvmsg()` per packet, with the kernel's timestamp and
// VLAN control messages), the ring's `receive()` (a copy per packet) and the ring's `batches()`
// (no copy). Both capture with `direction: "in"`: the kernel queues no outgoing copy.

import dgram from "node:dgram";
import { openPacketRing, openPacketSocket } from "../lib/rawsocket/mod.ts";
import type { SockFilterInstruction } from "../ffi/libc_structs.ts";

const args = Deno.args;
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const packets = Number(flag("packets", "50000"));
const rounds = Number(flag("rounds", "3"));

/** Only UDP to `port` over IPv4: ldh [12]; ldb [23]; ldh [36]. */
function udpPortFilter(port: number): SockFilterInstruction[] {
  return [
    { code: 0x28, jt: 0, jf: 0, k: 12 },
    { code: 0x15, jt: 0, jf: 5, k: 0x0800 },
    { code: 0x30, jt: 0, jf: 0, k: 23 },
    { code: 0x15, jt: 0, jf: 3, k: 17 },
    { code: 0x28, jt: 0, jf: 0, k: 36 },
    { code: 0x15, jt: 0, jf: 1, k: port },
    { code: 0x06, jt: 0, jf: 0, k: 262144 },
    { code: 0x06, jt: 0, jf: 0, k: 0 },
  ];
}

async function sendAll(port: number): Promise<void> {
  const sender = dgram.createSocket("udp4");
  const payload = new Uint8Array(18);
  for (let i = 0; i < packets; i++) {
    await new Promise<void>((resolve) => sender.send(payload, port, "127.0.0.1", () => resolve()));
  }
  sender.close();
  // Let loopback deliver the last ones.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function round(): Promise<Record<string, number>> {
  const receiver = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => receiver.bind(0, "127.0.0.1", resolve));
  receiver.on("message", () => {});
  const filter = udpPortFilter(receiver.address().port);
  // Room for every packet: the socket's buffer counts each packet's kernel overhead (about
  // 1 KiB on lo), a ring slot takes 160 bytes.
  const socketBuffer = packets * 4096;
  const ringSize = packets * 512;
  const options = { iface: "lo", filter, direction: "in" } as const;
  using socket = openPacketSocket({ ...options, bufferSize: socketBuffer });
  using records = openPacketRing({ ...options, bufferSize: ringSize });
  using batched = openPacketRing({
    ...options,
    bufferSize: ringSize,
    count: packets,
    timeout: 10_000,
  });
  await sendAll(receiver.address().port);
  const perPacket: Record<string, number> = {};
  const time = (name: string, drain: () => number) => {
    const start = performance.now();
    const n = drain();
    const elapsed = performance.now() - start;
    if (n !== packets) throw new Error(`${name} read ${n} of ${packets} packets`);
    perPacket[name] = (elapsed * 1000) / n;
  };
  time("AF_PACKET socket, receive()", () => {
    let n = 0;
    while (socket.receive() !== undefined) n++;
    return n;
  });
  time("TPACKET_V3 ring, receive()", () => {
    let n = 0;
    while (records.receive() !== undefined) n++;
    return n;
  });
  const start = performance.now();
  let n = 0;
  for await (const batch of batched.batches()) n += batch.count;
  if (n !== packets) throw new Error(`the ring's batches() read ${n} of ${packets} packets`);
  perPacket["TPACKET_V3 ring, batches()"] = ((performance.now() - start) * 1000) / n;
  receiver.close();
  return perPacket;
}

const results: Record<string, number>[] = [];
for (let i = 0; i < rounds; i++) results.push(await round());
console.log(`${packets} UDP datagrams on lo, drained after they arrived; µs per packet\n`);
console.log(`| reader | ${results.map((_, i) => `round ${i + 1}`).join(" | ")} |`);
console.log(`| --- | ${results.map(() => "---:").join(" | ")} |`);
for (const name of Object.keys(results[0]!)) {
  console.log(`| ${name} | ${results.map((r) => r[name]!.toFixed(2)).join(" | ")} |`);
}
