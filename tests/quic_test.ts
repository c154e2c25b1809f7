import assert from "node:assert/strict";
import { readQuicLongPackets } from "../lib/app/quic.ts";
import { decryptQuicInitial, quicInitialSecrets } from "../lib/app/quic_initial.ts";
import { QuicSession, type QuicSessionEvent } from "../lib/app/quic_session.ts";
import { sharedCaptures } from "./_shared.ts";
import { hasTshark, tsharkFields } from "./_tshark.ts";
import { eventsPerStream } from "./_app_streams.ts";

const hex = (text: string) =>
  Uint8Array.from(text.replace(/\s/g, "").match(/../g)!, (b) => parseInt(b, 16));
const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

Deno.test("decryptQuicInitial() decrypts the server Initial of RFC 9001 appendix A.3", async () => {
  const datagram = hex(`
    cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a
    5816b6394100f37a1c69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3
    dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84
    022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc4
    2158407dd074ee`);
  const [packet] = readQuicLongPackets(datagram);
  assert.equal(packet?.type, "initial");
  assert.equal(toHex(packet!.sourceId), "f067a5502a4262b5");
  const secrets = await quicInitialSecrets(1, hex("8394c8f03e515708"));
  const payload = await decryptQuicInitial(datagram, packet!, secrets!.server);
  assert.equal(payload?.packetNumber, 1);
  assert.equal(
    toHex(payload!.frames),
    "02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf739" +
      "88cfc79825df566dc5430b9a045a1200130100002e00330024001d00209d3c94" +
      "0d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00020304",
  );
  // With the client's keys the packet does not authenticate.
  assert.equal(await decryptQuicInitial(datagram, packet!, secrets!.client), undefined);
});

/** The QUIC events of each UDP conversation of a capture, the first sender being the client. */
async function quicEventsOf(url: URL): Promise<QuicSessionEvent[]> {
  return (await eventsPerStream(url, "udp", () => new QuicSession())).flat();
}

const captures = sharedCaptures();
const CASES = ["tcpdump/quic_handshake.pcap", "zeek/ppp/quic-interop-retry.pcap"];

Deno.test("QuicSession reads the hellos of QUIC captures as tshark does, through a Retry", {
  ignore: captures === undefined || !(await hasTshark()),
}, async () => {
  let ran = 0;
  for (const name of CASES) {
    const url = new URL(name, captures);
    const { rows } = await tsharkFields(url, [
      "tls.handshake.type",
      "tls.handshake.extensions_server_name",
      "tls.handshake.extensions_alpn_str",
      "tls.handshake.ja3",
      "tls.handshake.ja3s",
    ], {
      aggregator: "|",
      extraArgs: ["-Y", "tls.handshake.type == 1 || tls.handshake.type == 2"],
    });
    const expected = rows.map((row) =>
      row["tls.handshake.type"]!.includes("1")
        ? [
          "client-hello",
          row["tls.handshake.extensions_server_name"]![0],
          row["tls.handshake.extensions_alpn_str"]!.join(","),
          row["tls.handshake.ja3"]![0],
        ]
        : ["server-hello", row["tls.handshake.ja3s"]![0]]
    );
    const actual = (await quicEventsOf(url)).flatMap((e) =>
      e.type === "client-hello"
        ? [[e.type, e.hello.serverName, e.hello.alpn.join(","), e.ja3.hash]]
        : e.type === "server-hello"
        ? [[e.type, e.ja3s.hash]]
        : []
    );
    assert.equal(expected.length, 2, name);
    assert.deepEqual(actual, expected, name);
    ran++;
  }
  assert.equal(ran, CASES.length);
});

Deno.test("QuicSession gives QUIC hellos JA4 fingerprints that begin with q", {
  ignore: captures === undefined,
}, async () => {
  const events = await quicEventsOf(new URL(CASES[0]!, captures));
  const fingerprints = events.flatMap((e) =>
    e.type === "client-hello" ? [e.ja4] : e.type === "server-hello" ? [e.ja4s] : []
  );
  assert.deepEqual(fingerprints.map((f) => f.slice(0, 4)), ["q13d", "q130"]);
});

Deno.test("QuicSession never throws on random and mutated datagrams", async () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const initial = hex("c300000001088394c8f03e51570800004496" + "00".repeat(150));
  for (let i = 0; i < 2000; i++) {
    const session = new QuicSession({ maxCryptoBuffer: 1024 });
    const datagram = i % 2 === 0
      ? Uint8Array.from({ length: Math.floor(random() * 1300) }, () => random() * 256)
      : initial.map((b) => (random() < 0.02 ? random() * 256 : b));
    const events = await session.push(i % 4 < 2 ? "client" : "server", datagram);
    for (const event of events) assert.notEqual(event.type, "client-hello");
  }
});
