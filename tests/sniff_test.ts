import assert from "node:assert/strict";
import { parseSniffArgs, sniff, sniffPermissions } from "../scripts/sniff.ts";
import { closingLines, interfaceLine } from "../lib/pipeline/live.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { hasCommand, runScript, testdataDir } from "./_shared.ts";
import { pcapBytes } from "../lib/formats/pcap_writer.ts";
import { LinkType, linkTypeText } from "../lib/link_type.ts";

const SCRIPT = new URL("../scripts/sniff.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;
const CAPTURE = new URL("namespaces.pcap", testdataDir).pathname;

/** Runs sniff in this process and returns its exit status, stdout and stderr. */
async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const chunks: string[] = [];
  const errors: string[] = [];
  const decoder = new TextDecoder();
  const status = await sniff(args, {
    stdout: (bytes) => {
      chunks.push(decoder.decode(bytes));
    },
    stderr: (text) => {
      errors.push(text);
    },
  });
  return { status, stdout: chunks.join(""), stderr: errors.join("\n") };
}

Deno.test("parseSniffArgs() reads grouped flags and values as tcpdump does", () => {
  const args = parseSniffArgs(["-nnvv", "-tttt", "-c5", "-r", "in.pcap", "-XX", "-e", "-#"]);
  assert.equal(args.file, "in.pcap");
  assert.equal(args.count, 5);
  assert.equal(args.verbose, 2);
  assert.equal(args.t, 4);
  assert.equal(args.hex, 2);
  assert.equal(args.ascii, true);
  assert.equal(args.link, true);
  assert.equal(args.number, true);
  assert.deepEqual(parseSniffArgs(["-rfile", "-w", "out.pcap", "--nano"]).write, "out.pcap");
  assert.deepEqual(parseSniffArgs(["-r", "f", "tcp", "port", "80"]).filter, ["tcp", "port", "80"]);
});

Deno.test("parseSniffArgs() reads tcpdump's live capture options", () => {
  const args = parseSniffArgs([
    "-i",
    "eth0",
    "-s0",
    "-pB",
    "4096",
    "--immediate-mode",
    "-Q",
    "in",
    "-U",
    "not",
    "port",
    "22",
  ]);
  assert.equal(args.interface, "eth0");
  assert.equal(args.snapLength, 262144);
  assert.equal(args.promiscuous, false);
  assert.equal(args.bufferSize, 4096);
  assert.equal(args.immediate, true);
  assert.equal(args.direction, "in");
  assert.equal(args.packetBuffered, true);
  assert.deepEqual(args.filter, ["not", "port", "22"]);
  const long = parseSniffArgs([
    "--interface=lo",
    "--snapshot-length",
    "96",
    "--immediate",
    "--list-interfaces",
    "--time-stamp-precision=nano",
    "-c7",
  ]);
  assert.equal(long.interface, "lo");
  assert.equal(long.snapLength, 96);
  assert.equal(long.immediate, true);
  assert.equal(long.listInterfaces, true);
  assert.equal(long.nano, true);
  assert.equal(long.count, 7);
  assert.equal(parseSniffArgs(["-D"]).listInterfaces, true);
  assert.equal(parseSniffArgs([]).promiscuous, true);
});

Deno.test("sniffPermissions() asks for FFI only where libpcap is used", () => {
  const names = (args: string[]) => sniffPermissions(parseSniffArgs(args)).map((n) => n.name);
  assert.deepEqual(names(["-r", "a.pcap"]), ["read"]);
  assert.deepEqual(names(["-r", "a.pcap", "-w", "b.pcap"]), ["read", "write"]);
  assert.deepEqual(names(["-r", "a.pcap", "arp"]), ["ffi", "read"]);
  assert.deepEqual(names(["-i", "lo", "-w", "b.pcap"]), ["ffi", "write"]);
  assert.deepEqual(names([]), ["ffi"]);
  assert.deepEqual(names(["-D"]), ["ffi"]);
});

Deno.test("interfaceLine() and closingLines() print as tcpdump does", () => {
  const iface = {
    name: "eth0",
    addresses: [],
    loopback: false,
    up: true,
    running: true,
    wireless: false,
    connectionStatus: "connected" as const,
    flags: 0x16,
  };
  assert.equal(interfaceLine(1, iface), "1.eth0 [Up, Running, Connected]");
  assert.equal(
    interfaceLine(2, { ...iface, name: "any", description: "Pseudo-device", flags: 0x36 }),
    "2.any (Pseudo-device) [Up, Running]",
  );
  assert.equal(interfaceLine(4, { ...iface, name: "ifb0", flags: 0x30 }), "4.ifb0 [none]");
  assert.equal(interfaceLine(5, { ...iface, name: "x", flags: 0 }), "5.x");
  assert.equal(
    interfaceLine(6, { ...iface, name: "w", flags: 0x2e }),
    "6.w [Up, Running, Wireless, Not associated]",
  );
  assert.equal(
    interfaceLine(7, { ...iface, name: "d", flags: 0x02 }),
    "7.d [Up, Connection status unknown]",
  );
  assert.deepEqual(closingLines(0, { received: 1, dropped: 2, interfaceDropped: 1 }), [
    "0 packets captured",
    "1 packet received by filter",
    "2 packets dropped by kernel",
    "1 packet dropped by interface",
  ]);
  assert.equal(linkTypeText(276), "LINUX_SLL2 (Linux cooked v2)");
});

Deno.test("parseSniffArgs() rejects unknown flags and missing values", () => {
  assert.throws(() => parseSniffArgs(["-Z"]), TypeError);
  assert.throws(() => parseSniffArgs(["-r"]), TypeError);
  assert.throws(() => parseSniffArgs(["-c", "0"]), TypeError);
  assert.throws(() => parseSniffArgs(["--bogus"]), TypeError);
  assert.throws(() => parseSniffArgs(["-s", "262145"]), TypeError);
  assert.throws(() => parseSniffArgs(["-B", "0"]), TypeError);
  assert.throws(() => parseSniffArgs(["-Q", "both"]), TypeError);
  assert.throws(() => parseSniffArgs(["--interface"]), TypeError);
  assert.throws(() => parseSniffArgs(["--immediate=1"]), TypeError);
});

Deno.test("parseSniffArgs() takes --ring for live capture on a named interface only", () => {
  const args = parseSniffArgs(["--ring", "-i", "eth0", "-B", "8192", "udp"]);
  assert.equal(args.ring, true);
  assert.equal(args.interface, "eth0");
  assert.equal(parseSniffArgs(["-i", "eth0"]).ring, false);
  assert.throws(() => parseSniffArgs(["--ring"]), /--ring needs an interface \(-i IFACE\)/);
  assert.throws(
    () => parseSniffArgs(["--ring", "-i", "lo", "-r", "x.pcap"]),
    /--ring captures live, without -r or -D/,
  );
  assert.throws(() => parseSniffArgs(["--ring", "-D"]), /without -r or -D/);
});

Deno.test({
  name: "sniff() prints every packet of a file, one line each, and stops at -c",
  permissions: { read: true, env: true },
  async fn() {
    const all = await run(["-n", "-tt", "-r", CAPTURE]);
    assert.equal(all.status, 0);
    const lines = all.stdout.trimEnd().split("\n");
    let packets = 0;
    await using reader = await openCapture(CAPTURE);
    for await (const _ of reader) packets++;
    assert.equal(lines.length, packets);
    assert.match(lines[0]!, /^\d+\.\d{6} ARP, Request who-has /);
    const some = await run(["-n", "-tt", "-c", "3", "-r", CAPTURE]);
    assert.deepEqual(some.stdout.trimEnd().split("\n"), lines.slice(0, 3));
  },
});

Deno.test({
  name: "sniff() prints JSON lines with --json",
  permissions: { read: true, env: true },
  async fn() {
    const { status, stdout } = await run(["--json", "-c", "2", "-r", CAPTURE]);
    assert.equal(status, 0);
    const objects = stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.equal(objects.length, 2);
    assert.equal(typeof objects[0].timestamp, "string");
    assert.ok("ethernet" in objects[0] && "arp" in objects[0]);
  },
});

Deno.test({
  name: "sniff() writes the selected packets with -w, and reads them back the same",
  permissions: { read: true, write: true, env: true },
  async fn() {
    const out = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      const written = await run(["-c", "10", "-r", CAPTURE, "-w", out]);
      assert.equal(written.status, 0);
      assert.equal(written.stdout, "");
      const original = await run(["-n", "-c", "10", "-r", CAPTURE]);
      const copy = await run(["-n", "-r", out]);
      assert.equal(copy.stdout, original.stdout);
    } finally {
      await Deno.remove(out);
    }
  },
});

Deno.test({
  name: "sniff() names --allow-ffi for live capture and filters, and reports unreadable files",
  permissions: { read: true, env: true, ffi: false },
  async fn() {
    const live = await run(["-i", "eth0"]);
    assert.equal(live.status, 2);
    assert.equal(
      live.stderr,
      "Cannot run scripts/sniff.ts: missing permission --allow-ffi\n" +
        "Run it as: deno run --allow-ffi scripts/sniff.ts -i eth0",
    );
    const filter = await run(["-r", CAPTURE, "tcp port 80"]);
    assert.equal(filter.status, 2);
    assert.match(
      filter.stderr,
      /missing permission --allow-ffi\nRun it as: deno run --allow-ffi --allow-read .* 'tcp port 80'$/,
    );
    const missing = await run(["-r", `${CAPTURE}.missing`]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^Cannot read /);
    // A directory: the reader's own line and its remedy, not the read(2) error.
    const directory = await run(["-r", new URL(".", testdataDir).pathname]);
    assert.equal(directory.status, 1);
    assert.match(
      directory.stderr,
      /^Cannot read \S+: Cannot open capture file \S+: it is a directory, give a pcap or pcapng file$/,
    );
    assert.equal((await run([])).status, 2);
    assert.equal((await run(["-D"])).status, 2);
    assert.equal((await run(["-Q"])).status, 2);
    assert.equal((await run(["-h"])).status, 0);
  },
});

Deno.test({
  name: "sniff() says which file it reads, as tcpdump does on stderr",
  permissions: { read: true, env: true },
  async fn() {
    for (const file of ["namespaces.pcap", "namespaces.pcapng"]) {
      const path = new URL(file, testdataDir).pathname;
      const { status, stderr } = await run(["-c", "1", "-r", path]);
      assert.equal(status, 0);
      assert.equal(
        stderr,
        `reading from file ${path}, link-type EN10MB (Ethernet), snapshot length 262144`,
      );
    }
  },
});

Deno.test({
  name: "sniff.ts runs with --allow-read only and names a missing permission",
  ignore: !(await hasCommand(Deno.execPath())),
  permissions: { read: true, run: true, env: true },
  async fn() {
    const ok = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", SCRIPT, "-n", "-t", "-c", "2", "-r", CAPTURE],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(ok.code, 0, new TextDecoder().decode(ok.stderr));
    const lines = new TextDecoder().decode(ok.stdout).trimEnd().split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^ARP, Request who-has 10\.77\.0\.2 tell 10\.77\.0\.1, length 28$/);
    const denied = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", SCRIPT, "-n", "-r", CAPTURE],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(denied.code, 2);
    assert.match(
      new TextDecoder().decode(denied.stderr),
      /^Cannot run scripts\/sniff\.ts: missing permission --allow-read\n/,
    );
  },
});

Deno.test({
  name: "sniff.ts names a cooked v2 capture's interfaces through libc with --allow-ffi only",
  permissions: { read: true, write: true, run: true, env: true },
  async fn() {
    // zeek/linux_dlt_sll2.pcap's first packet cut to its IPv4 header: lo In ifindex 1.
    const frame = Uint8Array.from([
      ...[0x08, 0x00, 0, 0, 0, 0, 0, 1, 0x03, 0x04, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0],
      ...[0x45, 0, 0, 20, 0xaf, 0x8c, 0x40, 0, 0x40, 0xff, 0, 0, 192, 0, 2, 1, 192, 0, 2, 1],
    ]);
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      await Deno.writeFile(
        file,
        pcapBytes([{ timestamp: 0n, data: frame }], { linkType: LinkType.LINUX_SLL2 }),
      );
      const line = (permissions: string[]) => {
        const { code, stdout, stderr } = runScript(
          "scripts/sniff.ts",
          ["-n", "-t", "-r", file],
          permissions,
        );
        assert.equal(code, 0, stderr);
        return stdout.trimEnd();
      };
      const named = line(["--allow-read", "--allow-ffi"]);
      assert.match(named, /^lo +In +IP 192\.0\.2\.1 > 192\.0\.2\.1: /);
      // Without FFI nothing is asked and every interface is "?", as tcpdump names an index
      // the host does not have.
      const unnamed = line(["--allow-read", "--no-prompt"]);
      assert.match(unnamed, /^\? +In /);
      assert.equal(unnamed.replace(/^\? +/, ""), named.replace(/^lo +/, ""));
    } finally {
      await Deno.remove(file);
    }
  },
});
