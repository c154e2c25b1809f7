// The TLS and QUIC peers of testdata/record_deno.sh, built on Deno's own TLS (rustls) and
// QUIC (quinn) endpoints. Each connection carries one line that the server sends back.
//
//   deno run --unstable-net -A _deno_peers.ts server CERT KEY
//   deno run --unstable-net -A _deno_peers.ts tls HOST PORT CA SERVER_NAME ALPN[,ALPN...]
//   deno run --unstable-net -A _deno_peers.ts quic HOST PORT CA SERVER_NAME ALPN[,ALPN...]
//
// The server listens for TLS on TCP 4443 (ALPN h2, http/1.1, x-wirekit) and for QUIC on UDP
// 4443 (ALPN h3, x-wirekit), on every address, until it is killed.

const [mode, ...args] = Deno.args;
const line = new TextEncoder().encode("hello from wirekit\n");

async function echo(readable: ReadableStream<Uint8Array>, writable: WritableStream<Uint8Array>) {
  const reader = readable.getReader();
  const writer = writable.getWriter();
  const { value } = await reader.read();
  if (value !== undefined) await writer.write(value);
  await writer.close();
  reader.releaseLock();
}

async function exchange(readable: ReadableStream<Uint8Array>, writable: WritableStream<Uint8Array>) {
  const writer = writable.getWriter();
  await writer.write(line);
  const reader = readable.getReader();
  const { value } = await reader.read();
  if (value === undefined || value.length !== line.length) throw new Error("no echo");
  await writer.close().catch(() => {});
}

if (mode === "server") {
  const [certFile, keyFile] = args;
  const cert = await Deno.readTextFile(certFile!);
  const key = await Deno.readTextFile(keyFile!);
  const tls = Deno.listenTls({ port: 4443, hostname: "::", cert, key, alpnProtocols: ["h2", "http/1.1", "x-wirekit"] });
  const endpoint = new Deno.QuicEndpoint({ hostname: "::", port: 4443 });
  const quic = endpoint.listen({ cert, key, alpnProtocols: ["h3", "x-wirekit"] });
  (async () => {
    for await (const conn of quic) {
      (async () => {
        const connection = await conn.accept();
        const reader = connection.incomingBidirectionalStreams.getReader();
        const { value: stream } = await reader.read();
        if (stream !== undefined) await echo(stream.readable, stream.writable);
        await connection.closed.catch(() => {});
      })().catch(() => {});
    }
  })();
  for await (const conn of tls) {
    (async () => {
      await conn.handshake();
      await echo(conn.readable, conn.writable);
    })().catch(() => {});
  }
} else if (mode === "tls" || mode === "quic") {
  const [hostname, port, caFile, serverName, alpn] = args;
  const caCerts = [await Deno.readTextFile(caFile!)];
  const alpnProtocols = alpn!.split(",");
  if (mode === "tls") {
    // startTls over a TCP connection to the address: it names the server without resolving it.
    const tcp = await Deno.connect({ hostname: hostname!, port: Number(port) });
    const conn = await Deno.startTls(tcp, { hostname: serverName!, caCerts, alpnProtocols });
    await conn.handshake();
    await exchange(conn.readable, conn.writable);
  } else {
    const conn = await Deno.connectQuic({ hostname: hostname!, port: Number(port), caCerts, serverName: serverName!, alpnProtocols });
    const stream = await conn.createBidirectionalStream();
    await exchange(stream.readable, stream.writable);
    conn.close({ closeCode: 0, reason: "done" });
    await conn.closed;
  }
} else {
  console.error(`_deno_peers.ts: unknown mode ${mode}`);
  Deno.exit(2);
}
