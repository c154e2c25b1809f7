/**
 * The AFS file service (port 7000) and callback service (port 7001) as tcpdump's
 * fs_print(), fs_reply_print(), acl_print(), cb_print() and cb_reply_print() write them.
 *
 * @module
 */

import { RxPacketType } from "../../app/rx.ts";
import { printChar } from "../_chars.ts";
import type { RxArgs, RxService } from "./_rx_args.ts";

const AFSNAMEMAX = 256;
const AFSOPAQUEMAX = 1024;

/** fsint/afsint.xg's opcodes. */
const FS_NAMES: ReadonlyMap<number, string> = new Map([
  [130, "fetch-data"],
  [131, "fetch-acl"],
  [132, "fetch-status"],
  [133, "store-data"],
  [134, "store-acl"],
  [135, "store-status"],
  [136, "remove-file"],
  [137, "create-file"],
  [138, "rename"],
  [139, "symlink"],
  [140, "link"],
  [141, "makedir"],
  [142, "rmdir"],
  [143, "oldsetlock"],
  [144, "oldextlock"],
  [145, "oldrellock"],
  [146, "get-stats"],
  [147, "give-cbs"],
  [148, "get-vlinfo"],
  [149, "get-vlstats"],
  [150, "set-vlstats"],
  [151, "get-rootvl"],
  [152, "check-token"],
  [153, "get-time"],
  [154, "nget-vlinfo"],
  [155, "bulk-stat"],
  [156, "setlock"],
  [157, "extlock"],
  [158, "rellock"],
  [159, "xstat-ver"],
  [160, "get-xstat"],
  [161, "dfs-lookup"],
  [162, "dfs-flushcps"],
  [163, "dfs-symlink"],
  [220, "residency"],
  [65536, "inline-bulk-status"],
  [65537, "fetch-data-64"],
  [65538, "store-data-64"],
  [65539, "give-up-all-cbs"],
  [65540, "get-caps"],
  [65541, "cb-rx-conn-addr"],
]);

/** fsint/afscbint.xg's opcodes. */
const CB_NAMES: ReadonlyMap<number, string> = new Map([
  [204, "callback"],
  [205, "initcb"],
  [206, "probe"],
  [207, "getlock"],
  [208, "getce"],
  [209, "xstatver"],
  [210, "getxstat"],
  [211, "initcb2"],
  [212, "whoareyou"],
  [213, "initcb3"],
  [214, "probeuuid"],
  [215, "getsrvprefs"],
  [216, "getcellservdb"],
  [217, "getlocalcell"],
  [218, "getcacheconf"],
  [65536, "getce64"],
  [65537, "getcellbynum"],
  [65538, "tellmeaboutyourself"],
]);

/** The file server's error codes. */
const FS_ERRORS: ReadonlyMap<number, string> = new Map([
  [101, "salvage volume"],
  [102, "no such vnode"],
  [103, "no such volume"],
  [104, "volume exist"],
  [105, "no service"],
  [106, "volume offline"],
  [107, "voline online"],
  [108, "diskfull"],
  [109, "diskquota exceeded"],
  [110, "volume busy"],
  [111, "volume moved"],
  [112, "AFS IO error"],
  [-100, "restarting fileserver"],
]);

/** An ACL's rights in the order of the `fs` command. */
const RIGHTS = [[1, "r"], [8, "l"], [4, "i"], [16, "d"], [2, "w"], [32, "k"], [64, "a"]] as const;

/** A counted ACL string: its text up to AFSOPAQUEMAX bytes, then its entries. */
function acl(a: RxArgs): boolean {
  const n = a.word();
  if (n < 0) return false;
  if (!a.c.has(n)) return a.cut();
  printAcl(a, a.c.text(Math.min(n, AFSOPAQUEMAX)));
  return true;
}

/**
 * Prints `<positive> <negative>` then that many `<user> <rights>` lines as ` +{user rl}`
 * and ` -{user rl}`, reading them as sscanf() does (whitespace between the fields).
 */
function printAcl(a: RxArgs, text: string): void {
  const scan = /\s*([+-]?\d+)(?!\d)\s*([+-]?\d+)(?!\d)\s*/y;
  const head = scan.exec(text);
  if (head === null) return;
  const entry = /\s*(\S{1,1024})(?!\S)\s*([+-]?\d+)(?!\d)\s*/y;
  entry.lastIndex = scan.lastIndex;
  const counts = [Number(head[1]) | 0, Number(head[2]) | 0];
  for (let sign = 0; sign < 2; sign++) {
    for (let i = 0; i < counts[sign]!; i++) {
      const m = entry.exec(text);
      if (m === null) return;
      a.out.ascii(sign === 0 ? " +{" : " -{");
      for (let k = 0; k < m[1]!.length; k++) printChar(a.out, m[1]!.charCodeAt(k));
      a.out.byte(0x20);
      const rights = Number(m[2]) | 0;
      for (const [bit, letter] of RIGHTS) if (rights & bit) a.out.ascii(letter);
      a.out.byte(0x7d);
    }
  }
}

/** The arguments of a file service call. */
function fsCall(a: RxArgs, op: number): boolean {
  switch (op) {
    case 130:
      return a.fid() && a.uint(" offset") && a.uint(" length");
    case 131:
    case 132:
    case 143:
    case 144:
    case 145:
    case 156:
    case 157:
    case 158:
      return a.fid();
    case 135:
      return a.fid() && a.storeStatus();
    case 133:
      return a.fid() && a.storeStatus() && a.uint(" offset") && a.uint(" length") &&
        a.uint(" flen");
    case 134:
      return a.fid() && acl(a);
    case 137:
    case 141:
      return a.fid() && a.str(AFSNAMEMAX) && a.storeStatus();
    case 136:
    case 142:
      return a.fid() && a.str(AFSNAMEMAX);
    case 138:
      return a.fid(" old") && a.str(AFSNAMEMAX) && a.fid(" new") && a.str(AFSNAMEMAX);
    case 139:
      return a.fid() && a.str(AFSNAMEMAX) && a.str(AFSNAMEMAX, " link to");
    case 140:
      return a.fid() && a.str(AFSNAMEMAX) && a.fid(" link to");
    case 148:
      return a.str(AFSNAMEMAX);
    case 149:
    case 150:
      return a.uint(" volid");
    case 154:
      return a.str(AFSNAMEMAX, " volname");
    case 155:
    case 65536:
      return a.list(() => a.fid(), true);
    case 65537:
      return a.fid() && a.uint64(" offset") && a.uint64(" length");
    case 65538:
      return a.fid() && a.storeStatus() && a.uint64(" offset") && a.uint64(" length") &&
        a.uint64(" flen");
    case 65541:
      return a.uint(" addr");
  }
  return true;
}

/** The results of a file service call, or its abort code. */
function fsReply(a: RxArgs, op: number, type: number): boolean {
  if (type === RxPacketType.ABORT) {
    const code = a.c.has(4) ? a.c.int32() : undefined;
    if (code === undefined) return a.readCut();
    return a.text(` error ${FS_ERRORS.get(code) ?? `#${code}`}`);
  }
  if (type !== RxPacketType.DATA) return a.text(` strange fs reply of type ${type}`);
  switch (op) {
    case 131:
      return acl(a);
    case 137:
    case 141:
      return a.fid(" new");
    case 151:
      return a.str(AFSNAMEMAX, " root volume");
    case 153:
      return a.date();
  }
  return true;
}

/** One callback's version, expiry and (unprinted) type. */
function callback(a: RxArgs): boolean {
  return a.int(" ver") && a.date(" expires") && a.word() >= 0;
}

/** The arguments of a callback service call. */
function cbCall(a: RxArgs, op: number): boolean {
  if (op === 204) {
    if (!a.list(() => a.fid(), true)) return false;
    const n = a.word();
    if (n < 0) return false;
    if (n !== 0) a.out.byte(0x3b);
    for (let i = 0; i < n; i++) if (!callback(a)) return false;
    return true;
  }
  if (op === 214) return a.uuid(" afsuuid");
  return true;
}

/** The results of a callback service call, or its error code. */
function cbReply(a: RxArgs, op: number, type: number): boolean {
  if (type !== RxPacketType.DATA) return a.int(" errcode");
  return op === 213 ? a.uuid() : true;
}

/** The file service. */
export const FS_SERVICE: RxService = {
  name: "fs",
  names: FS_NAMES,
  ubik: false,
  call: fsCall,
  reply: fsReply,
};

/** The callback service. */
export const CB_SERVICE: RxService = {
  name: "cb",
  names: CB_NAMES,
  ubik: false,
  call: cbCall,
  reply: cbReply,
};
