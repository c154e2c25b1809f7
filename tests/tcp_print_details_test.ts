import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4, buildIpv6, buildTcp } from "../lib/craft/mod.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { hasCommand } from "./_shared.ts";

const ADDRESSES = { source: "10.0.0.1", destination: "10.0.0.2" };

/** The crafted segments, each a raw IPv4 packet, with what tcpdump 4.99.3 prints at -vv. */
const SEGMENTS: { name: string; packet: Uint8Array; tcpdump: string }[] = [
  {
    name: "a pure ACK (seq at -vv)",
    packet: segment({ flags: { ack: true } }),
    tcpdump: "Flags [.], cksum 0x%CK (correct), seq 1000, ack 2000, win 512, length 0",
  },
  {
    name: "a TCP-AO option too short",
    packet: segment({ flags: { ack: true }, options: [29, 3, 1, 0] }),
    tcpdump: "Flags [.], cksum 0x%CK (correct), seq 1000, ack 2000, win 512, " +
      "options [tcp-ao (invalid),eol], length 0",
  },
  {
    name: "a TCP-AO option with a MAC",
    packet: segment({ flags: { ack: true }, options: [29, 8, 1, 2, 0xaa, 0xbb, 0xcc, 0xdd] }),
    tcpdump: "Flags [.], cksum 0x%CK (correct), seq 1000, ack 2000, win 512, " +
      "options [tcp-ao keyid 1 rnextkeyid 2 mac 0xaabbccdd], length 0",
  },
  {
    name: "an experimental option (RFC 6994) and a cookie request",
    packet: segment({ flags: { syn: true }, options: [254, 4, 0xac, 0xc0, 254, 4, 0xf9, 0x89] }),
    tcpdump: "Flags [S], cksum 0x%CK (correct), seq 1000, win 512, " +
      "options [exp-acc0,exp-tfo cookiereq], length 0",
  },
  {
    name: "NOP, NOP and timestamps, the common options",
    packet: segment({
      flags: { ack: true },
      options: [1, 1, 8, 10, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0],
    }),
    tcpdump: "Flags [.], cksum 0x%CK (correct), seq 1000, ack 2000, win 512, " +
      "options [nop,nop,TS val 4294967295 ecr 0], length 0",
  },
  {
    name: "timestamps, NOP and NOP",
    packet: segment({
      flags: { ack: true },
      options: [8, 10, 0, 0, 0, 1, 0x80, 0, 0, 0, 1, 1],
    }),
    tcpdump: "Flags [.], cksum 0x%CK (correct), seq 1000, ack 2000, win 512, " +
      "options [TS val 1 ecr 2147483648,nop,nop], length 0",
  },
  {
    name: "a reset with text",
    packet: segment({
      flags: { rst: true, ack: true },
      payload: new TextEncoder().encode("connection reset by the peer, sorry\x01"),
    }),
    tcpdump: "Flags [R.], cksum 0x%CK (correct), seq 1000:1036, ack 2000, win 512, " +
      "length 36 [RST+ connection reset by the peer, ]",
  },
];

function segment(
  spec: { flags: Record<string, boolean>; options?: number[]; payload?: Uint8Array },
): Uint8Array {
  const tcp = buildTcp({
    ...ADDRESSES,
    sourcePort: 1550,
    destinationPort: 8080,
    sequence: 1000,
    acknowledgment: 2000,
    window: 512,
    flags: spec.flags,
    ...(spec.options === undefined ? {} : { options: new Uint8Array(spec.options) }),
    ...(spec.payload === undefined ? {} : { payload: spec.payload }),
  });
  return buildIpv4({ ...ADDRESSES, protocol: 6, payload: tcp });
}

/** The TCP part of the line that wirekit prints at -vv (after the addresses and ports). */
function print(packet: Uint8Array): string {
  const text = new TcpdumpPrinter({ timestamps: "none", verbose: 2, absoluteSequence: true })
    .format(decode(LinkType.RAW, packet), {
      seconds: 0,
      nanoseconds: 0,
      originalLength: packet.length,
    });
  return text.slice(text.indexOf("Flags"));
}

function expected(packet: Uint8Array, tcpdump: string): string {
  const checksum = ((packet[36]! << 8) | packet[37]!).toString(16).padStart(4, "0");
  return tcpdump.replace("%CK", checksum);
}

for (const { name, packet, tcpdump } of SEGMENTS) {
  Deno.test(`printTcp() prints ${name} as tcpdump -vv does`, () => {
    assert.equal(print(packet), expected(packet, tcpdump));
  });
}

Deno.test({
  name: "printTcp() details: the installed tcpdump -vv prints the same",
  ignore: !(await hasCommand("tcpdump")),
  permissions: { run: ["tcpdump"], write: true, read: true },
  fn() {
    const path = Deno.makeTempFileSync({ suffix: ".pcap" });
    try {
      Deno.writeFileSync(
        path,
        pcapBytes(SEGMENTS.map(({ packet }) => ({ data: packet, timestamp: 0n })), {
          linkType: LinkType.RAW,
        }),
      );
      const output = new Deno.Command("tcpdump", {
        args: ["-n", "-vv", "-S", "-r", path],
        stdout: "piped",
        stderr: "null",
      }).outputSync();
      const lines = new TextDecoder().decode(output.stdout).split("\n").filter((line) =>
        line.includes("Flags")
      );
      assert.equal(lines.length, SEGMENTS.length);
      SEGMENTS.forEach(({ packet, tcpdump }, i) => {
        assert.equal(lines[i]!.slice(lines[i]!.indexOf("Flags")), expected(packet, tcpdump));
      });
    } finally {
      Deno.removeSync(path);
    }
  },
});

Deno.test("printTcp() ends an SMTP segment whose text was not captured as tcpdump does", () => {
  const tcp = buildTcp({
    ...ADDRESSES,
    sourcePort: 1550,
    destinationPort: 25,
    sequence: 1,
    acknowledgment: 1,
    flags: { psh: true, ack: true },
    payload: new TextEncoder().encode("HELO"),
  });
  const packet = buildIpv4({ ...ADDRESSES, protocol: 6, payload: tcp }).subarray(0, 40);
  const print = (verbose: number) =>
    new TcpdumpPrinter({ timestamps: "none", verbose, absoluteSequence: true }).format(
      decode(LinkType.RAW, packet),
      { seconds: 0, nanoseconds: 0, originalLength: 44 },
    );
  assert.match(print(0), /, length 4: SMTP \[\|smtp\]$/);
  assert.match(print(1), /, length 4: SMTP, length: 4 \[\|smtp\]$/);
});

Deno.test("TcpdumpPrinter prints the endpoints of many interleaved connections as it looks them up", () => {
  // 6000 connections, IPv4 and IPv6: each one's handshake, then its ACKs both ways 1000
  // handshakes later, and one more 2000 later, so that the connection table grows (past the
  // 8192 slots whose texts are kept apart, too) between the ACKs of a connection. The
  // endpoints must read as with -S, which looks nothing up.
  const count = 6000;
  const segment = (n: number, flags: number, out: boolean): Uint8Array => {
    const v6 = n % 3 === 0;
    const client = v6 ? `2001:db8::${(n + 1).toString(16)}` : `10.${n >> 8}.${n & 255}.1`;
    const server = v6 ? "2001:db8:1::80" : "192.0.2.80";
    const clientPort = 1024 + (n % 50);
    const [source, destination] = out ? [client, server] : [server, client];
    const tcp = buildTcp({
      source,
      destination,
      sourcePort: out ? clientPort : 80,
      destinationPort: out ? 80 : clientPort,
      sequence: out ? 1000 : 5000,
      acknowledgment: flags === 0x02 ? 0 : out ? 5001 : 1001,
      flags,
    });
    return v6
      ? buildIpv6({ source, destination, nextHeader: 6, payload: tcp })
      : buildIpv4({ source, destination, protocol: 6, payload: tcp });
  };
  const packets: Uint8Array[] = [];
  for (let n = 0; n < count + 2000; n++) {
    if (n < count) packets.push(segment(n, 0x02, true), segment(n, 0x12, false));
    const acked = n - 1000;
    if (acked >= 0 && acked < count) {
      packets.push(segment(acked, 0x10, true), segment(acked, 0x10, false));
    }
    if (n - 2000 >= 0) packets.push(segment(n - 2000, 0x10, true));
  }
  const relative = new TcpdumpPrinter({ timestamps: "none" });
  const absolute = new TcpdumpPrinter({ timestamps: "none", absoluteSequence: true });
  const record = { seconds: 0, nanoseconds: 0, originalLength: 40 };
  const endpoints = (line: string) => line.slice(0, line.indexOf(" Flags"));
  let looked = 0;
  for (const bytes of packets) {
    const packet = decode(LinkType.RAW, bytes);
    const line = relative.format(packet, record);
    assert.equal(endpoints(line), endpoints(absolute.format(packet, record)));
    if (line.includes("ack 1,")) looked++;
  }
  assert.equal(looked, 3 * count);
});

/** What wirekit prints of a segment cut to each length, from its options on. */
function cutOptions(packet: Uint8Array, lengths: number[]): string[] {
  return lengths.map((length) => {
    const text = new TcpdumpPrinter({ timestamps: "none", absoluteSequence: true })
      .format(decode(LinkType.RAW, packet.subarray(0, length)), {
        seconds: 0,
        nanoseconds: 0,
        originalLength: packet.length,
      });
    return text.slice(text.indexOf("options"));
  });
}

Deno.test("printTcp() prints a TCP-AO option cut by the capture as far as tcpdump reads it", () => {
  const packet = segment({
    flags: { ack: true },
    options: [29, 16, 7, 9, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac],
  });
  // tcpdump 4.99.3 on the same packet cut to 42, 43, 44, 45 and 48 bytes.
  assert.deepEqual(cutOptions(packet, [42, 43, 44, 45, 48]), [
    "options [tcp-ao [|tcp]",
    "options [tcp-ao keyid 7 [|tcp]",
    "options [tcp-ao keyid 7 rnextkeyid 9 mac 0x [|tcp]",
    "options [tcp-ao keyid 7 rnextkeyid 9 mac 0xa1 [|tcp]",
    "options [tcp-ao keyid 7 rnextkeyid 9 mac 0xa1a2a3a4 [|tcp]",
  ]);
});

Deno.test("printTcp() prints cut options and headers as far as tcpdump reads them", () => {
  const cut = (options: number[], lengths: number[]) =>
    cutOptions(
      segment({ flags: { ack: true, push: true }, options, payload: new Uint8Array(8) }),
      lengths,
    );
  // tcpdump 4.99.3 on the same segments cut to these lengths: the bytes of a kind it
  // prints in hex and SACK's blocks one at a time; a SACK that is not whole blocks, not
  // at all (the next option's kind is the read past the capture); the payload after a
  // header longer than the capture, not at all.
  assert.deepEqual(cut([48, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 1], [43, 45]), [
    "options [unknown-48 0x01 [|tcp]",
    "options [unknown-48 0x010203 [|tcp]",
  ]);
  const blocks = [0, 0, 0x0b, 0xb8, 0, 0, 0x0f, 0xa0, 0, 0, 0x13, 0x88, 0, 0, 0x17, 0x70];
  assert.deepEqual(cut([5, 18, ...blocks, 1, 1], [44, 53]), [
    "options [sack 2  [|tcp]",
    "options [sack 2 {3000:4000} [|tcp]",
  ]);
  assert.deepEqual(cut([5, 11, ...blocks.slice(0, 9), 1, 1, 1], [45]), [
    "options [sack invalid sack, [|tcp]",
  ]);
  assert.deepEqual(cut([0, 0, 0, 0], [41]), [
    "options [eol], length 8 [remaining caplen(21) < header length(24)] [|tcp]",
  ]);
});
