/**
 * RX as tcpdump's rx_print() writes it: the packet type (with `-v` the sequence and
 * serial numbers, `-vv` the connection and call numbers and the flags, `-vvv` the
 * security index and service ID), then a call's service, opcode and arguments by its
 * destination port, a reply's by the call remembered in the context, an ack's fields,
 * and the RX length.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type Rx, RxFlag, RxPacketType } from "../../app/rx.ts";
import { truncatedRead } from "../_truncation.ts";
import { opName, RxArgs, type RxService, RxStop } from "./_rx_args.ts";
import { CB_SERVICE, FS_SERVICE } from "./_rx_fs.ts";
import { PT_SERVICE, VLDB_SERVICE } from "./_rx_pt_vldb.ts";
import { BOS_SERVICE, KAUTH_SERVICE, VOL_SERVICE } from "./_rx_vol_bos.ts";
import { isUbik, UBIK_SERVICE } from "./_rx_ubik.ts";

const TYPES: readonly (string | undefined)[] = [
  undefined,
  "data",
  "ack",
  "busy",
  "abort",
  "ackall",
  "challenge",
  "response",
  "debug",
  "params",
  undefined,
  undefined,
  undefined,
  "version",
];

/** The flags as `-vv` names them; slow-start for acks only, jumbogram for data only. */
const FLAGS = [
  [RxFlag.CLIENT_INITIATED, 0, "client-init"],
  [RxFlag.REQUEST_ACK, 0, "req-ack"],
  [RxFlag.LAST_PACKET, 0, "last-pckt"],
  [RxFlag.MORE_PACKETS, 0, "more-pckts"],
  [RxFlag.FREE_PACKET, 0, "free-pckt"],
  [RxFlag.SLOW_START_OR_JUMBO, RxPacketType.ACK, "slow-start"],
  [RxFlag.SLOW_START_OR_JUMBO, RxPacketType.DATA, "jumbogram"],
] as const;

const ACK_REASONS = [
  undefined,
  "ack requested",
  "duplicate packet",
  "out of sequence",
  "exceeds window",
  "no buffer space",
  "ping",
  "ping response",
  "delay",
  "idle",
];

/** The services by server port, 7000 on. */
const SERVICES: readonly (RxService | undefined)[] = [
  FS_SERVICE,
  CB_SERVICE,
  PT_SERVICE,
  VLDB_SERVICE,
  KAUTH_SERVICE,
  VOL_SERVICE,
  undefined,
  BOS_SERVICE,
];

const HEADER = 28;
const walker = new RxArgs();

/**
 * Prints an RX packet after its UDP header.
 *
 * @param ctx The print context.
 * @param rx The layer.
 */
export function printRx(ctx: PrintContext, rx: Rx): void {
  ctx.done = true;
  const out = ctx.out;
  const length = rx.wireLength;
  if (!rx.complete) {
    out.ascii(` [|rx] (${length})`);
    return;
  }
  const type = rx.type;
  out.ascii(` rx ${TYPES[type] ?? `type ${type}`}`);
  if (ctx.verbose >= 1) header(ctx, rx);
  const a = walker.begin(out, rx.cursor());
  let service: RxService | undefined;
  if (
    type === RxPacketType.DATA && rx.sequence === 1 && (rx.flags & RxFlag.CLIENT_INITIATED) !== 0
  ) {
    // The call is remembered by its opcode, which the service's printer reads again.
    if (a.c.has(4)) {
      ctx.rxCalls.enter(
        rx.callNumber,
        rx.ipSourceWord,
        rx.ipDestinationWord,
        rx.destinationPort,
        rx.serviceId,
        a.c.uint32(),
      );
      a.c.skip(-4);
    }
    service = SERVICES[rx.destinationPort - 7000];
    if (service !== undefined && length > HEADER) service = call(a, service);
  } else if (
    ((type === RxPacketType.DATA && rx.sequence === 1) || type === RxPacketType.ABORT) &&
    (rx.flags & RxFlag.CLIENT_INITIATED) === 0
  ) {
    const op = ctx.rxCalls.find(
      rx.callNumber,
      rx.ipSourceWord,
      rx.ipDestinationWord,
      rx.sourcePort,
      rx.serviceId,
    );
    service = op < 0 ? undefined : SERVICES[rx.sourcePort - 7000];
    // The pt and vldb reply printers alone print a reply of just the header.
    const shortest = service === PT_SERVICE || service === VLDB_SERVICE ? HEADER : HEADER + 1;
    if (service !== undefined && length >= shortest) service = reply(a, service, op, type);
  } else if (type === RxPacketType.ACK) {
    service = ack(ctx, a);
  }
  if (a.stop === RxStop.READ) {
    truncatedRead(ctx, "rx");
    return;
  }
  if (a.stop === RxStop.SERVICE) out.ascii(` [|${service?.name ?? "ack"}]`);
  out.ascii(` (${length})`);
}

/** The header fields of `-v` and more. */
function header(ctx: PrintContext, rx: Rx): void {
  const out = ctx.out;
  if (ctx.verbose > 1) {
    out.ascii(" cid ");
    out.hex(rx.cid, 8);
    out.ascii(` call# ${rx.callNumber}`);
  }
  out.ascii(` seq ${rx.sequence} ser ${rx.serial}`);
  if (ctx.verbose > 2) out.ascii(` secindex ${rx.securityIndex} serviceid ${rx.serviceId}`);
  if (ctx.verbose <= 1) return;
  let first = true;
  for (const [flag, only, name] of FLAGS) {
    if ((rx.flags & flag) === 0 || (only !== 0 && only !== rx.type)) continue;
    out.ascii(first ? " <" : ",<");
    out.ascii(name);
    out.byte(0x3e);
    first = false;
  }
}

/**
 * Prints the service's name, `verb` and the opcode's name: Ubik's opcodes in the pt,
 * vldb and kauth services as ` pt ubik call NAME`.
 *
 * @returns The service that prints the arguments (and names a cut walk's mark).
 */
function announce(a: RxArgs, service: RxService, op: number, verb: string): RxService {
  if (service.ubik) {
    a.text(` ${service.name}`);
    if (isUbik(op)) service = UBIK_SERVICE;
  }
  a.text(service.ubik ? ` ${verb} ` : ` ${service.name} ${verb} `);
  a.text(opName(service.names, op));
  return service;
}

/**
 * A call: the service's name, the opcode's and the arguments.
 *
 * @returns The service whose mark a cut walk prints.
 */
function call(a: RxArgs, service: RxService): RxService {
  const op = a.word();
  if (op < 0) return service;
  service = announce(a, service, op, "call");
  service.call(a, op);
  return service;
}

/**
 * A reply, by its call's opcode.
 *
 * @returns The service whose mark a cut walk prints.
 */
function reply(a: RxArgs, service: RxService, op: number, type: number): RxService {
  service = announce(a, service, op, "reply");
  service.reply(a, op, type);
  return service;
}

/** Prints a run of packet numbers whose ack byte is `value`, as ranges. */
function ranges(
  a: RxArgs,
  label: string,
  first: number,
  at: number,
  count: number,
  value: number,
): void {
  const data = a.c.data;
  let start = -2;
  let last = -2;
  let i = 0;
  for (; i < count; i++) {
    if (data[at + i] === value) {
      if (last === -2) {
        a.text(` ${label} ${(first + i) >>> 0}`);
        start = i;
      } else if (last !== i - 1) {
        a.text(`,${(first + i) >>> 0}`);
        start = i;
      }
      last = i;
    } else if (last === i - 1 && start !== last) {
      a.text(`-${(first + i - 1) >>> 0}`);
    }
  }
  if (last === i - 1 && start !== last) a.text(`-${(first + i - 1) >>> 0}`);
}

/**
 * An ack: the first packet, serial and reason, the packets acked and not, and with
 * `-vv` the MTUs and window of the trailer.
 *
 * @returns `undefined`: a cut ack prints ` [|ack]`.
 */
function ack(ctx: PrintContext, a: RxArgs): undefined {
  const c = a.c;
  if (!c.has(18)) {
    a.cut();
    return undefined;
  }
  const bufferSpace = c.uint16();
  const maxSkew = c.uint16();
  const first = c.uint32();
  c.skip(4);
  const serial = c.uint32();
  const reason = c.uint8();
  const count = c.uint8();
  if (ctx.verbose > 2) a.text(` bufspace ${bufferSpace} maxskew ${maxSkew}`);
  a.text(` first ${first} serial ${serial} reason ${ACK_REASONS[reason] ?? `#${reason}`}`);
  if (count !== 0) {
    if (!c.has(count)) {
      a.cut();
      return undefined;
    }
    ranges(a, "acked", first, c.at, count, 1);
    ranges(a, "nacked", first, c.at, count, 0);
    c.skip(count);
  }
  c.skip(3);
  if (ctx.verbose > 1) {
    for (const label of [" ifmtu", " maxmtu", " rwind", " maxpackets"]) {
      if (!c.has(4)) break;
      a.uint(label);
    }
  }
  return undefined;
}
