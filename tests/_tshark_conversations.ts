/**
 * tshark's TCP and UDP conversation tables (`-z conv,tcp -z conv,udp`), run and parsed for
 * `flows_tshark_test.ts`.
 *
 * @module
 */

import { NO_REASSEMBLY } from "./_tshark.ts";

/** A byte count as tshark prints it: exact below 10000 bytes, then in kB, MB... (SI). */
export interface PrintedBytes {
  value: number;
  /** The unit: 1 for `bytes`, 1000 for `kB`... The count is floor(bytes / unit). */
  unit: number;
}

/** One row of a tshark TCP or UDP conversation table. */
export interface TsharkConversation {
  protocol: "tcp" | "udp";
  addressA: string;
  portA: number;
  addressB: string;
  portB: number;
  packetsAToB: number;
  bytesAToB: PrintedBytes;
  packetsBToA: number;
  bytesBToA: PrintedBytes;
  /** The relative start as printed (9 decimals). */
  start: number;
  /** The duration as printed (4 decimals). */
  duration: number;
}

const UNITS: Record<string, number> = { bytes: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
const ROW =
  /^(\S+)\s+<->\s+(\S+)\s+(\d+) (\d+) (bytes|[kMGT]B)\s+(\d+) (\d+) (bytes|[kMGT]B)\s+\d+ \d+ (?:bytes|[kMGT]B)\s+(\S+)\s+(\S+)$/;

function endpoint(text: string): [string, number] {
  const colon = text.lastIndexOf(":");
  return [text.slice(0, colon), Number(text.slice(colon + 1))];
}

/**
 * Parses the TCP and UDP conversation tables of `tshark -q -z conv,tcp -z conv,udp`, in
 * the order printed. tshark's "<-" columns are B to A, its "->" columns A to B.
 */
export function parseTsharkConversations(text: string): TsharkConversation[] {
  const out: TsharkConversation[] = [];
  let protocol: "tcp" | "udp" | undefined;
  for (const line of text.split("\n")) {
    if (line === "TCP Conversations") protocol = "tcp";
    else if (line === "UDP Conversations") protocol = "udp";
    else if (line.includes("<->")) {
      const m = ROW.exec(line.trim());
      if (m === null || protocol === undefined) {
        throw new SyntaxError(`Cannot parse tshark conversation: ${line}`);
      }
      const [addressA, portA] = endpoint(m[1]!);
      const [addressB, portB] = endpoint(m[2]!);
      out.push({
        protocol,
        addressA,
        portA,
        addressB,
        portB,
        packetsBToA: Number(m[3]),
        bytesBToA: { value: Number(m[4]), unit: UNITS[m[5]!]! },
        packetsAToB: Number(m[6]),
        bytesAToB: { value: Number(m[7]), unit: UNITS[m[8]!]! },
        start: Number(m[9]),
        duration: Number(m[10]),
      });
    }
  }
  return out;
}

/** The tshark options: NO_REASSEMBLY's preferences, so that tshark counts packets as sent. */
function conversationArgs(input: string): string[] {
  const args = ["-n", "-r", input, "-q", "-z", "conv,tcp", "-z", "conv,udp"];
  for (const [name, value] of Object.entries(NO_REASSEMBLY)) {
    args.push("-o", `${name}:${typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value}`);
  }
  return args;
}

/** Runs tshark's conversation statistics on a file, or on pcapng bytes through stdin. */
export async function tsharkConversations(
  input: string | Uint8Array,
): Promise<TsharkConversation[]> {
  const piped = input instanceof Uint8Array;
  const child = new Deno.Command("tshark", {
    args: conversationArgs(piped ? "-" : input),
    stdin: piped ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writing = piped
    ? (async () => {
      const writer = child.stdin.getWriter();
      try {
        await writer.write(input);
        await writer.close();
      } catch {
        // tshark stopped reading: its status says why.
      }
    })()
    : Promise.resolve();
  const [output] = await Promise.all([child.output(), writing]);
  const stderr = new TextDecoder().decode(output.stderr).split("\n")
    .filter((line) => line !== "" && !line.startsWith("Running as user")).join("\n");
  if (!output.success) throw new Error(`tshark failed on ${piped ? "stdin" : input}: ${stderr}`);
  return parseTsharkConversations(new TextDecoder().decode(output.stdout));
}
