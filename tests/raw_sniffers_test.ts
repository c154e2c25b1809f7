import assert from "node:assert/strict";
import { createNetnsPair, denoPath, run } from "./_netns.ts";
import { readFirstLine } from "../bench/_tools.ts";
import { arpSnifferLines, bytesLiteral, tcpSnifferLines } from "../lib/output/raw_sniffers.ts";

const scripts = new URL("../scripts/", import.meta.url).pathname;

async function skipReason(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "the raw socket sniffers run on Linux only";
  if (Deno.uid() !== 0) return "the raw socket sniffer tests need root (CI runs them as root)";
  try {
    await run(["ip", "-V"]);
    await run(["ping", "-V"]);
  } catch {
    return "ip (iproute2) or ping (iputils-ping) is not installed";
  }
  return undefined;
}

const reason = await skipReason();
if (reason !== undefined) console.log(`raw_sniffers_test.ts: skipping live tests: ${reason}`);
const ignore = reason !== undefined;

/** Starts a sniffer in a namespace; resolves once its banner says the socket is open. */
async function startSniffer(ns: string, script: string, args: string[]) {
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", ns, denoPath, "run", "--allow-ffi", `${scripts}${script}`, ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const json = args.includes("--json");
  const reader = (json ? child.stderr : child.stdout).pipeThrough(new TextDecoderStream())
    .getReader();
  const bannerText = await readFirstLine(reader);
  assert.match(bannerText, /start/i);
  const rest = (async () => {
    let text = bannerText;
    while (true) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += value;
    }
  })();
  const other = new Response(json ? child.stdout : child.stderr).text();
  return {
    async output(): Promise<string> {
      const [text, otherText, status] = await Promise.all([rest, other, child.status]);
      assert.equal(status.code, 0, json ? text : otherText);
      return json ? otherText : text;
    },
  };
}

Deno.test("arpSnifferLines() and tcpSnifferLines() print the seed's fields", () => {
  const lines = arpSnifferLines({
    destinationMac: "ffffffffffff",
    sourceMac: "02776b000001",
    hardware: "0001",
    protocol: "0800",
    opcode: "0001",
    operation: "Request",
    senderMac: "02776b000001",
    senderIp: "10.200.0.1",
    targetMac: "000000000000",
    targetIp: "10.200.0.2",
  });
  assert.equal(lines[0], "=".repeat(50));
  assert.equal(lines[7], "  Opcode:     0001 (Request)");
  assert.equal(lines[11], "  Target IP:  10.200.0.2");
  const tcp = tcpSnifferLines({
    source: "a",
    destination: "b",
    sourcePort: 1,
    destinationPort: 2,
    flags: ["SYN"],
    sequence: 9,
    acknowledgment: 0,
    window: 10,
    payloadLength: 0,
    payload: new Uint8Array(0),
  });
  assert.deepEqual(tcp, ["Port 1 -> 2 [SYN] Seq=9 Ack=0 Win=10 Len=0"]);
  assert.equal(bytesLiteral(new Uint8Array([0x5c, 0xff])), "b'\\\\\\xff'");
});

Deno.test("raw socket scripts name the missing --allow-ffi flag", async () => {
  const cases: [string, string[]][] = [
    ["ip_sniffer.ts", ["-c", "1"]],
    ["tcp_sniffer.ts", ["-c", "1"]],
    ["arp_sniffer.ts", ["-c", "1"]],
    ["ping.ts", ["127.0.0.1"]],
    ["arping.ts", ["-I", "lo", "127.0.0.1"]],
  ];
  for (const [script, args] of cases) {
    const result = await run([denoPath, "run", `${scripts}${script}`, ...args]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `^Cannot run scripts/${script}: missing permission --allow-ffi\nRun it as: deno run --allow-ffi scripts/${script}`,
      ),
    );
  }
});

Deno.test({
  name: "arp_sniffer.ts prints the ARP request and reply between two namespaces",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const sniffer = await startSniffer(pair.nsB, "arp_sniffer.ts", ["-i", pair.ifB, "-c", "2"]);
    await pair.exec(pair.nsA, ["ping", "-c", "1", "-W", "2", pair.ipB]);
    const output = await sniffer.output();
    const mac = (m: string) => m.replaceAll(":", "");
    assert.match(
      output,
      new RegExp(
        "ETHERNET FRAME\n  Dest MAC:   ffffffffffff\n  Source MAC: " + mac(pair.macA) + "\n" +
          "ARP HEADER\n  Hardware:   0001\n  Protocol:   0800\n  Opcode:     0001 \\(Request\\)\n" +
          `  Sender MAC: ${mac(pair.macA)}\n  Sender IP:  ${pair.ipA}\n` +
          `  Target MAC: 000000000000\n  Target IP:  ${pair.ipB}\n`,
      ),
    );
    assert.match(
      output,
      new RegExp(
        `  Opcode:     0002 \\(Reply\\)\n  Sender MAC: ${
          mac(pair.macB)
        }\n  Sender IP:  ${pair.ipB}\n` +
          `  Target MAC: ${mac(pair.macA)}\n  Target IP:  ${pair.ipA}\n`,
      ),
    );
  },
});

Deno.test({
  name: "ip_sniffer.ts prints the pings between two namespaces, as text and JSON",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const text = await startSniffer(pair.nsB, "ip_sniffer.ts", ["-c", "2"]);
    const json = await startSniffer(pair.nsB, "ip_sniffer.ts", [
      "-p",
      "1",
      "-c",
      "1",
      "--json",
      "-i",
      pair.ifB,
    ]);
    await pair.exec(pair.nsA, ["ping", "-c", "2", "-i", "0.2", "-W", "2", pair.ipB]);
    assert.equal(
      await text.output(),
      `Sniffer start... (Ctrl+C to stop)\nICMP: ${pair.ipA} -> ${pair.ipB}\nICMP: ${pair.ipA} -> ${pair.ipB}\n`,
    );
    const entry = JSON.parse(await json.output());
    assert.equal(entry.protocolName, "ICMP");
    assert.equal(entry.source, pair.ipA);
    assert.equal(entry.length, 84);
  },
});

Deno.test({
  name: "tcp_sniffer.ts prints a connection's segments with flags, numbers and data",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const server = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        pair.nsB,
        "python3",
        "-c",
        "import socket\ns=socket.socket();s.bind(('0.0.0.0',7777));s.listen(1);print('up',flush=True)\n" +
        "c,_=s.accept()\nwhile c.recv(100): pass\nc.close()",
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const serverOut = server.stdout.getReader();
    await serverOut.read();
    const all = await startSniffer(pair.nsB, "tcp_sniffer.ts", ["--all", "-c", "2"]);
    const data = await startSniffer(pair.nsB, "tcp_sniffer.ts", ["-c", "1"]);
    const client = await pair.exec(pair.nsA, [
      "python3",
      "-c",
      `import socket\nc=socket.create_connection(('${pair.ipB}',7777))\nc.sendall(b'hello raw\\n')\nc.close()`,
    ]);
    assert.equal(client.code, 0, client.stderr);
    const allLines = (await all.output()).split("\n");
    const syn = /^Port (\d+) -> 7777 \[SYN\] Seq=(\d+) Ack=0 Win=\d+ Len=0$/.exec(allLines[1]!);
    assert.ok(syn, allLines.join("\n"));
    const isn = Number(syn[2]);
    assert.match(
      allLines[2]!,
      new RegExp(
        `^Port ${syn[1]} -> 7777 \\[ACK\\] Seq=${(isn + 1) >>> 0} Ack=\\d+ Win=\\d+ Len=0$`,
      ),
    );
    const dataLines = (await data.output()).split("\n");
    assert.match(
      dataLines[1]!,
      new RegExp(
        `^Port ${syn[1]} -> 7777 \\[PSH,ACK\\] Seq=${(isn + 1) >>> 0} Ack=\\d+ Win=\\d+ Len=10$`,
      ),
    );
    assert.equal(dataLines[2], "Data: b'hello raw\\n'...");
    serverOut.releaseLock();
    await server.stdout.cancel();
    await server.status;
  },
});

Deno.test({
  name: "ping.ts and arping.ts print iputils' lines and summaries between two namespaces",
  ignore,
  fn: async () => {
    await using pair = await createNetnsPair();
    const script = (name: string, args: string[]) =>
      pair.exec(pair.nsA, [denoPath, "run", "--allow-ffi", `${scripts}${name}`, ...args]);
    const arp = await script("arping.ts", ["-I", pair.ifA, "-c", "3", "-i", "0.2", pair.ipB]);
    assert.equal(arp.code, 0, arp.stderr);
    const mac = pair.macB.toUpperCase();
    assert.match(
      arp.stdout,
      new RegExp(
        `^ARPING ${pair.ipB} from ${pair.ipA} ${pair.ifA}\n` +
          `(Unicast reply from ${pair.ipB} \\[${mac}\\]  \\d+\\.\\d{3}ms\n){3}` +
          "Sent 3 probes \\(1 broadcast\\(s\\)\\)\nReceived 3 response\\(s\\)\n$",
      ),
    );
    const ping = await script("ping.ts", ["-c", "3", "-i", "0.2", pair.ipB]);
    assert.equal(ping.code, 0, ping.stderr);
    assert.match(
      ping.stdout,
      new RegExp(
        `^PING ${pair.ipB} \\(${pair.ipB}\\) 56\\(84\\) bytes of data\\.\n` +
          `64 bytes from ${pair.ipB}: icmp_seq=1 ttl=64 time=[\\d.]+ ms\n` +
          `64 bytes from ${pair.ipB}: icmp_seq=2 ttl=64 time=[\\d.]+ ms\n` +
          `64 bytes from ${pair.ipB}: icmp_seq=3 ttl=64 time=[\\d.]+ ms\n\n` +
          `--- ${pair.ipB} ping statistics ---\n` +
          "3 packets transmitted, 3 received, 0% packet loss, time \\d+ms\n" +
          "rtt min/avg/max/mdev = [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms\n$",
      ),
    );
    // The same summary line as iputils' ping, for an address nobody has.
    const lost = await script("ping.ts", ["-c", "2", "-i", "0.2", "-W", "0.3", "10.200.0.9"]);
    assert.equal(lost.code, 1);
    assert.match(
      lost.stdout,
      /\n2 packets transmitted, 0 received, 100% packet loss, time \d+ms\n$/,
    );
    const iputils = await pair.exec(pair.nsA, [
      "ping",
      "-c",
      "2",
      "-i",
      "0.2",
      "-W",
      "1",
      "10.200.0.9",
    ]);
    assert.match(
      iputils.stdout,
      /\n2 packets transmitted, 0 received, .*100% packet loss, time \d+ms\n/,
    );
  },
});
