import assert from "node:assert/strict";
import {
  CaptureStatistics,
  formatCaptureSummary,
  summarizeCapture,
} from "../lib/stats/capture_summary.ts";
import { missingPermissions, permissionFlag, permissionMessage } from "../scripts/_permissions.ts";
import { pcapBytes, PcapReader } from "../lib/formats/pcap.ts";
import { pcapngBytes } from "../lib/formats/pcapng.ts";
import { LinkType } from "../lib/link_type.ts";
import { decode } from "../lib/decode.ts";
import { hasCommand, runScript } from "./_shared.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { capturesDir, hasCapture } from "./_pcap_fixture.ts";
import { decodeHex as bytes } from "../lib/_hex.ts";

const SCRIPT = new URL("../scripts/pcapinfo.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;

// Ethernet, IPv4 10.0.0.1 > 10.0.0.2, UDP 12345 > 9 (discard) with 2 bytes of payload.
const UDP_FRAME = bytes(`
  020000000002 020000000001 0800
  4500 001e 0001 0000 4011 66ae 0a00 0001 0a00 0002
  3039 0009 000a 0000 abcd
`);
// Ethernet, ARP request.
const ARP_FRAME = bytes(`
  ffffffffffff 020000000001 0806
  0001 0800 0604 0001 020000000001 0a000001 000000000000 0a000002
`);
// Ethernet, IPv4 with a header length of 16 bytes: malformed.
const BAD_IPV4_FRAME = bytes(`
  020000000002 020000000001 0800
  4400 001e 0001 0000 4011 66ae 0a00 0001 0a00 0002
`);

Deno.test("CaptureStatistics counts packets, bytes, times and protocols", () => {
  const stats = new CaptureStatistics();
  const base = { interfaceId: 0, linkType: LinkType.EN10MB };
  stats.addRecord({
    ...base,
    timestamp: 2_000_000_000n,
    data: UDP_FRAME,
    capturedLength: 44,
    originalLength: 60,
  });
  stats.addRecord({
    ...base,
    timestamp: 1_500_000_000n,
    data: ARP_FRAME,
    capturedLength: 42,
    originalLength: 60,
  });
  stats.addRecord({
    ...base,
    timestamp: 3_000_000_000n,
    data: UDP_FRAME.subarray(0, 40),
    capturedLength: 40,
    originalLength: 60,
  });
  stats.addRecord({
    ...base,
    timestamp: 3_000_000_000n,
    data: BAD_IPV4_FRAME,
    capturedLength: 34,
    originalLength: 34,
  });
  const result = stats.result();
  assert.equal(stats.packets, 4);
  assert.equal(result.packets, 4);
  assert.equal(result.dataSize, 214);
  assert.equal(result.capturedSize, 44 + 42 + 40 + 34);
  assert.equal(result.firstPacketTime, "1500000000");
  assert.equal(result.lastPacketTime, "3000000000");
  assert.equal(result.captureDuration, 1.5);
  assert.equal(result.strictTimeOrder, false);
  assert.deepEqual(result.inferredSnapLength, { min: 40, max: 44 });
  assert.deepEqual(result.protocols, { ethernet: 4, arp: 1, ipv4: 2, udp: 1 });
  assert.deepEqual(result.decodeErrors, { truncated: 1, malformed: 1 });
  assert.deepEqual(result.linkTypes, [{ linkType: 1, name: "EN10MB", packets: 4 }]);
  assert.deepEqual(result.interfacePackets, { 0: 4 });
  assert.equal(result.averagePacketSize, 53.5);
  assert.ok(Math.abs(result.dataByteRate! - 214 / 1.5) < 1e-9);
  assert.ok(Math.abs(result.dataBitRate! - 8 * 214 / 1.5) < 1e-9);
});

Deno.test("CaptureStatistics counts a packet once per kind, even with two such layers", () => {
  // IPv4 in IPv4.
  const frame = bytes(`
    020000000002 020000000001 0800
    4500 0030 0001 0000 4004 0000 0a00 0001 0a00 0002
    4500 001c 0002 0000 4011 0000 0b00 0001 0b00 0002
    0001 0002 0008 0000
  `);
  const stats = new CaptureStatistics();
  for (let i = 0; i < 3; i++) {
    stats.addRecord({
      timestamp: BigInt(i),
      data: frame,
      capturedLength: frame.length,
      originalLength: frame.length,
      interfaceId: 0,
      linkType: LinkType.EN10MB,
    });
  }
  assert.deepEqual(stats.result().protocols, { ethernet: 3, ipv4: 3, udp: 3 });
});

Deno.test("CaptureStatistics reports an empty capture with n/a figures", () => {
  const result = new CaptureStatistics().result();
  assert.equal(result.packets, 0);
  assert.equal(result.firstPacketTime, null);
  assert.equal(result.dataByteRate, null);
  assert.equal(result.averagePacketSize, null);
  assert.equal(result.captureDuration, 0);
  assert.deepEqual(result.protocols, {});
});

Deno.test("CaptureStatistics gives the same result batch by batch and record by record", async () => {
  const packets = [];
  for (let i = 0; i < 3000; i++) {
    const data = [UDP_FRAME, ARP_FRAME, BAD_IPV4_FRAME, UDP_FRAME.subarray(0, 20)][i % 4]!;
    packets.push({ timestamp: BigInt(i) * 1_000_123n + 7n, data, originalLength: 64 });
  }
  const file = pcapBytes(packets, { resolution: "nanoseconds" });
  const byBatch = new CaptureStatistics();
  {
    await using reader = await PcapReader.open(ReadableStream.from([file]), { chunkSize: 4096 });
    for await (const batch of reader.batches()) byBatch.addBatch(batch);
  }
  const byRecord = new CaptureStatistics();
  {
    await using reader = await PcapReader.open(ReadableStream.from([file]));
    for await (const record of reader) byRecord.addRecord(record);
  }
  assert.deepEqual(byBatch.result(), byRecord.result());
  assert.equal(byBatch.result().packets, 3000);
  assert.equal(byBatch.result().lastPacketTime, `${2999n * 1_000_123n + 7n}`);
  assert.deepEqual(byBatch.result().decodeErrors, { truncated: 750, malformed: 750 });
});

Deno.test("summarizeCapture() describes the interfaces of a pcapng file", async () => {
  const file = pcapngBytes({
    interfaces: [{ linkType: 1, name: "eth0", snapLength: 128 }, { linkType: 113 }],
    packets: [
      { timestamp: 1_000_000_000n, interfaceId: 0, data: UDP_FRAME },
      { timestamp: 2_000_000_000n, interfaceId: 1, data: new Uint8Array(16) },
    ],
  });
  const summary = await summarizeCapture(ReadableStream.from([file]));
  assert.equal(summary.fileType, "pcapng");
  assert.equal(summary.fileName, null);
  assert.equal(summary.fileEncapsulation, "per-packet");
  assert.equal(summary.interfaces.length, 2);
  assert.equal(summary.interfaces[0]!.name, "eth0");
  assert.equal(summary.interfaces[0]!.packets, 1);
  assert.equal(summary.interfaces[1]!.linkTypeName, "LINUX_SLL");
  const text = formatCaptureSummary(summary);
  assert.match(
    text,
    /^Encapsulation in use by packets \(# of pkts\):\n {21}EN10MB \(1\)\n {21}LINUX_SLL \(1\)$/m,
  );
  assert.match(text, /^ {21}Name = eth0$/m);
});

Deno.test("summarizeCapture() reports progress on a file read in many chunks", async () => {
  const packets = Array.from({ length: 2000 }, (_, i) => ({
    timestamp: BigInt(i),
    data: UDP_FRAME,
  }));
  const reported: number[] = [];
  const summary = await summarizeCapture(ReadableStream.from([pcapBytes(packets)]), {
    reader: { chunkSize: 256 },
    onProgress: (bytes) => reported.push(bytes),
  });
  assert.equal(summary.packets, 2000);
  // At most about ten reports a second: a fast read reports rarely, if at all.
  assert.ok(reported.length <= 20);
  for (let i = 1; i < reported.length; i++) assert.ok(reported[i]! >= reported[i - 1]!);
});

const CAPINFOS_FILES = [
  "dpkt/dns_icmp.pcap",
  "dpkt/truncated_dns.pcap",
  "zeek/icmp_dot1q.pcap",
  "pcapplusplus/nanosecs_big_endian.pcap",
  "tcpdump/arp-oobr.pcap",
];

Deno.test({
  name: "summarizeCapture() agrees with capinfos on real captures",
  ignore: !(await hasCommand("capinfos")) || !CAPINFOS_FILES.every(hasCapture),
  permissions: { read: true, run: true, env: true },
  async fn() {
    for (const name of CAPINFOS_FILES) {
      const path = new URL(name, capturesDir).pathname;
      const output = new Deno.Command("capinfos", {
        args: ["-M", "-c", "-s", "-d", "-u", "-a", "-e", "-l", "-o", path],
        env: { TZ: "UTC" },
        stdout: "piped",
        stderr: "null",
      }).outputSync();
      const fields = new Map<string, string>();
      for (const line of new TextDecoder().decode(output.stdout).split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
      }
      const summary = await summarizeCapture(path);
      const text = formatCaptureSummary(summary);
      const ours = new Map<string, string>();
      for (const line of text.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0 && !line.startsWith(" ")) {
          ours.set(line.slice(0, colon), line.slice(colon + 1).trim());
        }
      }
      for (
        const label of [
          "Number of packets",
          "File size",
          "Data size",
          "Capture duration",
          "First packet time",
          "Last packet time",
          "Packet size limit",
          "Strict time order",
        ]
      ) {
        assert.equal(ours.get(label), fields.get(label), `${name}: ${label}`);
      }
    }
  },
});

Deno.test("permissionFlag() and permissionMessage() name the flag and the command", () => {
  assert.equal(permissionFlag({ name: "net", host: "example.com" }), "--allow-net");
  const script = {
    script: "scripts/x.ts",
    needs: [{ name: "read" as const }, { name: "read" as const, path: "/tmp" }, {
      name: "ffi" as const,
    }],
  };
  assert.equal(
    permissionMessage(script, ["--allow-read", "--allow-ffi"]),
    "Cannot run scripts/x.ts: missing permissions --allow-read --allow-ffi\n" +
      "Run it as: deno run --allow-read --allow-ffi scripts/x.ts",
  );
});

Deno.test({
  name: "missingPermissions() lists only what is not granted",
  permissions: { read: [ROOT], env: false },
  fn() {
    assert.deepEqual(missingPermissions([{ name: "read", path: ROOT }]), []);
    assert.deepEqual(
      missingPermissions([{ name: "read", path: "/etc" }, { name: "env" }, {
        name: "env",
        variable: "HOME",
      }]),
      ["--allow-read", "--allow-env"],
    );
  },
});

Deno.test({
  name: "pcapinfo prints a clear message without --allow-read",
  permissions: { run: true, read: true, env: true },
  fn() {
    const { code, stdout, stderr } = runScript(SCRIPT, ["a.pcap"], false);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.equal(
      stderr.trim(),
      "Cannot run scripts/pcapinfo.ts: missing permission --allow-read\n" +
        "Run it as: deno run --allow-read scripts/pcapinfo.ts [--packets] [--json] FILE...",
    );
  },
});

Deno.test({
  name: "pcapinfo prints its usage without a file",
  permissions: { run: true, read: true, env: true },
  fn() {
    const { code, stderr } = runScript(SCRIPT, []);
    assert.equal(code, 2);
    assert.match(stderr, /^Usage: deno run --allow-read scripts\/pcapinfo.ts/);
  },
});

Deno.test({
  name: "pcapinfo --json prints one object per file, per line",
  ignore: !hasCapture("dpkt/dns_icmp.pcap") || !hasCapture("zeek/linuxsll-arp.pcap"),
  permissions: { run: true, read: true, env: true },
  fn() {
    const files = ["dpkt/dns_icmp.pcap", "zeek/linuxsll-arp.pcap"].map((name) =>
      new URL(name, capturesDir).pathname
    );
    const { code, stdout } = runScript(SCRIPT, ["--json", ...files]);
    assert.equal(code, 0);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].packets, 32);
    assert.deepEqual(lines[0].protocols, { ethernet: 32, ipv4: 32, icmp: 22, udp: 10, dns: 10 });
    assert.equal(lines[0].firstPacketTime, "1369953917270862000");
    assert.equal(lines[0].fileType, "pcap");
    assert.equal(lines[1].packets, 12);
    assert.deepEqual(lines[1].protocols, { sll: 12, arp: 12 });
  },
});

Deno.test({
  name: "pcapinfo --packets prints a line per packet, then the summary",
  ignore: !hasCapture("zeek/icmp_dot1q.pcap"),
  permissions: { run: true, read: true, env: true },
  fn() {
    const file = new URL("zeek/icmp_dot1q.pcap", capturesDir).pathname;
    const { code, stdout } = runScript(SCRIPT, ["--packets", file]);
    assert.equal(code, 0);
    const lines = stdout.split("\n");
    assert.equal(
      lines[0],
      "10:20:37.965649 ARP, Reply 192.168.123.1 is-at 00:19:06:ea:b8:c1, length 46",
    );
    assert.equal(lines[15], "");
    assert.equal(lines[16], `File name:           ${file}`);
    assert.ok(stdout.includes("Number of packets:   15\n"));
  },
});

Deno.test({
  name: "pcapinfo reports a file it cannot read and goes on",
  permissions: { run: true, read: true, write: true, env: true },
  fn() {
    const bad = Deno.makeTempFileSync({ suffix: ".pcap" });
    Deno.writeFileSync(bad, new TextEncoder().encode("not a capture file"));
    try {
      const good = new URL("dpkt/dns_icmp.pcap", capturesDir).pathname;
      const { code, stdout, stderr } = runScript(
        SCRIPT,
        hasCapture("dpkt/dns_icmp.pcap") ? [bad, good] : [bad],
      );
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`^Cannot read ${bad}: `));
      if (hasCapture("dpkt/dns_icmp.pcap")) assert.match(stdout, /Number of packets: {3}32/);
    } finally {
      Deno.removeSync(bad);
    }
  },
});

const KIND_FILES = [
  "zeek/ipv6-http-atomic-frag.pcap",
  "zeek/icmp_dot1q.pcap",
  "zeek/linuxsll-arp.pcap",
  "gopacket/test_loopback.pcap",
  "libpcap/AH-IPcomp-IPv6.pcap",
  "libpcap/ipv6_ext_headers.pcap",
  "pcapplusplus/Sll2Packet.pcap",
  "dpkt/nb6-http.pcap",
];

Deno.test({
  name: "CaptureStatistics counts each layer kind as decode() finds it",
  ignore: !KIND_FILES.every(hasCapture),
  permissions: { read: true },
  async fn() {
    const stats = new CaptureStatistics();
    const expected: Record<string, number> = {};
    for (const name of KIND_FILES) {
      await using reader = await openCapture(new URL(name, capturesDir).pathname);
      for await (const record of reader) {
        stats.addRecord(record);
        for (
          const kind of new Set(decode(record.linkType, record.data).layers.map((l) => l.kind))
        ) {
          expected[kind] = (expected[kind] ?? 0) + 1;
        }
      }
    }
    const protocols = stats.result().protocols;
    assert.deepEqual(protocols, expected);
    // Every kind wirekit decodes but ESP and RFC-1042 LLC shows up in these files.
    assert.ok(Object.keys(protocols).length >= 15, Object.keys(protocols).join(" "));
  },
});
