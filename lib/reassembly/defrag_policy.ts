/**
 * The overlap policies of IP defragmentation: which bytes count when fragments of one
 * datagram overlap. They are the target-based policies of Novak's "Target-Based
 * Fragmentation Reassembly" (2005), as Snort's frag3 and Suricata's defrag engine model
 * them, plus RFC 5722's rule for IPv6.
 *
 * @module
 */

/**
 * The overlap policies. Each names an operating system family whose reassembly it
 * mimics; an attacker who sends overlapping fragments makes different hosts see different
 * datagrams, and a monitor sees what one of them sees.
 *
 * The held data is a list of non-overlapping pieces (the fragments received so far, as
 * earlier overlaps trimmed them). When a fragment arrives, each piece it overlaps is
 * compared with it, and either the piece keeps its bytes there or the new fragment takes
 * them (see {@linkcode newFragmentWins}):
 *
 * - `first`: held bytes always win (Windows 95 to XP, Mac OS, Solaris 2.x, HP-UX 11).
 * - `last`: the new fragment always wins (Cisco IOS).
 * - `bsd`: the new fragment wins over a piece that starts after it (4.4BSD `ip_reass()`:
 *   FreeBSD, older BSDs, AIX, IRIX, HP-UX 10, VMS). The default, as in Snort and Suricata;
 *   Wireshark's reassembly (it copies fragments in offset order) gives the same bytes on
 *   Novak's test vectors.
 * - `bsd-right`: the new fragment wins over a piece that ends before it does, or that ends
 *   where it does without starting before it (frag3's model of HP JetDirect printers).
 * - `linux`: the new fragment wins over a piece that starts where it starts or after it
 *   (Linux before 4.19, and OpenBSD in Novak's survey).
 * - `windows`: held bytes win, except that a new fragment that starts before a piece and
 *   ends after it replaces the piece (Snort's and Suricata's model of Windows hosts).
 * - `solaris`: as `windows`, but a new fragment that starts before a piece and ends where it
 *   ends replaces it too (their model of Solaris hosts).
 * - `rfc5722`: any overlap discards the whole datagram, and the fragments of it that still
 *   come (RFC 5722, RFC 8200 section 4.5); an exact duplicate of a held fragment is dropped
 *   alone (RFC 5722 erratum 3089). What Linux 4.19 and later do, for IPv4 and IPv6.
 *
 * @example Pick a policy
 * ```ts
 * import { DefragPolicy } from "./defrag_policy.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DefragPolicy.BSD_RIGHT, "bsd-right");
 * assert.ok(Object.values(DefragPolicy).includes("rfc5722"));
 * ```
 */
export const DefragPolicy = {
  /** Held bytes always win. */
  FIRST: "first",
  /** The new fragment always wins. */
  LAST: "last",
  /** The lower offset wins; held bytes win a tie (the default). */
  BSD: "bsd",
  /** The fragment that reaches further wins (HP JetDirect). */
  BSD_RIGHT: "bsd-right",
  /** The lower offset wins; the new fragment wins a tie. */
  LINUX: "linux",
  /** Held bytes win unless the new fragment covers the piece with room on both sides. */
  WINDOWS: "windows",
  /** Held bytes win unless the new fragment starts before the piece and covers its end. */
  SOLARIS: "solaris",
  /** Overlaps discard the datagram (RFC 5722). */
  RFC5722: "rfc5722",
} as const;

/** One of the {@linkcode DefragPolicy} names. */
export type DefragPolicy = typeof DefragPolicy[keyof typeof DefragPolicy];

/** The policy used when none is given: `bsd`, as Snort's frag3 and Suricata default to. */
export const DEFAULT_DEFRAG_POLICY: DefragPolicy = DefragPolicy.BSD;

const POLICIES: ReadonlySet<string> = new Set(Object.values(DefragPolicy));

/**
 * Tells whether a string is a {@linkcode DefragPolicy} name.
 *
 * @param name The name, such as `"linux"`.
 * @returns `true` for a policy name.
 *
 * @example Check a command-line value
 * ```ts
 * import { isDefragPolicy } from "./defrag_policy.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isDefragPolicy("windows"), true);
 * assert.equal(isDefragPolicy("macos"), false);
 * ```
 */
export function isDefragPolicy(name: string): name is DefragPolicy {
  return POLICIES.has(name);
}

/**
 * Decides, for one held piece that a new fragment overlaps, whose bytes the overlap keeps.
 * Offsets are in bytes from the start of the fragmentable data; ends are exclusive. Not
 * used by `rfc5722`, which keeps no overlap (it answers `false`).
 *
 * @param policy The policy.
 * @param heldStart Where the held piece starts.
 * @param heldEnd Where the held piece ends.
 * @param newStart Where the new fragment starts.
 * @param newEnd Where the new fragment ends.
 * @returns `true` when the new fragment's bytes replace the piece's in the overlap.
 *
 * @example A retransmission at the same offset
 * ```ts
 * import { newFragmentWins } from "./defrag_policy.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(newFragmentWins("bsd", 8, 16, 8, 16), false);
 * assert.equal(newFragmentWins("linux", 8, 16, 8, 16), true);
 * ```
 */
export function newFragmentWins(
  policy: DefragPolicy,
  heldStart: number,
  heldEnd: number,
  newStart: number,
  newEnd: number,
): boolean {
  switch (policy) {
    case "first":
    case "rfc5722":
      return false;
    case "last":
      return true;
    case "bsd":
      return heldStart > newStart;
    case "linux":
      return heldStart >= newStart;
    case "bsd-right":
      return heldEnd < newEnd || (heldEnd === newEnd && heldStart >= newStart);
    case "windows":
      return newStart < heldStart && newEnd > heldEnd;
    case "solaris":
      return newStart < heldStart && newEnd >= heldEnd;
  }
}
