import assert from "node:assert/strict";
import dgram from "node:dgram";
import { decode } from "../lib/decode.ts";
import { openPacketRing, openPacketSocket, RawSocketError } from "../lib/rawsocket/mod.ts";

const asRoot = Deno.build.os === "linux" && Deno.uid() === 0;
if (!asRoot) {
  console.log("packet_ring_test.ts: skipping the capture tests: they need root on Linux");
}

/** Accepts nothing: `ret #0`. */
const NOTHING = [{ code: 0x06, jt: 0, jf: 0, k: 0 }];

Deno.test("openPacketRing() rejects a bad ring geometry before opening anything", () => {
  for (
    const [options, message] of [
      [{ blockSize: 1000 }, /blockSize must be a multiple of 4096 up to 1 GiB: received 1000/],
      [{ blockSize: 4096.5 }, /blockSize must be/],
      [{ blockCount: 0 }, /blockCount must be >= 1: received 0/],
      [{ blockTimeout: 0 }, /blockTimeout must be 1 to 60000: received 0/],
      [{ blockSize: 2 ** 30, blockCount: 4 }, /below 4 GiB: received 4294967296/],
    ] as const
  ) {
    assert.throws(() => openPacketRing(options), (error: unknown) => {
      assert.ok(error instanceof RangeError);
      assert.match(error.message, /^Cannot open packet ring: /);
      assert.match(error.message, message);
      return true;
    });
  }
  assert.throws(
    () => openPacketRing({ iface: "nosuch0" }),
    (error: unknown) =>
      error instanceof RawSocketError && error.code === "no-such-device" &&
      /^Cannot open packet ring on "nosuch0": no such interface/.test(error.message),
  );
});

Deno.test({
  name: "openPacketRing().batches() hands every block back: 400 datagrams through four blocks",
  ignore: !asRoot,
  fn: async () => {
    const receiver = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => receiver.bind(0, "127.0.0.1", resolve));
    const port = receiver.address().port;
    // ldh [12]; jeq #0x800; ldb [23]; jeq #17; ldh [36]; jeq #port; ret #262144; ret #0
    const filter = [
      { code: 0x28, jt: 0, jf: 0, k: 12 },
      { code: 0x15, jt: 0, jf: 5, k: 0x0800 },
      { code: 0x30, jt: 0, jf: 0, k: 23 },
      { code: 0x15, jt: 0, jf: 3, k: 17 },
      { code: 0x28, jt: 0, jf: 0, k: 36 },
      { code: 0x15, jt: 0, jf: 1, k: port },
      { code: 0x06, jt: 0, jf: 0, k: 262144 },
      { code: 0x06, jt: 0, jf: 0, k: 0 },
    ];
    const total = 400;
    // A 4 KiB block holds about 14 of these packets (each is seen leaving and arriving on
    // lo): the ring of four wraps around seven times. A batch holds its block, so each
    // round of sending stays within the other three.
    using ring = openPacketRing({
      iface: "lo",
      filter,
      blockSize: 4096,
      blockCount: 4,
      blockTimeout: 20,
      count: total,
      timeout: 20_000,
    });
    const sender = dgram.createSocket("udp4");
    const send = (n: number) =>
      new Promise<void>((resolve, reject) =>
        sender.send(
          `datagram ${n}`,
          port,
          "127.0.0.1",
          (error) => error ? reject(error) : resolve(),
        )
      );
    try {
      let sent = 0;
      const seen: string[] = [];
      const blocks = new Set<number>();
      // Send in rounds of five and read what arrived before sending more: no drops.
      while (sent < 5) await send(sent++);
      for await (const batch of ring.batches()) {
        assert.equal(batch.buffer.length, ring.ringSize);
        for (let i = 0; i < batch.count; i++) {
          blocks.add(Math.floor(batch.offsets[i]! / ring.blockSize));
          const payload = decode(batch.linkTypes[i]!, batch.data(i)).layer("udp")!.payload;
          seen.push(new TextDecoder().decode(payload));
          assert.equal(batch.packetTypes[i], 0); // PACKET_HOST: the outgoing copy is dropped
        }
        while (sent < Math.min(seen.length + 5, total)) await send(sent++);
      }
      assert.equal(ring.stopReason, "count");
      assert.deepEqual(seen, Array.from({ length: total }, (_, n) => `datagram ${n}`));
      assert.deepEqual([...blocks].sort(), [0, 1, 2, 3]);
      assert.equal(ring.stats().dropped, 0);
    } finally {
      sender.close();
      receiver.close();
    }
  },
});

Deno.test({
  name: "openPacketRing() stops promptly on abort with no traffic; close() empties ring views",
  ignore: !asRoot,
  fn: async () => {
    const controller = new AbortController();
    const ring = openPacketRing({ iface: "lo", filter: NOTHING, signal: controller.signal });
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    let batches = 0;
    for await (const _ of ring.batches()) batches++;
    assert.equal(batches, 0);
    assert.equal(ring.stopReason, "aborted");
    assert.ok(performance.now() - started < 500);
    ring.close();
    ring.close();
    assert.equal(ring.closed, true);
    assert.throws(() => ring.receive(), /Cannot use raw socket: it is closed/);

    // A view into the ring, kept after close(), reads as empty instead of unmapped memory.
    await using pinger = new Deno.Command("ping", {
      args: ["-c", "20", "-i", "0.05", "127.0.0.1"],
      stdout: "null",
      stderr: "null",
    }).spawn();
    const other = openPacketRing({ iface: "lo", count: 1, timeout: 5000 });
    let kept: Uint8Array | undefined;
    let buffer: Uint8Array | undefined;
    for await (const batch of other.batches()) {
      kept = batch.data(0);
      buffer = batch.buffer;
    }
    assert.ok(kept !== undefined && kept.length > 0);
    other.close();
    assert.equal(kept.length, 0);
    assert.equal(buffer!.length, 0);
    assert.equal(kept[0], undefined);
    pinger.kill();
  },
});

Deno.test({
  name: "openPacketRing() unmapped by the garbage collector leaves kept views empty, not dangling",
  ignore: !asRoot,
  fn: async () => {
    const mod = new URL("../mod.ts", import.meta.url).href;
    // The ring is dropped without close(): its finalizer must detach the buffer before munmap,
    // or reading the kept view would crash the process.
    const script = `
      import { openPacketRing } from ${JSON.stringify(mod)};
      async function firstPacket() {
        const ring = openPacketRing({ iface: "lo", count: 1, timeout: 5000 });
        for await (const batch of ring.batches()) return batch.data(0);
      }
      const ping = new Deno.Command("ping", { args: ["-c", "30", "-i", "0.05", "127.0.0.1"],
        stdout: "null" }).spawn();
      const kept = await firstPacket();
      const before = kept.length;
      for (let i = 0; i < 100 && kept.length > 0; i++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      try { ping.kill(); } catch { /* it ended */ }
      console.log(JSON.stringify({ before, after: kept.length, read: kept[0] ?? null }));
    `;
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--v8-flags=--expose-gc", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    const result = JSON.parse(new TextDecoder().decode(output.stdout));
    assert.ok(result.before > 0);
    assert.deepEqual({ after: result.after, read: result.read }, { after: 0, read: null });
  },
});

Deno.test({
  name: "openPacketSocket() sets its receive buffer; openPacketRing() sizes its ring by it",
  ignore: !asRoot,
  fn: () => {
    using socket = openPacketSocket({ iface: "lo", filter: NOTHING, bufferSize: 4 << 20 });
    assert.equal(socket.receiveBufferSize, 4 << 20);
    using plain = openPacketSocket({ iface: "lo", filter: NOTHING });
    assert.notEqual(plain.receiveBufferSize, 4 << 20);
    using ring = openPacketRing({ iface: "lo", filter: NOTHING, bufferSize: 3 << 20 });
    assert.equal(ring.blockCount, 12);
    assert.equal(ring.ringSize, 3 << 20);
    using sized = openPacketRing({
      iface: "lo",
      filter: NOTHING,
      bufferSize: 1000,
      blockSize: 8192,
    });
    assert.equal(sized.blockCount, 2);
    using fixed = openPacketRing({
      iface: "lo",
      filter: NOTHING,
      bufferSize: 1 << 20,
      blockCount: 3,
    });
    assert.equal(fixed.blockCount, 3);
    assert.throws(
      () => openPacketSocket({ iface: "lo", bufferSize: 0 }),
      /bufferSize must be 1 to 2\^30 bytes: received 0/,
    );
    socket.close();
    assert.throws(() => socket.receiveBufferSize, /it is closed/);
  },
});
