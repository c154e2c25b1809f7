/**
 * The AFS Kerberos authentication (port 7004), volume (port 7005) and basic overseer
 * (port 7007) services, as tcpdump's kauth_print(), vol_print(), bos_print() and their
 * reply printers write them (Ubik's calls are `_rx_ubik.ts`'s).
 *
 * @module
 */

import { RxPacketType } from "../../app/rx.ts";
import type { RxArgs, RxService } from "./_rx_args.ts";

const AFSNAMEMAX = 256;
const KANAMEMAX = 64;
const BOSNAMEMAX = 256;

/** Numbers from `first` on, named in order. */
export function numbered(first: number, names: readonly string[]): ReadonlyMap<number, string> {
  return new Map(names.map((name, i) => [first + i, name]));
}

/** kauth/kauth.rg's opcodes. */
const KAUTH_NAMES: ReadonlyMap<number, string> = new Map([
  ...numbered(1, ["auth-old", "change-pw", "get-ticket-old", "set-pw", "set-fields"]),
  ...numbered(6, ["create-user", "delete-user", "get-entry", "list-entry", "get-stats"]),
  ...numbered(11, ["debug", "get-pw", "get-random-key", "unlock", "lock-status"]),
  ...numbered(21, ["authenticate", "authenticate-v2", "get-ticket"]),
]);

/** volser/volint.xg's opcodes. */
const VOL_NAMES: ReadonlyMap<number, string> = new Map([
  ...numbered(100, [
    "create-volume",
    "delete-volume",
    "restore",
    "forward",
    "end-trans",
    "clone",
    "set-flags",
    "get-flags",
    "trans-create",
    "dump",
    "get-nth-volume",
    "set-forwarding",
    "get-name",
    "get-status",
    "sig-restore",
    "list-partitions",
    "list-volumes",
    "set-id-types",
    "monitor",
    "partition-info",
    "reclone",
    "list-one-volume",
    "nuke",
    "set-date",
    "x-list-volumes",
    "x-list-one-volume",
    "set-info",
    "x-list-partitions",
    "forward-multiple",
  ]),
  ...numbered(65536, ["convert-ro", "get-size", "dump-v2"]),
]);

/** bozo/bosint.xg's opcodes. */
const BOS_NAMES: ReadonlyMap<number, string> = numbered(80, [
  "create-bnode",
  "delete-bnode",
  "set-status",
  "get-status",
  "enumerate-instance",
  "get-instance-info",
  "get-instance-parm",
  "add-superuser",
  "delete-superuser",
  "list-superusers",
  "list-keys",
  "add-key",
  "delete-key",
  "set-cell-name",
  "get-cell-name",
  "get-cell-host",
  "add-cell-host",
  "delete-cell-host",
  "set-t-status",
  "shutdown-all",
  "restart-all",
  "startup-all",
  "set-noauth-flag",
  "re-bozo",
  "restart",
  "start-bozo-install",
  "uninstall",
  "get-dates",
  "exec",
  "prune",
  "set-restart-time",
  "get-restart-time",
  "start-bozo-log",
  "wait-all",
  "get-instance-strings",
  "get-restricted",
  "set-restricted",
]);

/** A principal's name and instance. */
function principal(a: RxArgs): boolean {
  return a.str(KANAMEMAX, " principal") && a.str(KANAMEMAX);
}

/** The arguments of a Kerberos authentication call. */
function kauthCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 1:
    case 21:
    case 22:
    case 2:
    case 5:
    case 6:
    case 7:
    case 8:
    case 14:
    case 15:
      return principal(a);
    case 3:
    case 23: {
      if (!a.int(" kvno") || !a.str(KANAMEMAX, " domain")) return false;
      const n = a.word();
      if (n < 0) return false;
      if (!a.c.has(n)) return a.cut();
      a.c.skip(n);
      return principal(a);
    }
    case 4:
      return principal(a) && a.int(" kvno");
    case 12:
      return a.str(KANAMEMAX, " name");
  }
  return true;
}

/** A Kerberos authentication or BOS reply: only an abort's code is printed. */
function errorOnly(a: RxArgs, _op: number, type: number): boolean {
  return type === RxPacketType.DATA || a.int(" errcode");
}

/** The arguments of a volume service call. */
function volCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 100:
      return a.uint(" partition") && a.str(AFSNAMEMAX, " name") && a.uint(" type") &&
        a.uint(" parent");
    case 101:
    case 107:
    case 104:
      return a.uint(" trans");
    case 102:
      return a.uint(" totrans") && a.uint(" flags");
    case 103:
      return a.uint(" fromtrans") && a.date(" fromdate") && a.destServer() &&
        a.int(" desttrans");
    case 105:
      return a.uint(" trans") && a.uint(" purgevol") && a.uint(" newtype") &&
        a.str(AFSNAMEMAX, " newname");
    case 106:
      return a.uint(" trans") && a.uint(" flags");
    case 108:
      return a.uint(" vol") && a.uint(" partition") && a.uint(" flags");
    case 109:
    case 655537: // tcpdump's typo for get-size (65537), kept.
      return a.uint(" fromtrans") && a.date(" fromdate");
    case 110:
      return a.uint(" index");
    case 111:
      return a.uint(" tid") && a.uint(" newsite");
    case 112:
    case 113:
      return a.text(" tid");
    case 114:
      return a.str(AFSNAMEMAX, " name") && a.uint(" type") && a.uint(" pid") &&
        a.uint(" cloneid");
    case 116:
      return a.uint(" partition") && a.uint(" flags");
    case 117:
      return a.uint(" tid") && a.str(AFSNAMEMAX, " name") && a.uint(" type") &&
        a.uint(" pid") && a.uint(" clone") && a.uint(" backup");
    case 119:
      return a.str(AFSNAMEMAX, " name");
    case 120:
    case 126:
      return a.uint(" tid");
    case 121:
    case 122:
    case 124:
    case 125:
    case 65536:
      return a.uint(" partid") && a.uint(" volid");
    case 123:
      return a.uint(" tid") && a.date(" date");
    case 128:
      return a.uint(" fromtrans") && a.date(" fromdate") && a.list(() => a.destServer(), true);
    case 65538:
      return a.uint(" fromtrans") && a.date(" fromdate") && a.uint(" flags");
  }
  return true;
}

/** One volume of a listing: name, ID, and the 21 words not printed. */
function volumeEntry(a: RxArgs): boolean {
  if (!a.vec(32, " name") || !a.uint(" volid")) return false;
  a.text(" type");
  a.c.skip(21 * 4);
  return true;
}

/** The labels of get-status's numbers and dates. */
const STATUS_NUMBERS = [
  " volid",
  " nextuniq",
  " type",
  " parentid",
  " clone",
  " backup",
  " restore",
  " maxquota",
  " minquota",
  " owner",
];
const STATUS_DATES = [" create", " access", " update", " expire", " backup", " copy"];

/** The results of a volume service call, or its error code. */
function volReply(a: RxArgs, op: number, type: number): boolean {
  if (type !== RxPacketType.DATA) return a.int(" errcode");
  switch (op) {
    case 100:
      return a.uint(" volid") && a.uint(" trans");
    case 104:
    case 107:
      return a.uint();
    case 105:
      return a.uint(" newvol");
    case 108:
      return a.uint(" trans");
    case 110:
      return a.uint(" volume") && a.uint(" partition");
    case 112:
      return a.str(AFSNAMEMAX);
    case 113:
      return STATUS_NUMBERS.every((label) => a.uint(label)) &&
        STATUS_DATES.every((label) => a.date(label));
    case 116:
    case 121:
      return a.list(() => volumeEntry(a), true);
  }
  return true;
}

/** The arguments of a BOS call. */
function bosCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 80:
      return a.str(BOSNAMEMAX, " type") && a.str(BOSNAMEMAX, " instance");
    case 81:
    case 83:
    case 85:
    case 87:
    case 88:
    case 93:
    case 96:
    case 97:
    case 104:
    case 106:
    case 108:
    case 112:
    case 114:
      return a.str(BOSNAMEMAX);
    case 82:
    case 98:
      return a.str(BOSNAMEMAX) && a.int(" status");
    case 86:
      return a.str(BOSNAMEMAX) && a.int(" num");
    case 84:
    case 89:
    case 90:
    case 91:
    case 92:
    case 95:
      return a.int();
    case 105:
      return a.str(BOSNAMEMAX) && a.int(" size") && a.int(" flags") && a.int(" date");
  }
  return true;
}

/** The Kerberos authentication service. */
export const KAUTH_SERVICE: RxService = {
  name: "kauth",
  names: KAUTH_NAMES,
  ubik: true,
  call: kauthCall,
  reply: errorOnly,
};

/** The volume service. */
export const VOL_SERVICE: RxService = {
  name: "vol",
  names: VOL_NAMES,
  ubik: false,
  call: volCall,
  reply: volReply,
};

/** The basic overseer service. */
export const BOS_SERVICE: RxService = {
  name: "bos",
  names: BOS_NAMES,
  ubik: false,
  call: bosCall,
  reply: errorOnly,
};
