/**
 * The permission check that every wirekit script runs first: it names each missing
 * `--allow-*` flag and the exact `deno run` command line, instead of letting Deno prompt
 * or fail halfway with a `NotCapable` error.
 *
 * @module
 */

/** A permission a script needs, as `Deno.permissions.querySync()` takes it. */
export type PermissionNeed = Deno.PermissionDescriptor;

/** What a script declares about itself for {@linkcode requirePermissions}. */
export interface ScriptPermissions {
  /** The script path as a user runs it, such as `scripts/pcapinfo.ts`. */
  script: string;
  /** The arguments shown in the suggested command line, such as `FILE...`. */
  usage?: string;
  /** The permissions the script needs, such as `{ name: "read", path: file }`. */
  needs: readonly PermissionNeed[];
}

/**
 * Returns the command-line flag that grants a permission, such as `--allow-read`.
 *
 * @param need The permission.
 * @returns The flag.
 *
 * @example Name the flag of a permission
 * ```ts
 * import { permissionFlag } from "./_permissions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(permissionFlag({ name: "read", path: "a.pcap" }), "--allow-read");
 * assert.equal(permissionFlag({ name: "ffi" }), "--allow-ffi");
 * ```
 */
export function permissionFlag(need: PermissionNeed): string {
  return `--allow-${need.name}`;
}

/**
 * Returns the flags of the permissions that are not granted, each once, in the order of
 * `needs`. A permission Deno would prompt for counts as missing.
 *
 * @param needs The permissions.
 * @returns The missing flags, empty when all are granted.
 *
 * @example Nothing is missing when the permission is granted
 * ```ts
 * import { missingPermissions } from "./_permissions.ts";
 * import assert from "node:assert/strict";
 *
 * const granted = Deno.permissions.querySync({ name: "read" }).state === "granted";
 * assert.deepEqual(missingPermissions([{ name: "read" }]), granted ? [] : ["--allow-read"]);
 * ```
 */
export function missingPermissions(needs: readonly PermissionNeed[]): string[] {
  const missing: string[] = [];
  for (const need of needs) {
    const flag = permissionFlag(need);
    if (missing.includes(flag)) continue;
    if (Deno.permissions.querySync(need).state !== "granted") missing.push(flag);
  }
  return missing;
}

/**
 * Builds the message that tells the user which flags are missing and how to run the
 * script.
 *
 * @param script The script, its usage and needs.
 * @param missing The missing flags, from {@linkcode missingPermissions}.
 * @returns The message, two lines.
 *
 * @example The message for a script that needs to read
 * ```ts
 * import { permissionMessage } from "./_permissions.ts";
 * import assert from "node:assert/strict";
 *
 * const message = permissionMessage(
 *   { script: "scripts/pcapinfo.ts", usage: "FILE...", needs: [{ name: "read" }] },
 *   ["--allow-read"],
 * );
 * assert.equal(
 *   message,
 *   "Cannot run scripts/pcapinfo.ts: missing permission --allow-read\n" +
 *     "Run it as: deno run --allow-read scripts/pcapinfo.ts FILE...",
 * );
 * ```
 */
export function permissionMessage(script: ScriptPermissions, missing: readonly string[]): string {
  const flags: string[] = [];
  for (const need of script.needs) {
    const flag = permissionFlag(need);
    if (!flags.includes(flag)) flags.push(flag);
  }
  const noun = missing.length === 1 ? "permission" : "permissions";
  const usage = script.usage === undefined || script.usage === "" ? "" : ` ${script.usage}`;
  return `Cannot run ${script.script}: missing ${noun} ${missing.join(" ")}\n` +
    `Run it as: deno run ${flags.join(" ")} ${script.script}${usage}`;
}

/**
 * Checks that the script has every permission it needs; if not, prints which flags are
 * missing and the command line to use on stderr, and exits with status 2.
 *
 * @param script The script, its usage and needs.
 * @returns Nothing, when every permission is granted.
 *
 * @example Check the permissions of a script
 * ```ts ignore
 * import { requirePermissions } from "./_permissions.ts";
 *
 * requirePermissions({ script: "scripts/pcapinfo.ts", usage: "FILE...", needs: [{ name: "read" }] });
 * ```
 */
export function requirePermissions(script: ScriptPermissions): void {
  const missing = missingPermissions(script.needs);
  if (missing.length === 0) return;
  console.error(permissionMessage(script, missing));
  Deno.exit(2);
}
