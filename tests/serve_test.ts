// Tests of lib/serve/ (the ring, the server's token, static paths, socket and download)
// and of scripts/serve.ts's command line. The page itself is tested in a browser by
// serve_browser_test.ts.

import assert from "node:assert/strict";
import { PacketRing } from "../lib/serve/packet_ring.ts";
import { feedRing } from "../lib/serve/feed.ts";
import { isLoopback, serveRing, staticFile } from "../lib/serve/server.ts";
import { LiveStats } from "../lib/serve/live_stats.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { runScript } from "./_shared.ts";
import { SERVE_FILE, sniffLines, startServe } from "./_serve.ts";

const FILE = SERVE_FILE;

async function loadedRing(capacity?: number): Promise<PacketRing> {
  const ring = new PacketRing(capacity === undefined ? {} : { capacity });
  await using reader = await openCapture(FILE);
  await feedRing(reader.batches({ reuseBuffers: true }), ring);
  return ring;
}

/** Opens a socket and resolves with it once open, or rejects when it fails. */
function openSocket(url: string, headers?: Record<string, string>): Promise<WebSocket> {
  const socket = headers === undefined ? new WebSocket(url) : new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error("Cannot open the socket"));
  });
}

/** Sends a message and resolves with the first reply of a type. */
function ask(socket: WebSocket, message: unknown, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      const reply = JSON.parse(String(event.data));
      if (reply.type !== type) return;
      socket.removeEventListener("message", listener);
      resolve(reply);
    };
    socket.addEventListener("message", listener);
    socket.send(JSON.stringify(message));
  });
}

/** A raw HTTP request (the path as written, not normalised by a URL parser). */
async function rawGet(port: number, path: string): Promise<string> {
  using connection = await Deno.connect({ hostname: "127.0.0.1", port });
  const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
  await connection.write(new TextEncoder().encode(request));
  const buffer = new Uint8Array(4096);
  const n = await connection.read(buffer) ?? 0;
  return new TextDecoder().decode(buffer.subarray(0, n)).split("\r\n")[0]!;
}

Deno.test("PacketRing prints the lines of sniff.ts -n -t", async () => {
  const ring = await loadedRing();
  const expected = sniffLines();
  assert.ok(expected.length > 10);
  assert.deepEqual([...ring.packets()].map((packet) => packet.line), expected);
  const first = ring.get(1)!;
  assert.deepEqual([first.source, first.destination, first.protocol], [
    "10.77.0.1",
    "10.77.0.2",
    "arp",
  ]);
  const icmp = [...ring.packets()].find((packet) => packet.protocol === "icmp")!;
  assert.deepEqual([icmp.source, icmp.destination], ["10.77.0.1", "10.77.0.2"]);
});

Deno.test("PacketRing keeps the most recent packets and counts the others", async () => {
  const ring = await loadedRing(10);
  assert.equal(ring.total, 46);
  assert.equal(ring.evicted, 36);
  assert.equal(ring.first, 37);
  assert.equal(ring.get(36), undefined);
  assert.equal(ring.get(37)?.number, 37);
  assert.deepEqual([...ring.packets()].map((packet) => packet.number), [
    37,
    38,
    39,
    40,
    41,
    42,
    43,
    44,
    45,
    46,
  ]);
  assert.throws(() => new PacketRing({ capacity: 0 }), RangeError);
});

Deno.test("isLoopback() tells loopback addresses from others", () => {
  assert.deepEqual(
    ["127.0.0.1", "127.1.2.3", "::1", "localhost", "0.0.0.0", "10.0.0.1", "::"].map(isLoopback),
    [true, true, true, true, false, false, false],
  );
});

Deno.test("staticFile() refuses paths that leave the static folder", () => {
  assert.match(staticFile("/")!.pathname, /lib\/serve\/static\/index\.html$/);
  assert.match(staticFile("/app.js")!.pathname, /static\/app\.js$/);
  for (
    const path of [
      "/../server.ts",
      "/..%2fserver.ts",
      "/%2e%2e/%2e%2e/deno.json",
      "/a/../../x",
      "/..\\server.ts",
      "/%00",
      "/%zz",
      "//etc/passwd",
    ]
  ) {
    assert.equal(staticFile(path), undefined, path);
  }
});

Deno.test("serveRing() refuses traversal in static requests", async () => {
  const server = serveRing(new PacketRing(), { port: 0 });
  try {
    const port = Number(new URL(server.url).port);
    assert.equal(await rawGet(port, "/app.js"), "HTTP/1.1 200 OK");
    assert.equal(await rawGet(port, "/..%2f..%2fdeno.json"), "HTTP/1.1 403 Forbidden");
    assert.equal(await rawGet(port, "/%2e%2e%2fserver.ts"), "HTTP/1.1 403 Forbidden");
    assert.match(await rawGet(port, "/../../deno.json"), /^HTTP\/1\.1 40[34] /);
  } finally {
    await server.shutdown();
  }
});

Deno.test("serveRing() beyond loopback requires the token on every request and socket", async () => {
  const server = serveRing(new PacketRing(), { hostname: "0.0.0.0", port: 0 });
  try {
    assert.match(server.token!, /^[0-9a-f]{32}$/);
    const port = Number(new URL(server.url).port);
    const base = `http://127.0.0.1:${port}`;
    for (const path of ["/", "/app.js", "/download.pcapng", `/?token=${"0".repeat(32)}`]) {
      const response = await fetch(base + path);
      await response.body?.cancel();
      assert.equal(response.status, 401, path);
    }
    await assert.rejects(openSocket(`ws://127.0.0.1:${port}/socket`));
    await assert.rejects(openSocket(`ws://127.0.0.1:${port}/socket?token=wrong`));

    const page = await fetch(`${base}/?token=${server.token}`);
    assert.equal(page.status, 200);
    await page.body?.cancel();
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    assert.match(cookie, /^wirekit_token=/);
    const script = await fetch(`${base}/app.js`, { headers: { cookie } });
    assert.equal(script.status, 200);
    await script.body?.cancel();
    const socket = await openSocket(`ws://127.0.0.1:${port}/socket?token=${server.token}`);
    socket.close();
  } finally {
    await server.shutdown();
  }
});

Deno.test("serveRing() refuses a socket from another origin", async () => {
  const server = serveRing(new PacketRing(), { port: 0 });
  try {
    const url = server.url.replace("http:", "ws:") + "socket";
    await assert.rejects(openSocket(url, { origin: "http://evil.example" }));
    await assert.rejects(openSocket(url, { origin: "null" }));
    const plain = await fetch(server.url + "socket");
    await plain.body?.cancel();
    assert.equal(plain.status, 400);
    const socket = await openSocket(url, { origin: new URL(server.url).origin });
    socket.close();
  } finally {
    await server.shutdown();
  }
});

Deno.test("serveRing() filters rows, describes packets and downloads pcapng", async () => {
  const ring = await loadedRing();
  const server = serveRing(ring, { port: 0 });
  const socket = await openSocket(server.url.replace("http:", "ws:") + "socket");
  try {
    const all = await ask(socket, { type: "rows", from: 0, count: 100 }, "rows");
    assert.equal((all.rows as unknown[]).length, 46);

    const bad = await ask(socket, { type: "filter", expression: "tcp port nope" }, "error");
    assert.match(String(bad.message), /^Cannot filter: /);
    assert.ok(!String(bad.message).includes("\n"));

    await ask(socket, { type: "filter", expression: "icmp" }, "filter");
    const icmp = await ask(socket, { type: "rows", from: 0, count: 100 }, "rows");
    const rows = icmp.rows as unknown[][];
    const sniff = sniffLines(["icmp"]);
    assert.deepEqual(rows.map((row) => row[6]), sniff);
    const expected = rows.map((row) => ring.get(row[0] as number)!);
    assert.ok(rows.length > 0);

    const detail = await ask(socket, { type: "detail", number: rows[0]![0] }, "detail");
    const layers = detail.layers as { kind: string; offset: number; headerLength: number }[];
    assert.deepEqual(layers.map((layer) => [layer.kind, layer.offset, layer.headerLength]), [
      ["ethernet", 0, 14],
      ["ipv4", 14, 20],
      ["icmp", 34, 8],
    ]);
    assert.equal(String(detail.bytes).length, expected[0]!.data.length * 2);

    const response = await fetch(server.url + "download.pcapng?filter=icmp");
    assert.equal(response.status, 200);
    await using reader = await openCapture(ReadableStream.from([await response.bytes()]));
    const downloaded = await Array.fromAsync(reader);
    assert.equal(reader.format, "pcapng");
    assert.deepEqual(
      downloaded.map((record) => [...record.data]),
      expected.map((p) => [...p.data]),
    );
    const badDownload = await fetch(server.url + "download.pcapng?filter=nope%20nope");
    assert.equal(badDownload.status, 400);
    await badDownload.body?.cancel();
  } finally {
    socket.close();
    await server.shutdown();
  }
});

Deno.test("serveRing() sends live statistics, field ranges and the charting library", async () => {
  const stats = new LiveStats();
  const ring = new PacketRing({ onPacket: (packet, kept) => stats.add(packet, kept) });
  {
    await using reader = await openCapture(FILE);
    await feedRing(reader.batches({ reuseBuffers: true }), ring);
  }
  const server = serveRing(ring, { port: 0, stats });
  const socket = await openSocket(server.url.replace("http:", "ws:") + "socket");
  try {
    const message = await ask(socket, { type: "rows", from: 0, count: 1 }, "stats");
    // The capture spans less than the 60-second window: every packet is in the series.
    const packets = (message.packets as number[][]).flat().reduce((a, b) => a + b, 0);
    assert.equal(packets, ring.total);
    assert.ok((message.protocols as string[]).includes("tcp"));
    const talkers = message.talkers as { address: string; packets: number }[];
    assert.deepEqual(talkers.slice(0, 2).map((t) => t.packets), [24, 24]);

    const detail = await ask(socket, { type: "detail", number: 1 }, "detail");
    const [ethernet] = detail.layers as { ranges: Record<string, number[]> }[];
    assert.deepEqual(ethernet!.ranges.source, [6, 12]);

    const library = await fetch(server.url + "vendor/uplot.js");
    assert.equal(library.status, 200);
    assert.match(library.headers.get("content-type")!, /^text\/javascript/);
    assert.match(await library.text(), /uPlot/);
  } finally {
    socket.close();
    await server.shutdown();
  }
});

Deno.test("serveRing() pushes every new row to a following browser, and none once it stops", async () => {
  const source = await loadedRing();
  const packets = [...source.packets()];
  const ring = new PacketRing();
  const server = serveRing(ring, { port: 0 });
  const socket = await openSocket(server.url.replace("http:", "ws:") + "socket");
  const messages: Record<string, unknown>[] = [];
  socket.addEventListener("message", (event) => messages.push(JSON.parse(String(event.data))));
  const statusAt = (endRow: number) =>
    new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (messages.some((m) => m.type === "status" && m.endRow === endRow)) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
  const record = (p: typeof packets[number]) => ({
    seconds: p.seconds,
    nanoseconds: p.nanoseconds,
    linkType: p.linkType,
    originalLength: p.originalLength,
  });
  try {
    socket.send(JSON.stringify({ type: "follow", on: true }));
    await ask(socket, { type: "rows", from: 0, count: 0 }, "rows");
    // Packets come in three bursts, each known to the page with the status that counts it.
    for (const [from, to] of [[0, 20], [20, 21], [21, 40]] as const) {
      for (const p of packets.slice(from, to)) ring.push(p.data, record(p));
      await statusAt(to);
    }
    const known = new Map<number, unknown[]>();
    for (const message of messages) {
      if (message.type === "status") {
        for (let row = 0; row < Number(message.endRow); row++) assert.ok(known.has(row));
      } else if (message.type === "rows") {
        (message.rows as unknown[][]).forEach((row, i) => known.set(Number(message.from) + i, row));
      }
    }
    assert.equal(known.size, 40);
    assert.deepEqual(
      [...known.values()].map((row) => row[6]),
      packets.slice(0, 40).map((p) => p.line),
    );

    socket.send(JSON.stringify({ type: "follow", on: false }));
    await ask(socket, { type: "detail", number: 1 }, "detail");
    messages.length = 0;
    for (const p of packets.slice(40)) ring.push(p.data, record(p));
    await statusAt(packets.length);
    assert.deepEqual(messages.filter((m) => m.type === "rows"), []);
  } finally {
    socket.close();
    await server.shutdown();
  }
});

Deno.test("serve.ts states its permissions and rejects bad command lines", () => {
  const noFfi = runScript("scripts/serve.ts", ["-r", FILE, "--port", "0"]);
  assert.equal(noFfi.code, 2);
  assert.match(noFfi.stderr, /^Cannot run scripts\/serve\.ts: missing permissions? .*--allow-net/);
  assert.match(noFfi.stderr, /--allow-ffi/);
  const none = runScript("scripts/serve.ts", []);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Cannot parse arguments: give one of -r FILE or -i IFACE\n/);
  const port = runScript("scripts/serve.ts", ["-r", FILE, "--port", "70000"]);
  assert.equal(port.code, 2);
  assert.match(port.stderr, /--port must be an integer/);
  assert.ok(!/\bat .*:\d+:\d+/.test(noFfi.stderr + none.stderr + port.stderr));
});

Deno.test("serve.ts beyond loopback prints a token and refuses requests without it", async () => {
  await using serve = await startServe(["-r", FILE, "--listen", "0.0.0.0"], { allow: "0.0.0.0" });
  const token = serve.url.match(/\?token=([0-9a-f]{32})$/)?.[1];
  assert.ok(token !== undefined, serve.url);
  const port = new URL(serve.url).port;
  const refused = await fetch(`http://127.0.0.1:${port}/`);
  await refused.body?.cancel();
  assert.equal(refused.status, 401);
  const page = await fetch(`http://127.0.0.1:${port}/?token=${token}`);
  await page.body?.cancel();
  assert.equal(page.status, 200);
});
