import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { decodeDns } from "../lib/app/dns.ts";
import { decodeDhcp } from "../lib/app/dhcp.ts";
import { decodeNtp } from "../lib/app/ntp.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { printLayer } from "./_print_layer.ts";
import { hasCommand, sharedCaptures } from "./_shared.ts";

Deno.test("printDns() prints queries and responses as tcpdump does", () => {
  const query = Uint8Array.from([
    0x59,
    0x34,
    0x01,
    0x20,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    3,
    0x77,
    0x77,
    0x77,
    7,
    0x74,
    0x63,
    0x70,
    0x64,
    0x75,
    0x6d,
    0x70,
    3,
    0x6f,
    0x72,
    0x67,
    0,
    0,
    1,
    0,
    1,
  ]);
  assert.equal(printLayer(decodeDns(query), 0), "22836+ A? www.tcpdump.org. (33)");
  const response = query.slice();
  response.set([0x85, 0x83], 2);
  assert.equal(printLayer(decodeDns(response), 0), "22836 NXDomain* 0/0/0 (33)");
  assert.equal(
    printLayer(decodeDns(response), 2),
    "22836 NXDomain* q: A? www.tcpdump.org. 0/0/0 (33)",
  );
  const framed = Uint8Array.from([0, query.length, ...query]);
  assert.equal(
    printLayer(decodeDns(framed, 0, { tcp: true }), 0),
    " 22836+ A? www.tcpdump.org. (33)",
  );
  const bad = Uint8Array.from([0, 40, ...query]);
  assert.equal(
    printLayer(decodeDns(bad, 0, { tcp: true }), 0),
    " [prefix length(40) != length(33)] (invalid)",
  );
  assert.equal(
    printLayer(decodeDns(query.subarray(0, 20)), 0),
    "22836+ [|domain]",
  );
});

Deno.test("printDhcp() and printNtp() print the -v details as tcpdump does", () => {
  const message = new Uint8Array(244);
  message.set([1, 1, 6, 0, 0x39, 0x03, 0xf3, 0x26, 0, 0, 0x80, 0]);
  message.set([0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42], 28);
  message.set([99, 130, 83, 99, 53, 1, 1, 255], 236);
  assert.equal(
    printLayer(decodeDhcp(message), 1),
    "BOOTP/DHCP, Request from 00:0b:82:01:fc:42, length 244, xid 0x3903f326, Flags [Broadcast]" +
      "\n\t  Client-Ethernet-Address 00:0b:82:01:fc:42" +
      "\n\t  Vendor-rfc1048 Extensions" +
      "\n\t    Magic Cookie 0x63825363" +
      "\n\t    DHCP-Message (53), length 1: Discover",
  );
  const ntp = new Uint8Array(48);
  ntp.set([0x1b, 2, 6, 0xec]);
  assert.equal(
    printLayer(decodeNtp(ntp), 1),
    "NTPv3, Client, length 48\n\tLeap indicator:  (0), Stratum 2 (secondary reference), " +
      "poll 6 (64s), precision -20\n\tRoot Delay: 0.000000, Root dispersion: 0.000000, " +
      "Reference-ID: 0x00000000\n\t  Reference Timestamp:  0.000000000" +
      "\n\t  Originator Timestamp: 0.000000000\n\t  Receive Timestamp:    0.000000000" +
      "\n\t  Transmit Timestamp:   0.000000000" +
      "\n\t    Originator - Receive Timestamp:  0.000000000" +
      "\n\t    Originator - Transmit Timestamp: 0.000000000",
  );
});

/** Runs tcpdump and splits its output into one text per packet (continuation lines joined). */
async function tcpdumpPackets(path: string, verbose: number): Promise<string[]> {
  const args = ["-n", "-tt", "-r", path];
  if (verbose > 0) args.push("-" + "v".repeat(verbose));
  const output = await new Deno.Command("tcpdump", { args, stdout: "piped", stderr: "null" })
    .output();
  const packets: string[] = [];
  for (const line of new TextDecoder("latin1").decode(output.stdout).split("\n")) {
    if (/^\d+\.\d{6} /.test(line)) packets.push(line);
    else if (packets.length > 0 && line !== "") packets[packets.length - 1] += "\n" + line;
  }
  return packets;
}

/** Compares the printers with tcpdump on one file: [matches, compared, first mismatch]. */
async function compareFile(path: string, verbose: number): Promise<[number, number, string]> {
  const packets = await tcpdumpPackets(path, verbose);
  let matches = 0;
  let compared = 0;
  let mismatch = "";
  let index = 0;
  try {
    await using reader = await openCapture(path);
    for await (const record of reader) {
      const expected = packets[index++];
      if (expected === undefined) break;
      let text: string | undefined;
      const packet = decode(record.linkType, record.data);
      for (const layer of packet.layers) {
        if (layer.kind === "dns" || layer.kind === "dhcp" || layer.kind === "ntp") {
          text = printLayer(layer, verbose);
        }
      }
      if (text === undefined) continue;
      compared++;
      // The text must end tcpdump's: after `src > dst: ` (UDP) or `length N` (TCP).
      const prefix = expected.slice(0, expected.length - text.length);
      if (expected.endsWith(text) && /(: |\] |length \d+)$/.test(prefix)) matches++;
      else if (mismatch === "") mismatch = `packet ${index}:\n${expected}\n${text}`;
    }
  } catch (error) {
    // A file that the reader rejects partway (tcpdump stops there too) ends the comparison.
    if (!(error instanceof Error) || error.name !== "CaptureFileError") throw error;
  }
  return [matches, compared, mismatch];
}

const captures = sharedCaptures();
const tcpdump = captures !== undefined && await hasCommand("tcpdump");
const FILES = captures === undefined ? [] : Deno.readTextFileSync(new URL("MANIFEST.tsv", captures))
  .split("\n").slice(1).filter((line) => /dns|dhcp|bootp|ntp/i.test(line))
  .map((line) => line.split("\t")[0]!).filter((path) =>
    // bootp_asan.pcap stores 90 bytes of a packet under a snapshot length of 53: libpcap
    // hands tcpdump 53 of them, wirekit's pcap reader all 90 (a reader matter).
    path !== "" && !path.startsWith("pcapng-suite/") && path !== "tcpdump/bootp_asan.pcap"
  );

Deno.test({
  name: "printDns(), printDhcp() and printNtp() match tcpdump 4.99.3 on the corpus",
  ignore: !tcpdump,
  permissions: { read: true, run: ["tcpdump"], env: true },
  async fn() {
    let matches = 0;
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of FILES) {
      const path = decodeURIComponent(new URL(file, captures).pathname);
      for (let verbose = 0; verbose <= 3; verbose++) {
        const [ok, total, mismatch] = await compareFile(path, verbose);
        matches += ok;
        compared += total;
        if (mismatch !== "") mismatches.push(`${file} -${"v".repeat(verbose)} ${mismatch}`);
      }
    }
    console.log(`tcpdump match: ${matches}/${compared} packet prints over ${FILES.length} files`);
    assert.deepEqual(mismatches, []);
    assert.ok(compared > 1000);
  },
});
