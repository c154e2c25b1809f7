/**
 * SCTP as tcpdump's sctp_print() writes it: the addresses and ports, then each chunk in
 * brackets, with the fields of DATA, INIT, INIT ACK and SACK chunks.
 *
 * @module
 */

import { truncated } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Sctp, SctpChunkType, SctpDataFlag } from "../../transport/sctp.ts";
import { formatIpv6 } from "../../address.ts";
import { hexAndAsciiPrint } from "../_hex.ts";
import { FORCES_CHANNELS, FORCES_PPIDS } from "../../app/forces.ts";
import { printForces } from "../app/forces.ts";
import { M3UA_PPID } from "../../app/m3ua.ts";
import { printM3ua } from "../app/m3ua.ts";

/**
 * Prints an SCTP packet.
 *
 * @param ctx The print context.
 * @param sctp The layer.
 * @param _next The layer after it (none).
 */
export function printSctp(ctx: PrintContext, sctp: Sctp, _next: Layer | undefined): void {
  const out = ctx.out;
  const d = ctx.data;
  ctx.done = true;
  ctx.pending = false;
  const at = ctx.addressAt;
  if (ctx.ipVersion === 6) out.ascii(formatIpv6(d, at));
  else out.ipv4(d, at);
  out.ascii(`.${sctp.sourcePort} > `);
  if (ctx.ipVersion === 6) out.ascii(formatIpv6(d, at + 16));
  else out.ipv4(d, at + 4);
  out.ascii(`.${sctp.destinationPort}: sctp`);
  // ForCES is printed for a channel's port, or from the first DATA chunk whose PPID is one.
  let forces = false;
  for (const port of [sctp.sourcePort, sctp.destinationPort]) {
    const channel = FORCES_CHANNELS.get(port);
    if (channel !== undefined) {
      out.ascii(`[${channel}]`);
      forces = true;
    }
  }
  const length = (ctx.network ? ctx.ipEnd : sctp.end) - sctp.offset;
  let separator = ctx.verbose >= 2 ? "\n\t" : " (";
  let number = 0;
  for (const chunk of sctp.chunks(length)) {
    number++;
    switch (chunk.problem) {
      case "cut":
        out.ascii(`${separator}${number}) [chunk descriptor cut off at end of packet]`);
        return;
      case "short":
        out.ascii(
          `${separator}${number}) [Bad chunk length ${chunk.length}, < size of chunk descriptor]`,
        );
        return;
      case "long":
        out.ascii(
          `${separator}${number}) [Bad chunk length ${chunk.length}, > remaining data in packet]`,
        );
        return;
      case "truncated":
        truncated(ctx, "sctp");
        return;
    }
    out.ascii(`${separator}${number}) [`);
    out.ascii(CHUNK_NAMES.get(chunk.type) ?? `Unknown chunk type: 0x${chunk.type.toString(16)}`);
    out.ascii("] ");
    if (chunk.type === SctpChunkType.DATA) {
      const flags = chunk.flags;
      if ((flags & SctpDataFlag.UNORDERED) !== 0) out.ascii("(U)");
      if ((flags & SctpDataFlag.BEGINNING) !== 0) out.ascii("(B)");
      if ((flags & SctpDataFlag.END) !== 0) out.ascii("(E)");
      if ((flags & 0x07) !== 0) out.byte(0x20);
      const data = chunk.data;
      if (data !== undefined) {
        out.ascii(`[TSN: ${data.tsn}] [SID: ${data.streamId}] [SSEQ ${data.streamSequence}] `);
        out.ascii(`[PPID ${PPID_NAMES[data.ppid] ?? `0x${data.ppid.toString(16)}`}] `);
        if (!forces) forces = FORCES_PPIDS.has(data.ppid);
        if (forces && data.payloadLength > 0) {
          if (!printForces(ctx, sctp.data, data.payloadOffset, data.payloadLength, sctp.end)) {
            return;
          }
        } else if (ctx.verbose >= 2 && data.ppid === M3UA_PPID && data.payloadLength > 0) {
          if (!printM3ua(ctx, sctp.data, data.payloadOffset, data.payloadLength, sctp.end)) {
            return;
          }
        } else if (ctx.verbose >= 2 && data.payloadLength > 0) {
          // With -vv tcpdump dumps other user data (unless -x, -X or -q: its default print).
          out.ascii("[Payload");
          if (ctx.defaultPrint) {
            out.byte(0x3a);
            const from = data.payloadOffset;
            hexAndAsciiPrint(ctx, from, from + data.payloadLength, sctp.data);
          }
          out.byte(0x5d);
        }
      }
    } else if (chunk.init !== undefined) {
      const init = chunk.init;
      out.ascii(`[init tag: ${init.initiateTag}] [rwnd: ${init.window}] `);
      out.ascii(`[OS: ${init.outboundStreams}] [MIS: ${init.inboundStreams}] `);
      out.ascii(`[init TSN: ${init.initialTsn}] `);
    } else if (chunk.sack !== undefined) {
      const sack = chunk.sack;
      out.ascii(`[cum ack ${sack.cumulativeTsnAck}] [a_rwnd ${sack.window}] `);
      out.ascii(`[#gap acks ${sack.gapCount}] [#dup tsns ${sack.duplicateCount}] `);
      const base = sack.cumulativeTsnAck;
      sack.gaps.forEach(([start, end], i) => {
        out.ascii(`\n\t\t[gap ack block #${i + 1}: start = ${(base + start) >>> 0}, `);
        out.ascii(`end = ${(base + end) >>> 0}] `);
      });
      sack.duplicates.forEach((tsn, i) => out.ascii(`\n\t\t[dup TSN #${i + 1}: ${tsn}] `));
    }
    if (chunk.problem === "bogus") {
      out.ascii(`bogus chunk length ${chunk.length}]`);
      return;
    }
    if (ctx.verbose < 2) separator = ", (";
  }
}

const CHUNK_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, "DATA"],
  [0x01, "INIT"],
  [0x02, "INIT ACK"],
  [0x03, "SACK"],
  [0x04, "HB REQ"],
  [0x05, "HB ACK"],
  [0x06, "ABORT"],
  [0x07, "SHUTDOWN"],
  [0x08, "SHUTDOWN ACK"],
  [0x09, "OP ERR"],
  [0x0a, "COOKIE ECHO"],
  [0x0b, "COOKIE ACK"],
  [0x0c, "ECN ECHO"],
  [0x0d, "ECN CWR"],
  [0x0e, "SHUTDOWN COMPLETE"],
  [0xc0, "FOR CUM TSN"],
  [0xc1, "REL CTRL"],
  [0xc2, "REL CTRL ACK"],
]);

/** tcpdump's names of payload protocol identifiers, by number. */
const PPID_NAMES: readonly (string | undefined)[] = [
  undefined,
  "ISDN Q.921",
  "M2UA",
  "M3UA",
  "SUA",
  "M2PA",
  "V5.2",
  "H.248",
  "BICC",
  "TALI",
  "DUA",
  "ASAP",
  "ENRP",
  "H.323",
  "Q.IPC",
  "SIMCO",
  "DDPSC",
  "DDPSSC",
  "S1AP",
  "RUA",
  "HNBAP",
  "ForCES HP",
  "ForCES MP",
  "ForCES LP",
  "SBc-AP",
  "NBAP",
  undefined,
  "X2AP",
];
