/**
 * Generates a capture of many TLS handshakes for `bench/sessions_vs_tshark.sh`: the recorded
 * connections of `testdata/tls_handshakes.pcap` and `testdata/deno_tls.pcap` (curl, openssl
 * and Deno; TLS 1.2 and 1.3; hellos and certificates spanning segments) played again and
 * again, each time with other client ports (TCP checksums updated) and later timestamps, so
 * that every connection is a stream of its own. By default 1,000 rounds (9,000 handshakes,
 * about 263,000 packets) in `bench/out/tls-handshakes.pcap`.
 *
 * ```sh
 * deno run --allow-read --allow-write bench/make_tls_capture.ts [--rounds N] [--out FILE]
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { openCapture } from "../lib/formats/open_capture.ts";
import { PcapWriter } from "../lib/formats/pcap.ts";

const SOURCES = ["tls_handshakes.pcap", "deno_tls.pcap"];
const SERVER_PORTS = new Set([4433, 4443, 4444]);
const ETHERNET = 1;

interface Frame {
  time: number;
  data: Uint8Array;
  /** Where the TCP header starts. */
  tcp: number;
}

/** The TCP header's offset in an Ethernet frame holding IPv4 or IPv6 (no extension headers). */
function tcpOffset(data: Uint8Array): number | undefined {
  const type = (data[12]! << 8) | data[13]!;
  if (type === 0x0800 && data[23] === 6) return 14 + (data[14]! & 0x0f) * 4;
  if (type === 0x86dd && data[20] === 6) return 54;
  return undefined;
}

/** Adds `value` in one's complement to a 16-bit sum. */
function onesAdd(sum: number, value: number): number {
  const total = sum + value;
  return (total & 0xffff) + (total >>> 16);
}

/** Replaces the 16-bit port at `at`, updating the TCP checksum (RFC 1624, eqn. 3). */
function setPort(data: Uint8Array, tcp: number, at: number, port: number): void {
  const old = (data[at]! << 8) | data[at + 1]!;
  const checksum = (data[tcp + 16]! << 8) | data[tcp + 17]!;
  const sum = onesAdd(onesAdd(~checksum & 0xffff, ~old & 0xffff), port);
  const updated = ~sum & 0xffff;
  data[at] = port >> 8;
  data[at + 1] = port & 0xff;
  data[tcp + 16] = updated >> 8;
  data[tcp + 17] = updated & 0xff;
}

async function readFrames(): Promise<Frame[]> {
  const frames: Frame[] = [];
  let shift = 0;
  for (const name of SOURCES) {
    let first: number | undefined;
    let last = 0;
    await using reader = await openCapture(new URL(`../testdata/${name}`, import.meta.url));
    for await (const record of reader) {
      if (record.linkType !== ETHERNET) continue;
      const data = record.data.slice();
      const tcp = tcpOffset(data);
      if (tcp === undefined) continue;
      const time = Number(record.timestamp) / 1e9;
      first ??= time;
      last = time - first;
      frames.push({ time: shift + time - first, data, tcp });
    }
    shift += last + 1;
  }
  return frames;
}

/**
 * Writes the capture.
 *
 * @param path The file to write.
 * @param rounds How many times the recorded connections are played.
 * @returns The number of packets written.
 */
export async function makeTlsCapture(path: string, rounds: number): Promise<number> {
  const frames = await readFrames();
  const span = Math.ceil(frames.at(-1)!.time) + 1;
  const start = Date.UTC(2026, 0, 1) / 1000;
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  await using writer = new PcapWriter(file, { snapLength: 65535 });
  let packets = 0;
  for (let round = 0; round < rounds; round++) {
    // Client ports from Linux's ephemeral range, different in every round (16 a round): below
    // 32768 tshark would read some as well-known services (1080 as SOCKS).
    const ports = new Map<number, number>();
    for (const frame of frames) {
      const data = frame.data.slice();
      const tcp = frame.tcp;
      const source = (data[tcp]! << 8) | data[tcp + 1]!;
      const at = SERVER_PORTS.has(source) ? tcp + 2 : tcp;
      const client = (data[at]! << 8) | data[at + 1]!;
      let port = ports.get(client);
      if (port === undefined) {
        port = 32768 + round * 16 + ports.size;
        ports.set(client, port);
      }
      setPort(data, tcp, at, port);
      const seconds = start + round * span + frame.time;
      await writer.write({
        timestamp: BigInt(Math.round(seconds * 1e6)) * 1000n,
        data,
        originalLength: data.length,
      });
      packets++;
    }
  }
  return packets;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      rounds: { type: "string", default: "1000" },
      out: {
        type: "string",
        default: new URL("./out/tls-handshakes.pcap", import.meta.url).pathname,
      },
    },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 1750) {
    console.error(`make_tls_capture: Cannot use --rounds ${values.rounds}: expected 1 to 1750`);
    Deno.exit(2);
  }
  await Deno.mkdir(new URL("./out/", import.meta.url), { recursive: true });
  const packets = await makeTlsCapture(values.out, rounds);
  console.log(`make_tls_capture: wrote ${values.out} (${packets} packets)`);
}
