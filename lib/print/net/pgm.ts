/**
 * PGM as tcpdump's pgm_print() writes it: the addresses and ports, `PGM, length N` (the
 * TSDU length), and with `-v` the global source ID, the body of the packet's type, the
 * options and the IP payload length in brackets.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Pgm, pgmOptionFixedLength, PgmOptionType } from "../../net/pgm.ts";
import { addresses, ports } from "../_shared.ts";
import { truncated } from "../_truncation.ts";
import { decodeZmtp1Datagram } from "../../app/zmtp1.ts";
import { printZmtp1Datagram } from "../app/zmtp1.ts";

/** PGM's IP protocol number. */
const PGM_PROTOCOL = 113;

/**
 * Prints a PGM packet.
 *
 * @param ctx The print context.
 * @param pgm The layer.
 */
export function printPgm(ctx: PrintContext, pgm: Pgm): void {
  const out = ctx.out;
  ctx.done = true;
  // The IP printer wrote the addresses; PGM writes them again with its ports when the IP
  // header itself names PGM (ip_p, ip6_nxt), and its ports alone over UDP (-T pgm).
  const inIp = ctx.network &&
    ctx.data[ctx.addressAt - (ctx.ipVersion === 4 ? 3 : 2)] === PGM_PROTOCOL;
  ctx.pending = inIp;
  if (pgm.sourcePort < 0) {
    // Cut before the destination port: the IP addresses alone, however PGM was carried.
    if (ctx.network) addresses(ctx);
    out.byte(0x3a);
    return truncated(ctx, "pgm");
  }
  ports(ctx, pgm.sourcePort, pgm.destinationPort);
  if (pgm.partial) return truncated(ctx, "pgm");
  out.ascii("PGM, length ");
  out.uint(pgm.tsduLength);
  if (ctx.verbose === 0) return;
  out.ascii(" 0x");
  const gsid = pgm.globalSourceId;
  out.hexBytes(gsid, 0, gsid.length);
  out.byte(0x20);
  const body = pgm.body;
  if (body === undefined) return truncated(ctx, "pgm");
  switch (body.type) {
    case "spm":
      out.ascii(`SPM seq ${body.sequence} trail ${body.trailing} lead ${body.leading} nla `);
      out.ascii(body.nla);
      break;
    case "poll":
      out.ascii(`POLL seq ${body.sequence} round ${body.round} nla ${body.nla} ivl `);
      out.uint(body.interval);
      out.ascii(" rnd 0x");
      out.hex(body.random, 8);
      out.ascii(" mask 0x");
      out.hex(body.mask, 8);
      break;
    case "polr":
      out.ascii(`POLR seq ${body.sequence} round ${body.round}`);
      break;
    case "odata":
    case "rdata":
      out.ascii(body.type === "odata" ? "ODATA" : "RDATA");
      out.ascii(` trail ${body.trailing} seq ${body.sequence}`);
      break;
    case "nak":
    case "nnak":
    case "ncf":
      // tcpdump 4.99 reads the group's address family from the first two bytes of the
      // group address itself: only a group whose address starts 0.1 prints.
      if (body.group === undefined || !body.group.startsWith("0.1.")) {
        return truncated(ctx, "pgm");
      }
      out.ascii(body.type === "nak" ? "NAK " : body.type === "nnak" ? "NNAK " : "NCF ");
      out.ascii(`(${body.source} -> ${body.group}), seq ${body.sequence}`);
      break;
    case "ack":
      out.ascii(`ACK seq ${body.sequence}`);
      break;
    case "spmr":
      out.ascii("SPMR");
      break;
    case "unknown":
      out.ascii("UNKNOWN type 0x");
      out.hex(body.code, 2);
      break;
  }
  if (pgm.optionsPresent && !printOptions(ctx, pgm)) return;
  out.ascii(" [");
  out.uint(
    !inIp && ctx.network
      ? pgm.wireLength
      : ctx.network
      ? ctx.ipEnd - pgm.offset
      : pgm.end - pgm.offset,
  );
  out.byte(0x5d);
  // tcpdump's -T pgm_zmtp1: the data of ODATA and RDATA is a ZeroMQ datagram.
  if (ctx.packetType?.pgmData === "zmtp1" && (body.type === "odata" || body.type === "rdata")) {
    const data = decodeZmtp1Datagram(pgm.data, pgm.dataOffset, pgm.tsduLength, pgm.capturedEnd);
    printZmtp1Datagram(ctx, data);
  }
}

const OPTION_NAMES = new Map<number, string>([
  [PgmOptionType.LENGTH, "OPT_LENGTH"],
  [PgmOptionType.FRAGMENT, "OPT_FRAGMENT"],
  [PgmOptionType.JOIN, "OPT_JOIN"],
  [PgmOptionType.NAK_BO_IVL, "OPT_NAK_BO_IVL"],
  [PgmOptionType.NAK_BO_RNG, "OPT_NAK_BO_RNG"],
  [PgmOptionType.REDIRECT, "OPT_REDIRECT"],
  [PgmOptionType.PARITY_PRM, "OPT_PARITY_PRM"],
  [PgmOptionType.PARITY_GRP, "OPT_PARITY_GRP"],
  [PgmOptionType.CURR_TGSIZE, "OPT_CURR_TGSIZE"],
  [PgmOptionType.NBR_UNREACH, "OPT_NBR_UNREACH"],
  [PgmOptionType.SYN, "OPT_SYN"],
  [PgmOptionType.FIN, "OPT_FIN"],
  [PgmOptionType.RST, "OPT_RST"],
  [PgmOptionType.CRQST, "OPT_CRQST"],
  [PgmOptionType.PGMCC_DATA, "OPT_PGMCC_DATA"],
  [PgmOptionType.PGMCC_FEEDBACK, "PGM_OPT_PGMCC_FEEDBACK"],
]);

/** The options; returns `false` when tcpdump stops before the closing length. */
function printOptions(ctx: PrintContext, pgm: Pgm): boolean {
  const out = ctx.out;
  const total = pgm.optionsLength;
  if (total !== undefined) out.ascii(` OPTS LEN ${total}`);
  for (const option of pgm.options) {
    const v = option.values;
    switch (option.type & 0x7f) {
      case PgmOptionType.LENGTH:
        out.ascii(` OPTS LEN (extra?) ${v[0]}`);
        break;
      case PgmOptionType.FRAGMENT:
        out.ascii(` FRAG seq ${v[0]} off ${v[1]} len ${v[2]}`);
        break;
      case PgmOptionType.NAK_LIST:
        out.ascii(" NAK LIST");
        for (const seq of v) out.ascii(` ${seq}`);
        break;
      case PgmOptionType.JOIN:
        out.ascii(` JOIN ${v[0]}`);
        break;
      case PgmOptionType.NAK_BO_IVL:
        out.ascii(` BACKOFF ivl ${v[0]} ivlseq ${v[1]}`);
        break;
      case PgmOptionType.NAK_BO_RNG:
        out.ascii(` BACKOFF max ${v[0]} min ${v[1]}`);
        break;
      case PgmOptionType.REDIRECT:
        out.ascii(` REDIRECT ${option.address}`);
        break;
      case PgmOptionType.PARITY_PRM:
        out.ascii(` PARITY MAXTGS ${v[0]}`);
        break;
      case PgmOptionType.PARITY_GRP:
        out.ascii(` PARITY GROUP ${v[0]}`);
        break;
      case PgmOptionType.CURR_TGSIZE:
        out.ascii(` PARITY ATGS ${v[0]}`);
        break;
      case PgmOptionType.NBR_UNREACH:
        out.ascii(" NBR_UNREACH");
        break;
      case PgmOptionType.PATH_NLA:
        out.ascii(` PATH_NLA [${option.length}]`);
        break;
      case PgmOptionType.SYN:
        out.ascii(" SYN");
        break;
      case PgmOptionType.FIN:
        out.ascii(" FIN");
        break;
      case PgmOptionType.RST:
        out.ascii(" RST");
        break;
      case PgmOptionType.CR:
        out.ascii(" CR");
        break;
      case PgmOptionType.CRQST:
        out.ascii(" CRQST");
        break;
      case PgmOptionType.PGMCC_DATA:
        out.ascii(` PGMCC DATA ${v[0]} ${option.address}`);
        break;
      case PgmOptionType.PGMCC_FEEDBACK:
        out.ascii(` PGMCC FEEDBACK ${v[0]} ${option.address}`);
        break;
      default:
        out.ascii(" OPT_");
        out.ascii(option.type.toString(16).toUpperCase().padStart(2, "0"));
        out.ascii(` [${option.length}] `);
    }
  }
  const problem = pgm.optionsProblem;
  if (problem === undefined) return true;
  switch (problem.kind) {
    case "first-not-length":
      out.ascii(`[First option bad, should be PGM_OPT_LENGTH, is ${problem.value}]`);
      return false;
    case "length-option":
      out.ascii(`[Bad OPT_LENGTH option, length ${problem.value} != 4]`);
      return false;
    case "total":
      out.ascii(`[Bad total option length ${problem.value} < 4]`);
      return false;
    case "room":
      out.ascii("[Total option length leaves no room for final option]");
      return false;
    case "short":
      out.ascii(`[Bad option, length ${problem.value} < 4]`);
      return true;
    case "nak-list":
      out.ascii("[Option length not a multiple of 4]");
      return false;
    case "option-length": {
      const kind = problem.type & 0x7f;
      const name = OPTION_NAMES.get(kind) ?? "option";
      const fixed = pgmOptionFixedLength(kind) ?? 0;
      const nla = kind === PgmOptionType.REDIRECT || kind === PgmOptionType.PGMCC_DATA ||
        kind === PgmOptionType.PGMCC_FEEDBACK;
      if (!nla) out.ascii(`[Bad ${name} option, length ${problem.value} != ${fixed}]`);
      else if (problem.value < fixed) {
        out.ascii(`[Bad ${name} option, length ${problem.value} < ${fixed}]`);
      } else {
        const shown = kind === PgmOptionType.PGMCC_FEEDBACK ? "OPT_PGMCC_FEEDBACK" : name;
        out.ascii(`[Bad ${shown} option, length ${problem.value} != ${fixed} + address size]`);
      }
      return false;
    }
    case "truncated":
      truncated(ctx, "pgm");
      return false;
  }
}
