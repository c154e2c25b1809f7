// Live capture throughput: a Deno sender floods one end of a veth pair (joined between two
// network namespaces that this script creates and removes) with 60-byte frames through
// pcap_inject; the other end is captured by wirekit (several ways), by `scripts/sniff.ts -w`
// and by `tcpdump -w`. Prints packets sent, captured and dropped, and the rates. Needs root
// and libpcap.
//
//   deno run -A bench/live_capture.ts [--seconds 3] [--size 60] [--senders 2]
//     [--modes batches,records,dump,packet-records,packet-receive,ring-batches,ring-records,
//      sniff,tcpdump] [--rounds 1]
//
// `packet-records` and `packet-receive` capture with wirekit's AF_PACKET socket
// (`openPacketSocket`, no libpcap): by its async iterator, and by draining `receive()` between
// `waitReadable()` calls: one `recvmsg()` per packet, from a 2 MB receive buffer
// (`bufferSize`, as large as libpcap's TPACKET_V3 ring). Their drops are the socket's
// PACKET_STATISTICS.
//
// `ring-batches` and `ring-records` capture with wirekit's own TPACKET_V3 ring
// (`openPacketRing`, no libpcap), the same 2 MB as libpcap's (8 blocks of 256 KiB, 10 ms block
// timeout): by zero-copy `batches()`, and by records (one copy per packet).
//
// `sniff` and `tcpdump` run as tcpdump users run them (`-i IFACE -w FILE -s 262144`, stopped
// with SIGINT, counts from their closing lines); sniff runs on the native Deno binary that
// runs this script (Deno.execPath(), node_modules/deno/deno, not the npm wrapper script).
//
// The script is also its own child process (`--child send|capture ...`), run inside the
// namespaces with `ip netns exec`.

import { formatMac } from "../lib/address.ts";
import { capture } from "../lib/capture/mod.ts";
import { PcapWriter } from "../lib/formats/pcap.ts";
import { openPacketRing, openPacketSocket } from "../lib/rawsocket/mod.ts";

const args = Deno.args;
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const seconds = Number(flag("seconds", "3"));
const size = Number(flag("size", "60"));
const senders = Number(flag("senders", "2"));
const modes = flag(
  "modes",
  "batches,records,dump,packet-records,packet-receive,ring-batches,ring-records,sniff,tcpdump",
).split(",");
const rounds = Number(flag("rounds", "1"));
const sniffScript = new URL("../scripts/sniff.ts", import.meta.url).pathname;
const self = new URL(import.meta.url).pathname;
const deno = Deno.execPath();
const MAC_A = [0x02, 0x77, 0x6b, 0, 0, 0x11];
const MAC_B = [0x02, 0x77, 0x6b, 0, 0, 0x12];

async function childSend(iface: string): Promise<void> {
  const frame = new Uint8Array(size);
  frame.set(MAC_A, 0);
  frame.set(MAC_B, 6);
  frame.set([0x88, 0xb5], 12);
  const view = new DataView(frame.buffer);
  await using live = capture({ iface, immediate: true, snapLength: 64, bufferSize: 1 << 16 });
  const end = performance.now() + seconds * 1000;
  let sent = 0;
  let failed = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 256; i++) {
      view.setUint32(14, sent);
      try {
        live.inject(frame);
        sent++;
      } catch {
        failed++;
      }
    }
  }
  console.log(JSON.stringify({ sent, failed }));
}

/** Captures with wirekit's AF_PACKET socket or ring until the parent closes stdin. */
async function childRawCapture(iface: string, mode: string): Promise<void> {
  const ring = mode.startsWith("ring-")
    ? openPacketRing({ iface, blockSize: 262144, blockCount: 8 })
    : undefined;
  using socket = ring ?? openPacketSocket({ iface, bufferSize: 2 << 20 });
  (async () => {
    for await (const _ of Deno.stdin.readable) { /* wait for EOF */ }
    setTimeout(() => socket.stop(), 300);
  })();
  console.log(JSON.stringify({ ready: true }));
  let captured = 0;
  let bytes = 0;
  const start = performance.now();
  if (ring !== undefined && mode === "ring-batches") {
    for await (const batch of ring.batches()) {
      captured += batch.count;
      for (let i = 0; i < batch.count; i++) bytes += batch.capturedLengths[i]!;
    }
  } else if (mode === "packet-receive") {
    while (socket.stopReason === undefined) {
      for (let record = socket.receive(); record !== undefined; record = socket.receive()) {
        captured++;
        bytes += record.capturedLength;
      }
      await socket.waitReadable(1000);
    }
  } else {
    for await (const record of socket) {
      captured++;
      bytes += record.capturedLength;
    }
  }
  const elapsed = performance.now() - start;
  console.log(JSON.stringify({ captured, bytes, stats: socket.stats(), elapsed }));
  Deno.exit(0);
}

async function childCapture(iface: string, mode: string): Promise<void> {
  if (mode.startsWith("packet-") || mode.startsWith("ring-")) {
    return await childRawCapture(iface, mode);
  }
  const live = capture({ iface, snapLength: 262144 });
  // Stop when the parent closes stdin (after the sender ended).
  (async () => {
    for await (const _ of Deno.stdin.readable) { /* wait for EOF */ }
    setTimeout(() => live.stop(), 300);
  })();
  console.log(JSON.stringify({ ready: true }));
  let captured = 0;
  let bytes = 0;
  const start = performance.now();
  if (mode === "records") {
    for await (const record of live) {
      captured++;
      bytes += record.capturedLength;
    }
  } else if (mode === "dump") {
    const path = await Deno.makeTempFile({ suffix: ".pcap" });
    {
      using file = await Deno.create(path);
      await using writer = new PcapWriter(file, live.pcapWriterOptions);
      for await (const record of live) {
        await writer.write(record);
        captured++;
      }
    }
    await Deno.remove(path);
  } else {
    for await (const batch of live.batches({ reuseBuffers: true })) {
      captured += batch.count;
      for (let i = 0; i < batch.count; i++) bytes += batch.capturedLengths[i]!;
    }
  }
  const elapsed = performance.now() - start;
  console.log(JSON.stringify({ captured, bytes, stats: live.stats(), elapsed }));
  Deno.exit(0);
}

async function sh(command: string[]): Promise<string> {
  const out = await new Deno.Command(command[0]!, { args: command.slice(1), stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`${command.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

async function lines(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<unknown[]> {
  let text = "";
  const decoder = new TextDecoder();
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

interface Row {
  capturer: string;
  sent: number;
  captured: number;
  received: number;
  dropped: number;
}

/** A capturer process whose stderr is read as it comes, to see its banner. */
function spawnCapturer(command: string[]): {
  child: Deno.ChildProcess;
  listening: Promise<void>;
  stderr: () => Promise<string>;
} {
  const child = new Deno.Command(command[0]!, {
    args: command.slice(1),
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  let ready: () => void = () => {};
  const listening = new Promise<void>((resolve) => ready = resolve);
  const reading = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      if (text.includes("listening on")) ready();
    }
  })();
  const failed = child.status.then(async () => {
    await reading;
    if (!text.includes("listening on")) throw new Error(`${command.join(" ")}: ${text}`);
  });
  return {
    child,
    listening: Promise.race([listening, failed]),
    stderr: async () => {
      await child.status;
      await reading;
      return text;
    },
  };
}

async function runOne(nsA: string, nsB: string, mode: string): Promise<Row> {
  const ifA = "wkbench0";
  let capturer: Deno.ChildProcess;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let dumpFile = "";
  let stderr: (() => Promise<string>) | undefined;
  if (mode === "tcpdump" || mode === "sniff") {
    dumpFile = await Deno.makeTempFile({ suffix: ".pcap" });
    const command = mode === "tcpdump"
      ? ["tcpdump", "-i", ifA, "-w", dumpFile, "-s", "262144"]
      : [deno, "run", "--allow-ffi", `--allow-write=${dumpFile}`, sniffScript, "-i", ifA]
        .concat(["-w", dumpFile, "-s", "262144"]);
    const spawned = spawnCapturer(["ip", "netns", "exec", nsA, ...command]);
    capturer = spawned.child;
    stderr = spawned.stderr;
    await spawned.listening;
  } else {
    capturer = new Deno.Command("ip", {
      args: ["netns", "exec", nsA, deno, "run", "-A", self, "--child", "capture", ifA, mode],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    // Wait for "ready" on the first line.
    reader = capturer.stdout.getReader();
    const { value } = await reader.read();
    if (!new TextDecoder().decode(value).includes("ready")) throw new Error("capturer not ready");
  }
  const outputs = await Promise.all(
    Array.from({ length: senders }, () =>
      new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          nsB,
          deno,
          "run",
          "-A",
          self,
          "--child",
          "send",
          "wkbench1",
          "--seconds",
          String(seconds),
          "--size",
          String(size),
        ], // deno-fmt-ignore
        stdout: "piped",
        stderr: "inherit",
      }).output()),
  );
  let sent = 0;
  for (const output of outputs) {
    sent += (JSON.parse(new TextDecoder().decode(output.stdout)) as { sent: number }).sent;
  }
  if (stderr !== undefined) {
    await new Promise((r) => setTimeout(r, 300));
    // `ip netns exec` execs the command, so the signal reaches tcpdump or Deno itself.
    capturer.kill("SIGINT");
    const err = await stderr();
    await capturer.stdin.close().catch(() => {});
    await Deno.remove(dumpFile);
    const num = (re: RegExp) => Number(re.exec(err)?.[1] ?? NaN);
    return {
      capturer: mode === "tcpdump" ? "tcpdump -w" : "sniff.ts -w",
      sent,
      captured: num(/(\d+) packets? captured/),
      received: num(/(\d+) packets? received by filter/),
      dropped: num(/(\d+) packets? dropped by kernel/),
    };
  }
  await capturer.stdin.close();
  const [result] = (await lines(reader!)) as {
    captured: number;
    stats: { received: number; dropped: number };
  }[];
  await capturer.status;
  return {
    capturer: mode.startsWith("packet-")
      ? `wirekit AF_PACKET socket ${mode.slice("packet-".length)}`
      : mode.startsWith("ring-")
      ? `wirekit TPACKET_V3 ring ${mode.slice("ring-".length)}`
      : `wirekit libpcap ${mode}`,
    sent,
    captured: result!.captured,
    received: result!.stats.received,
    dropped: result!.stats.dropped,
  };
}

async function main(): Promise<void> {
  const nsA = `wkb-${Deno.pid}-a`;
  const nsB = `wkb-${Deno.pid}-b`;
  try {
    await sh(["ip", "netns", "add", nsA]);
    await sh(["ip", "netns", "add", nsB]);
    await sh([
      "ip",
      "link",
      "add",
      "wkbench0",
      "netns",
      nsA,
      "type",
      "veth",
      "peer",
      "name",
      "wkbench1",
      "netns",
      nsB,
    ]); // deno-fmt-ignore
    await sh(["ip", "-n", nsA, "link", "set", "wkbench0", "address", formatMac(new Uint8Array(MAC_A), 0)]);
    for (const ns of [nsA, nsB]) {
      await sh([
        "ip",
        "netns",
        "exec",
        ns,
        "sysctl",
        "-q",
        "-w",
        "net.ipv6.conf.all.disable_ipv6=1",
      ]);
      await sh([
        "ip",
        "netns",
        "exec",
        ns,
        "sysctl",
        "-q",
        "-w",
        "net.ipv6.conf.default.disable_ipv6=1",
      ]);
    }
    await sh(["ip", "-n", nsA, "link", "set", "wkbench0", "up"]);
    await sh(["ip", "-n", nsB, "link", "set", "wkbench1", "up"]);
    const rows: Row[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const mode of modes) rows.push(await runOne(nsA, nsB, mode));
    }
    console.log(
      `${size}-byte frames flooded for ${seconds} s by ${senders} Deno senders (pcap_inject)\n`,
    );
    console.log(
      "| capturer | sent | captured | captured/s | dropped by kernel | received by filter |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const row of rows) {
      const rate = Math.round(row.captured / seconds);
      const share = ((100 * row.dropped) / Math.max(1, row.sent)).toFixed(1);
      console.log(
        `| ${row.capturer} | ${row.sent} | ${row.captured} | ${rate} | ` +
          `${row.dropped} (${share} %) | ${row.received} |`,
      );
    }
  } finally {
    await sh(["ip", "netns", "delete", nsA]).catch(() => {});
    await sh(["ip", "netns", "delete", nsB]).catch(() => {});
  }
}

if (args[0] === "--child") {
  if (args[1] === "send") await childSend(args[2]!);
  else await childCapture(args[2]!, args[3] ?? "batches");
} else {
  await main();
}
