/**
 * Zephyr notices as tcpdump's zephyr_print() writes them: the kind, a server ack's
 * answer, the sender, then what the class, instance and opcode say (a locate, a
 * subscription, a host manager or windowgram control, an exposure change), else the
 * `<class,instance,recipient>` triple and the opcode.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Zephyr, ZEPHYR_HEADER_FIELDS, ZephyrField } from "../../app/zephyr.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { printChar } from "../_chars.ts";

/** The notice kinds tcpdump names (z_types). */
const KINDS = [
  "unsafe",
  "unacked",
  "acked",
  "hm-ack",
  "hm-ctl",
  "serv-ack",
  "serv-nak",
  "client-ack",
  "stat",
];

const SERVACK = 5;

/** The length of tcpdump's z_buf less its NUL: the most its lowercased strings and triples hold. */
const BUFFER = 255;

/** The opcodes LOGIN's set-exposure names. */
const EXPOSURES = [
  "NONE",
  "OPSTAFF",
  "REALM-VISIBLE",
  "REALM-ANNOUNCED",
  "NET-VISIBLE",
  "NET-ANNOUNCED",
];

/** The realm subscription opcodes and their words. */
const REALM_OPCODES: readonly (readonly [string, string])[] = [
  ["ADD_SUBSCRIBE", " realm add-subs"],
  ["REQ_SUBSCRIBE", " realm req-subs"],
  ["RLM_SUBSCRIBE", " realm rlm-sub"],
  ["RLM_UNSUBSCRIBE", " realm rlm-unsub"],
];

/** Prints the bytes of field `index` from its `skip`th on (fn_print_str()). */
function printField(ctx: PrintContext, z: Zephyr, index: number, skip = 0): void {
  const start = z.fieldStart(index);
  const end = start + z.fieldLength(index);
  for (let i = start + skip; i < end; i++) printChar(ctx.out, z.data[i]!);
}

/** Prints field `index` as tcpdump's str_to_lower() leaves it: lowercased, 255 bytes at most. */
function printLower(ctx: PrintContext, z: Zephyr, index: number): void {
  const start = z.fieldStart(index);
  const end = start + Math.min(z.fieldLength(index), BUFFER);
  for (let i = start; i < end; i++) {
    const c = z.data[i]!;
    printChar(ctx.out, c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  }
}

/**
 * Prints tcpdump's z_triple() of fields `c`, `i` and `r` (`*` for an empty recipient):
 * `<c,i,r>` cut to 255 bytes.
 */
function printTriple(ctx: PrintContext, z: Zephyr, c: number, i: number, r: number): void {
  let room = BUFFER;
  const put = (byte: number) => {
    if (room > 0) printChar(ctx.out, byte);
    room--;
  };
  const putField = (index: number) => {
    const start = z.fieldStart(index);
    const end = start + z.fieldLength(index);
    for (let at = start; at < end && room > 0; at++) put(z.data[at]!);
  };
  put(0x3c);
  putField(c);
  put(0x2c);
  putField(i);
  put(0x2c);
  if (z.fieldLength(r) === 0) put(0x2a);
  else putField(r);
  put(0x3e);
}

/**
 * Prints a Zephyr notice after its UDP header.
 *
 * @param ctx The print context.
 * @param z The layer.
 */
export function printZephyr(ctx: PrintContext, z: Zephyr): void {
  ctx.done = true;
  // A field the length does not hold is invalid; one the capture cut ends the packet.
  const missing = () => z.partial ? truncatedRead(ctx, "zephyr") : invalid(ctx);
  if (z.fieldCount === 0) return missing();
  if (!z.isZephyr) return;
  if (z.fieldCount < ZEPHYR_HEADER_FIELDS) return missing();
  const out = ctx.out;
  out.ascii(" zephyr");
  const version = z.fieldStart(ZephyrField.VERSION) + 4;
  const data = z.data;
  if (
    z.fieldLength(ZephyrField.VERSION) < 7 || data[version] !== 0x30 ||
    data[version + 1] !== 0x2e || data[version + 2] !== 0x32
  ) {
    out.ascii(" v");
    return printField(ctx, z, ZephyrField.VERSION, 4);
  }
  const kind = z.messageKind!;
  out.ascii(` ${KINDS[kind] ?? `type ${kind}`}`);
  // The body's fields: a server ack's answer, or a subscription's triple.
  const body = ZEPHYR_HEADER_FIELDS;
  if (kind === SERVACK) {
    if (z.fieldCount > body) {
      if (!z.fieldEquals(body, "SENT")) {
        out.byte(0x2f);
        printLower(ctx, z, body);
      }
    } else if (z.partial) return truncatedRead(ctx, "zephyr");
  }
  if (z.fieldLength(ZephyrField.SENDER) !== 0) {
    out.byte(0x20);
    printField(ctx, z, ZephyrField.SENDER);
  }
  const is = (index: number, text: string) => z.fieldEquals(index, text);
  const { CLASS, INSTANCE, OPCODE } = ZephyrField;
  if (is(CLASS, "USER_LOCATE")) {
    if (is(OPCODE, "USER_HIDE")) out.ascii(" hide");
    else if (is(OPCODE, "USER_UNHIDE")) out.ascii(" unhide");
    else {
      out.ascii(" locate ");
      printField(ctx, z, INSTANCE);
    }
    return;
  }
  if (is(CLASS, "ZEPHYR_ADMIN")) {
    out.ascii(" zephyr-admin ");
    return printLower(ctx, z, OPCODE);
  }
  if (is(CLASS, "ZEPHYR_CTL")) {
    if (is(INSTANCE, "CLIENT")) return printClientControl(ctx, z, kind);
    if (is(INSTANCE, "HM")) {
      out.byte(0x20);
      return printLower(ctx, z, OPCODE);
    }
    if (is(INSTANCE, "REALM")) {
      for (const [opcode, words] of REALM_OPCODES) if (is(OPCODE, opcode)) out.ascii(words);
      return;
    }
  }
  if (is(CLASS, "HM_CTL") || is(CLASS, "WG_CTL")) {
    out.ascii(is(CLASS, "HM_CTL") ? " hm_ctl " : " wg_ctl ");
    printLower(ctx, z, INSTANCE);
    out.byte(0x20);
    return printLower(ctx, z, OPCODE);
  }
  if (is(CLASS, "HM_STAT") && is(INSTANCE, "HMST_CLIENT") && is(OPCODE, "GIMMESTATS")) {
    return out.ascii(" get-client-stats");
  }
  if (is(CLASS, "LOGIN")) {
    if (is(OPCODE, "USER_FLUSH")) return out.ascii(" flush_locs");
    if (EXPOSURES.some((opcode) => is(OPCODE, opcode))) {
      out.ascii(" set-exposure ");
      return printLower(ctx, z, OPCODE);
    }
  }
  out.ascii(" to ");
  printTriple(ctx, z, CLASS, INSTANCE, ZephyrField.RECIPIENT);
  if (z.fieldLength(OPCODE) !== 0) {
    out.ascii(" op ");
    printField(ctx, z, OPCODE);
  }
}

/** Prints a ZEPHYR_CTL notice of instance CLIENT: a subscription or a control opcode. */
function printClientControl(ctx: PrintContext, z: Zephyr, kind: number): void {
  const out = ctx.out;
  const is = (text: string) => z.fieldEquals(ZephyrField.OPCODE, text);
  if (is("SUBSCRIBE") || is("SUBSCRIBE_NODEFS") || is("UNSUBSCRIBE")) {
    out.ascii(` ${is("SUBSCRIBE") ? "" : "un"}sub${is("SUBSCRIBE_NODEFS") ? "-nodefs" : ""}`);
    if (kind === SERVACK) return;
    const body = ZEPHYR_HEADER_FIELDS;
    if (z.fieldCount >= body + 3) {
      out.byte(0x20);
      printTriple(ctx, z, body, body + 1, body + 2);
    } else if (z.partial) truncatedRead(ctx, "zephyr");
    return;
  }
  if (is("GIMME")) return out.ascii(" ret");
  if (is("GIMMEDEFS")) return out.ascii(" gimme-defs");
  if (is("CLEARSUB")) return out.ascii(" clear-subs");
  out.byte(0x20);
  printLower(ctx, z, ZephyrField.OPCODE);
}
