// Checks that the captures in testdata/ are what testdata/README.md says they are: every
// capture file is listed, with its format, timestamp precision, link type and packet count
// (read here by a small independent scanner, and by tcpdump and tshark when installed), and
// namespaces.pcap holds the protocols the README describes.

import assert from "node:assert/strict";
import { hasCommand, testdataDir } from "./_shared.ts";
import { bigEndianNanoPcap, bigEndianPcapng, readSource } from "../testdata/write_with_wirekit.ts";
import { frameRelayLmi, ppi80211, wlanFrames } from "../testdata/write_link_types.ts";

interface ListedCapture {
  file: string;
  format: "pcap" | "pcapng";
  precision: "microseconds" | "nanoseconds";
  linkType: number;
  packets: number;
}

interface ScannedPacket {
  /** Nanoseconds since 1970. */
  timestamp: bigint;
  data: Uint8Array;
  originalLength: number;
}

interface ScannedCapture {
  format: "pcap" | "pcapng";
  precision: "microseconds" | "nanoseconds";
  linkTypes: number[];
  comments: string[];
  packets: ScannedPacket[];
}

const readme = await Deno.readTextFile(new URL("README.md", testdataDir));
const listed = listedCaptures(readme);
const tcpdump = await hasCommand("tcpdump");
const tshark = await hasCommand("tshark");

/** Reads the first table of the README: `| \`file\` | format, precision | NAME (n) | packets |`. */
function listedCaptures(text: string): ListedCapture[] {
  const rows: ListedCapture[] = [];
  for (const line of text.split("\n")) {
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    const file = /^`([^`]+\.pcap(?:ng)?)`$/.exec(cells[0] ?? "")?.[1];
    if (file === undefined || cells.length < 4) continue;
    const format = /^(pcapng|pcap), (microseconds|nanoseconds)$/.exec(cells[1]!);
    const linkType = /\((\d+)\)$/.exec(cells[2]!);
    assert.ok(format && linkType && /^\d+$/.test(cells[3]!), `Cannot read README row: ${line}`);
    rows.push({
      file,
      format: format[1] as ListedCapture["format"],
      precision: format[2] as ListedCapture["precision"],
      linkType: Number(linkType[1]),
      packets: Number(cells[3]),
    });
  }
  return rows;
}

/** Scans a pcap (either byte order, micro- or nanosecond) or pcapng file completely. */
function scanCapture(bytes: Uint8Array): ScannedCapture {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.ok(bytes.length >= 24, "Cannot scan capture: shorter than a file header");
  return view.getUint32(0, false) === 0x0a0d0d0a ? scanPcapng(bytes, view) : scanPcap(bytes, view);
}

function scanPcap(bytes: Uint8Array, view: DataView): ScannedCapture {
  const magics: Record<number, ScannedCapture["precision"]> = {
    0xa1b2c3d4: "microseconds",
    0xa1b23c4d: "nanoseconds",
  };
  const little = magics[view.getUint32(0, true)] !== undefined;
  const precision = magics[view.getUint32(0, little)];
  assert.ok(precision, "Cannot scan pcap: unknown magic number");
  assert.deepEqual([view.getUint16(4, little), view.getUint16(6, little)], [2, 4]);
  const scale = precision === "microseconds" ? 1000n : 1n;
  const packets: ScannedPacket[] = [];
  let at = 24;
  while (at < bytes.length) {
    assert.ok(at + 16 <= bytes.length, `Cannot scan pcap: record header cut off at ${at}`);
    const captured = view.getUint32(at + 8, little);
    assert.ok(at + 16 + captured <= bytes.length, `Cannot scan pcap: record cut off at ${at}`);
    packets.push({
      timestamp: BigInt(view.getUint32(at, little)) * 1_000_000_000n +
        BigInt(view.getUint32(at + 4, little)) * scale,
      data: bytes.subarray(at + 16, at + 16 + captured),
      originalLength: view.getUint32(at + 12, little),
    });
    at += 16 + captured;
  }
  return {
    format: "pcap",
    precision,
    linkTypes: [view.getUint32(20, little) & 0x0fffffff],
    comments: [],
    packets,
  };
}

function scanPcapng(bytes: Uint8Array, view: DataView): ScannedCapture {
  const text = new TextDecoder();
  const linkTypes: number[] = [];
  const units: bigint[] = [];
  const comments: string[] = [];
  const packets: ScannedPacket[] = [];
  let little = true;
  // Calls `visit` with each option's code and value, from `at` to the block's trailer.
  const options = (at: number, end: number, visit: (code: number, value: Uint8Array) => void) => {
    while (at + 4 <= end) {
      const code = view.getUint16(at, little);
      const length = view.getUint16(at + 2, little);
      if (code === 0) break;
      visit(code, bytes.subarray(at + 4, at + 4 + length));
      at += 4 + Math.ceil(length / 4) * 4;
    }
  };
  let at = 0;
  while (at < bytes.length) {
    assert.ok(at + 12 <= bytes.length, `Cannot scan pcapng: block cut off at ${at}`);
    if (view.getUint32(at, false) === 0x0a0d0d0a) {
      little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
    }
    const type = view.getUint32(at, little);
    const length = view.getUint32(at + 4, little);
    assert.ok(length >= 12 && length % 4 === 0, `Cannot scan pcapng: bad block length at ${at}`);
    assert.ok(at + length <= bytes.length, `Cannot scan pcapng: block cut off at ${at}`);
    assert.equal(view.getUint32(at + length - 4, little), length, `trailer of block at ${at}`);
    const end = at + length - 4;
    if (type === 0x0a0d0d0a) {
      options(at + 24, end, (code, value) => {
        if (code === 1) comments.push(text.decode(value));
      });
    } else if (type === 1) {
      linkTypes.push(view.getUint16(at + 8, little));
      let resolution = 6;
      options(at + 16, end, (code, value) => {
        if (code === 9) resolution = value[0] ?? 6;
      });
      assert.ok(
        resolution === 6 || resolution === 9,
        `Cannot scan pcapng: if_tsresol ${resolution}`,
      );
      units.push(resolution === 6 ? 1000n : 1n);
    } else if (type === 6) {
      const unit = units[view.getUint32(at + 8, little)];
      assert.ok(unit !== undefined, `Cannot scan pcapng: no interface for the EPB at ${at}`);
      const captured = view.getUint32(at + 20, little);
      packets.push({
        timestamp: ((BigInt(view.getUint32(at + 12, little)) << 32n) |
          BigInt(view.getUint32(at + 16, little))) * unit,
        data: bytes.subarray(at + 28, at + 28 + captured),
        originalLength: view.getUint32(at + 24, little),
      });
    }
    at += length;
  }
  return {
    format: "pcapng",
    precision: units.every((unit) => unit === 1000n) ? "microseconds" : "nanoseconds",
    linkTypes,
    comments,
    packets,
  };
}

async function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" })
    .output();
  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, `${command} ${args.join(" ")} failed: ${stderr}`);
  return { stdout, stderr };
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

Deno.test({
  name: "testdata/README.md lists every capture file in testdata/",
  permissions: { read: [testdataDir] },
  fn() {
    const files = [...Deno.readDirSync(testdataDir)]
      .filter((entry) => entry.isFile && /\.(pcap|pcapng)$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(listed.map((capture) => capture.file).sort(), files);
    assert.ok(listed.some((capture) => capture.file === "namespaces.pcap"));
  },
});

for (const capture of listed) {
  Deno.test({
    name: `testdata/${capture.file} is ${capture.format} (${capture.precision}) ` +
      `with ${capture.packets} packets of link type ${capture.linkType}`,
    permissions: { read: [testdataDir] },
    fn() {
      const scanned = scanCapture(Deno.readFileSync(new URL(capture.file, testdataDir)));
      assert.equal(scanned.format, capture.format);
      assert.equal(scanned.precision, capture.precision);
      assert.deepEqual([...new Set(scanned.linkTypes)], [capture.linkType]);
      assert.equal(scanned.packets.length, capture.packets);
      for (const packet of scanned.packets) {
        assert.equal(packet.data.length, packet.originalLength, "no packet is cut short");
      }
    },
  });

  Deno.test({
    name: `tcpdump reads testdata/${capture.file} with ${capture.packets} packets`,
    ignore: !tcpdump,
    async fn() {
      const path = new URL(capture.file, testdataDir).pathname;
      const { stdout, stderr } = await run("tcpdump", ["-n", "-r", path]);
      assert.equal(lines(stdout).length, capture.packets);
      assert.doesNotMatch(stderr + stdout, /truncated|invalid|\[\|/i);
    },
  });
}

Deno.test({
  name: "testdata/namespaces.pcapng holds the packets and timestamps of namespaces.pcap",
  permissions: { read: [testdataDir] },
  fn() {
    const pcap = scanCapture(Deno.readFileSync(new URL("namespaces.pcap", testdataDir)));
    const pcapng = scanCapture(Deno.readFileSync(new URL("namespaces.pcapng", testdataDir)));
    assert.deepEqual(pcapng.comments, [
      "wirekit testdata: two network namespaces joined by a veth pair",
    ]);
    assert.equal(pcapng.packets.length, pcap.packets.length);
    pcap.packets.forEach((packet, i) => {
      const other = pcapng.packets[i]!;
      assert.equal(other.timestamp, packet.timestamp, `timestamp of packet ${i + 1}`);
      assert.equal(other.originalLength, packet.originalLength, `length of packet ${i + 1}`);
      assert.deepEqual(other.data, packet.data, `bytes of packet ${i + 1}`);
    });
  },
});

Deno.test({
  name: "tcpdump decodes the traffic that testdata/README.md describes in namespaces.pcap",
  ignore: !tcpdump,
  async fn() {
    const path = (name: string) => new URL(name, testdataDir).pathname;
    const { stdout } = await run("tcpdump", ["-n", "-e", "-r", path("namespaces.pcap")]);
    const count = (pattern: string) =>
      lines(stdout).filter((line) => line.includes(pattern)).length;
    const expected: Record<string, number> = {
      "ethertype ARP": 6,
      "Request who-has": 3,
      "is-at 02:77:00:00:00:0": 3,
      "vlan 77, p 0": 4,
      "ethertype IPv4": 26,
      "ICMP echo request": 3,
      "ICMP echo reply": 3,
      "udp port 9999 unreachable": 2,
      "ethertype IPv6": 14,
      "ICMP6, neighbor solicitation": 4,
      "ICMP6, neighbor advertisement": 4,
      "ICMP6, echo request": 2,
      "ICMP6, echo reply": 2,
      "ICMP6, destination unreachable, unreachable port": 1,
      "> 10.77.0.2.7777: Flags [S],": 1,
      "> 10.77.0.1.": 7,
      "Flags [S.]": 1,
      "Flags [P.]": 6,
      "Flags [F.]": 2,
      "4660+ A? example.com.": 1,
      "4660 1/0/0 A 10.77.0.53": 1,
      "UDP, length": 3,
    };
    assert.deepEqual(
      Object.fromEntries(Object.keys(expected).map((pattern) => [pattern, count(pattern)])),
      expected,
    );
    const args = ["-n", "-e", "-tt", "-x", "-r"];
    const fromPcapng = await run("tcpdump", [...args, path("namespaces.pcapng")]);
    const fromPcap = await run("tcpdump", [...args, path("namespaces.pcap")]);
    assert.equal(fromPcapng.stdout, fromPcap.stdout);
  },
});

Deno.test({
  name: "tshark finds the protocols of testdata/namespaces.pcap with correct checksums",
  ignore: !tshark,
  async fn() {
    const path = new URL("namespaces.pcap", testdataDir).pathname;
    const { stdout } = await run("tshark", [
      "-n",
      "-r",
      path,
      ...["-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"],
      ...["-o", "udp.check_checksum:TRUE"],
      ...["-T", "fields", "-E", "separator=/t", "-e", "frame.protocols"],
      ...["-e", "_ws.expert.severity", "-e", "_ws.expert.message"],
    ]);
    const rows = lines(stdout).map((line) => line.split("\t"));
    assert.equal(rows.length, 46);
    const frames = (protocol: string) =>
      rows.filter(([protocols]) => protocols?.split(":").includes(protocol)).length;
    const protocols = ["arp", "vlan", "ip", "icmp", "tcp", "udp", "dns", "ipv6", "icmpv6"];
    assert.deepEqual(
      Object.fromEntries(protocols.map((protocol) => [protocol, frames(protocol)])),
      { arp: 6, vlan: 4, ip: 26, icmp: 8, tcp: 14, udp: 8, dns: 2, ipv6: 14, icmpv6: 13 },
    );
    // Expert info at warning level (6291456) or above would report a bad checksum or a
    // malformed packet; chat and notes (a SYN, a DNS answer) are fine.
    const warnings = rows.filter(([, severities]) =>
      (severities ?? "").split(",").some((severity) => Number(severity) >= 6291456)
    );
    assert.deepEqual(warnings.map(([, , message]) => message), []);
  },
});

Deno.test({
  name: "testdata captures of 802.11, Frame Relay and PPI are what write_link_types.ts writes",
  permissions: { read: [testdataDir] },
  fn() {
    const read = (name: string) => Deno.readFileSync(new URL(name, testdataDir));
    assert.deepEqual(wlanFrames(), read("wlan_frames.pcap"));
    assert.deepEqual(frameRelayLmi(), read("frame_relay_lmi.pcap"));
    assert.deepEqual(ppi80211(), read("ppi_80211.pcap"));
  },
});

Deno.test({
  name: "testdata files written by wirekit's writers are what write_with_wirekit.ts writes",
  permissions: { read: [testdataDir] },
  async fn() {
    const records = await readSource();
    const read = (name: string) => Deno.readFileSync(new URL(name, testdataDir));
    assert.deepEqual(bigEndianNanoPcap(records), read("namespaces_be_nano.pcap"));
    assert.deepEqual(bigEndianPcapng(records), read("namespaces_be.pcapng"));
    const pcapng = scanCapture(read("namespaces_be.pcapng"));
    assert.deepEqual(pcapng.linkTypes, [1, 1]);
    assert.equal(pcapng.comments[0], "wirekit testdata: namespaces.pcap rewritten by PcapngWriter");
  },
});

Deno.test({
  name: "tcpdump reads the same packets from wirekit's big-endian files as from namespaces.pcap",
  ignore: !tcpdump,
  async fn() {
    const path = (name: string) => new URL(name, testdataDir).pathname;
    const args = ["-n", "-e", "-tt", "-x", "-r"];
    const original = await run("tcpdump", [...args, path("namespaces.pcap")]);
    for (const name of ["namespaces_be_nano.pcap", "namespaces_be.pcapng"]) {
      const copy = await run("tcpdump", [...args, path(name)]);
      // The nanosecond file prints nine digits; the times are the same instants.
      assert.equal(copy.stdout.replace(/^(\d+\.\d{6})000 /gm, "$1 "), original.stdout, name);
    }
  },
});
