import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4, buildTcp } from "../lib/craft/mod.ts";
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
