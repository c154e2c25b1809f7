/**
 * The Ubik calls of AFS's replicated databases (within the pt, vldb and kauth services), as
 * tcpdump's ubik_print() and ubik_reply_print() write them.
 *
 * @module
 */

import { RxPacketType } from "../../app/rx.ts";
import type { RxArgs, RxService } from "./_rx_args.ts";
import { numbered } from "./_rx_vol_bos.ts";

/** ubik/ubik_int.xg's opcodes: votes from 10000, disk calls from 20000. */
const UBIK_NAMES: ReadonlyMap<number, string> = new Map([
  ...numbered(10000, [
    "vote-beacon",
    "vote-debug-old",
    "vote-sdebug-old",
    "vote-getsyncsite",
    "vote-debug",
    "vote-sdebug",
    "vote-xdebug",
    "vote-xsdebug",
  ]),
  ...numbered(20000, [
    "disk-begin",
    "disk-commit",
    "disk-lock",
    "disk-write",
    "disk-getversion",
    "disk-getfile",
    "disk-sendfile",
    "disk-abort",
    "disk-releaselocks",
    "disk-truncate",
    "disk-probe",
    "disk-writev",
    "disk-interfaceaddr",
    "disk-setversion",
  ]),
]);

/** Whether an opcode is one of Ubik's (tcpdump's is_ubik()). */
export function isUbik(op: number): boolean {
  return (op >= 10000 && op <= 10007) || (op >= 20000 && op <= 20013);
}

/** The arguments of a Ubik call. */
function ubikCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 10000: {
      const site = a.word();
      if (site < 0) return false;
      return a.text(` syncsite ${site !== 0 ? "yes" : "no"}`) && a.date(" votestart") &&
        a.ubikVersion(" dbversion") && a.ubikVersion(" tid");
    }
    case 10003:
      return a.uint(" site");
    case 20000:
    case 20001:
    case 20007:
    case 20008:
    case 20010:
      return a.ubikVersion(" tid");
    case 20002:
      return a.ubikVersion(" tid") && a.int(" file") && a.int(" pos") && a.int(" length") &&
        a.word() >= 0;
    case 20003:
      return a.ubikVersion(" tid") && a.int(" file") && a.int(" pos");
    case 20005:
      return a.int(" file");
    case 20006:
      return a.int(" file") && a.int(" length") && a.ubikVersion(" dbversion");
    case 20009:
      return a.ubikVersion(" tid") && a.int(" file") && a.int(" length");
    case 20012:
      return a.ubikVersion(" tid") && a.ubikVersion(" oldversion") &&
        a.ubikVersion(" newversion");
  }
  return true;
}

/** The results of a Ubik call, or its error code. */
function ubikReply(a: RxArgs, op: number, type: number): boolean {
  if (type === RxPacketType.DATA) {
    if (op === 10000) return a.text(" vote no");
    return op === 20004 ? a.ubikVersion(" dbversion") : true;
  }
  return op === 10000 ? a.date(" vote yes until") : a.int(" errcode");
}

/** Ubik, the replicated databases' calls, within pt, vldb and kauth. */
export const UBIK_SERVICE: RxService = {
  name: "ubik",
  names: UBIK_NAMES,
  ubik: false,
  call: ubikCall,
  reply: ubikReply,
};
