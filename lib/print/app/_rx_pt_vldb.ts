/**
 * The AFS protection service (port 7002) and volume location database (port 7003) as
 * tcpdump's prot_print(), prot_reply_print(), vldb_print() and vldb_reply_print() write
 * them.
 *
 * @module
 */

import { RxPacketType } from "../../app/rx.ts";
import type { RxArgs, RxService } from "./_rx_args.ts";

const PRNAMEMAX = 64;
const VLNAMEMAX = 65;

/** ptserver/ptint.xg's opcodes. */
const PT_NAMES: ReadonlyMap<number, string> = new Map([
  [500, "new-user"],
  [501, "where-is-it"],
  [502, "dump-entry"],
  [503, "add-to-group"],
  [504, "name-to-id"],
  [505, "id-to-name"],
  [506, "delete"],
  [507, "remove-from-group"],
  [508, "get-cps"],
  [509, "new-entry"],
  [510, "list-max"],
  [511, "set-max"],
  [512, "list-entry"],
  [513, "change-entry"],
  [514, "list-elements"],
  [515, "same-mbr-of"],
  [516, "set-fld-sentry"],
  [517, "list-owned"],
  [518, "get-cps2"],
  [519, "get-host-cps"],
  [520, "update-entry"],
  [521, "list-entries"],
  [530, "list-super-groups"],
]);

/** vlserver/vldbint.xg's opcodes. */
const VLDB_NAMES: ReadonlyMap<number, string> = new Map([
  [501, "create-entry"],
  [502, "delete-entry"],
  [503, "get-entry-by-id"],
  [504, "get-entry-by-name"],
  [505, "get-new-volume-id"],
  [506, "replace-entry"],
  [507, "update-entry"],
  [508, "setlock"],
  [509, "releaselock"],
  [510, "list-entry"],
  [511, "list-attrib"],
  [512, "linked-list"],
  [513, "get-stats"],
  [514, "probe"],
  [515, "get-addrs"],
  [516, "change-addr"],
  [517, "create-entry-n"],
  [518, "get-entry-by-id-n"],
  [519, "get-entry-by-name-n"],
  [520, "replace-entry-n"],
  [521, "list-entry-n"],
  [522, "list-attrib-n"],
  [523, "linked-list-n"],
  [524, "update-entry-by-name"],
  [525, "create-entry-u"],
  [526, "get-entry-by-id-u"],
  [527, "get-entry-by-name-u"],
  [528, "replace-entry-u"],
  [529, "list-entry-u"],
  [530, "list-attrib-u"],
  [531, "linked-list-u"],
  [532, "regaddr"],
  [533, "get-addrs-u"],
  [534, "list-attrib-n2"],
]);

const VOLUME_TYPES = ["read-write", "read-only", "backup"];

/** A counted list of numbers, ` <none!>` when empty. */
function ints(a: RxArgs): boolean {
  return a.list(() => a.int(), false);
}

/** A counted list of names, one character per word. */
function names(a: RxArgs): boolean {
  return a.list(() => a.vec(PRNAMEMAX), false);
}

/** The arguments of a protection service call. */
function ptCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 500:
      return a.str(PRNAMEMAX) && a.int(" id") && a.int(" oldid");
    case 501:
    case 506:
    case 508:
    case 512:
    case 514:
    case 517:
    case 518:
    case 519:
    case 530:
      return a.int(" id");
    case 502:
      return a.int(" pos");
    case 503:
    case 507:
    case 515:
      return a.int(" uid") && a.int(" gid");
    case 504:
      return names(a);
    case 505:
      return a.text(" ids:") && ints(a);
    case 509:
      return a.str(PRNAMEMAX) && a.int(" flag") && a.int(" oid");
    case 511:
      return a.int(" id") && a.int(" gflag");
    case 513:
      return a.int(" id") && a.str(PRNAMEMAX) && a.int(" oldid") && a.int(" newid");
    case 520:
      return a.int(" id") && a.str(PRNAMEMAX);
  }
  return true;
}

/** The results of a protection service call, or its error code. */
function ptReply(a: RxArgs, op: number, type: number): boolean {
  if (type !== RxPacketType.DATA) return a.int(" errcode");
  switch (op) {
    case 504:
      return a.text(" ids:") && ints(a);
    case 505:
      return names(a);
    case 508:
    case 514:
    case 517:
    case 518:
    case 519:
      return ints(a);
    case 510:
      return a.int(" maxuid") && a.int(" maxgid");
  }
  return true;
}

/** ` volid %d`, then the volume type when it is one of the three. */
function volume(a: RxArgs): boolean {
  if (!a.int(" volid")) return false;
  const type = a.word();
  if (type < 0) return false;
  if (type <= 2) a.text(` type ${VOLUME_TYPES[type]}`);
  return true;
}

/** The arguments of a VLDB call. */
function vldbCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 501:
    case 517:
      return a.vec(VLNAMEMAX);
    case 502:
    case 503:
    case 507:
    case 508:
    case 509:
    case 518:
      return volume(a);
    case 504:
    case 519:
    case 524:
    case 527:
      return a.str(VLNAMEMAX);
    case 505:
      return a.int(" bump");
    case 506:
    case 520:
      return volume(a) && a.vec(VLNAMEMAX);
    case 510:
    case 521:
      return a.int(" index");
  }
  return true;
}

/** Skips `n` bytes the printer checks but does not print. */
function skip(a: RxArgs, n: number): boolean {
  if (!a.c.has(n)) return a.cut();
  a.c.skip(n);
  return true;
}

/** The partitions of a VLDB entry's first `servers` sites, out of `slots`. */
function partitions(a: RxArgs, servers: number, slots: number): boolean {
  a.text(" partitions");
  for (let i = 0; i < slots; i++) {
    const j = a.word();
    if (j < 0) return false;
    if (i < servers) a.text(j <= 26 ? ` ${String.fromCharCode(0x61 + j)}` : ` ${j}`);
  }
  return skip(a, slots * 4) && a.uint(" rwvol") && a.uint(" rovol") && a.uint(" backup");
}

/**
 * A VLDB entry: name, server count, servers as addresses (or UUIDs), partitions and
 * volume IDs; `slots` sites in all (8 in the old entry, 13 in the N and U ones).
 */
function entry(a: RxArgs, slots: number, old: boolean, uuids: boolean): boolean {
  if (!a.vec(VLNAMEMAX) || (old && !skip(a, 4))) return false;
  a.text(" numservers");
  const servers = a.word();
  if (servers < 0) return false;
  a.text(` ${servers} servers`);
  for (let i = 0; i < slots; i++) {
    if (uuids) {
      if (i < servers ? !a.uuid(" afsuuid") : !skip(a, 44)) return false;
      continue;
    }
    if (!a.c.has(4)) return a.cut();
    const address = a.c.uint32();
    if (i < servers) {
      a.text(
        ` ${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`,
      );
    }
  }
  return (!uuids || skip(a, slots * 4)) && partitions(a, servers, slots);
}

/** The results of a VLDB call, or its error code. */
function vldbReply(a: RxArgs, op: number, type: number): boolean {
  if (type !== RxPacketType.DATA) return a.int(" errcode");
  switch (op) {
    case 510:
      return a.int(" count") && a.int(" nextindex") && entry(a, 8, true, false);
    case 503:
    case 504:
      return entry(a, 8, true, false);
    case 505:
      return a.uint(" newvol");
    case 521:
    case 529:
      return a.int(" count") && a.int(" nextindex") && entry(a, 13, false, false);
    case 518:
    case 519:
      return entry(a, 13, false, false);
    case 526:
    case 527:
      return entry(a, 13, false, true);
  }
  return true;
}

/** The protection service. */
export const PT_SERVICE: RxService = {
  name: "pt",
  names: PT_NAMES,
  ubik: true,
  call: ptCall,
  reply: ptReply,
};

/** The volume location database. */
export const VLDB_SERVICE: RxService = {
  name: "vldb",
  names: VLDB_NAMES,
  ubik: true,
  call: vldbCall,
  reply: vldbReply,
};
