import assert from "node:assert/strict";
import { decodeSsh, sshDecoder } from "../lib/app/ssh.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { concatBytes, ipv4Packet } from "./_shared.ts";

/** A TCP segment [P.] from port 60906 to 22 carrying `text`, in IPv4. */
function segment(text: string | Uint8Array): Uint8Array {
  const tcp = new Uint8Array([
    0xed,
    0xea,
    0x00,
    0x16,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    0x50,
    0x18,
    0x10,
    0x15,
    0,
    0,
    0,
    0,
  ]);
  const payload = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return ipv4Packet(6, [192, 168, 1, 100], [192, 168, 1, 32], concatBytes(tcp, payload));
}

/** What follows `length N` in the -n line. */
function printed(ip: Uint8Array, originalLength = ip.length): string {
  const line = new TcpdumpPrinter({ timestamps: "none" }).format(decode(LinkType.RAW, ip), {
    seconds: 0,
    nanoseconds: 0,
    originalLength,
  });
  return line.replace(/^.*length \d+/, "");
}

Deno.test("decodeSsh() reads the version line", () => {
  const ssh = decodeSsh(new TextEncoder().encode("SSH-2.0-OpenSSH_7.5\r\nrest"));
  assert.equal(ssh.kind, "ssh");
  assert.equal(ssh.version, "SSH-2.0-OpenSSH_7.5");
  assert.equal(decodeSsh(new TextEncoder().encode("SSH-2.0-x\rz\n")).versionEnd, "none");
  assert.equal(decodeSsh(new TextEncoder().encode("SSH-2.0")).versionEnd, "cut");
  assert.equal(sshDecoder.create().kind, "ssh");
});

// As tcpdump 4.99.3 prints zeek's ssh_kex_curve25519.pcap (packet 4) and what it does
// with segments that do not start with a whole version line.
Deno.test("printSsh() prints the version line as tcpdump does", () => {
  assert.equal(printed(segment("SSH-2.0-OpenSSH_7.4\r\n")), ": SSH: SSH-2.0-OpenSSH_7.4");
  assert.equal(printed(segment("SSH-1.99-x\n")), ": SSH: SSH-1.99-x");
  assert.equal(printed(segment(new Uint8Array([0, 0, 5, 0xdc, 4, 0x14]))), "");
  assert.equal(printed(segment("SSH-2.0-no line end")), "");
  const ip = segment("SSH-2.0-OpenSSH_7.4\r\n");
  assert.equal(printed(ip.subarray(0, ip.length - 6), ip.length), " [|ssh]");
});
