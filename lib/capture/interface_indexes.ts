/**
 * The host's interface names by index, for printers that name an interface as tcpdump's
 * `if_indextoname()` does (a Linux cooked capture v2 header carries only the index).
 *
 * @module
 */

import { libc } from "../../ffi/libc.ts";
import { IfNameindex } from "../../ffi/libc_structs.ts";

/**
 * The host's interface names by index, from libc's `if_nameindex()`. Without
 * `--allow-ffi` it asks nothing (it never prompts) and returns no names: a printer then
 * names every interface `?`, as tcpdump does for an index the host does not have.
 *
 * @returns Each interface's name under its index: `{ 1: "lo", 2: "eth0" }`.
 * @throws {Error} With `--allow-ffi`, when libc cannot be loaded.
 *
 * @example Name the loopback interface
 * ```ts ignore
 * import { interfaceIndexes } from "./interface_indexes.ts";
 *
 * console.log(interfaceIndexes()[1]); // "lo" on Linux, with --allow-ffi
 * ```
 */
export function interfaceIndexes(): Record<number, string> {
  const names: Record<number, string> = {};
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return names;
  const c = libc();
  const list = c.if_nameindex();
  // NULL when the system is out of memory or has no interfaces to list.
  if (list === null) return names;
  try {
    const view = new Deno.UnsafePointerView(list);
    for (let at = 0;; at += IfNameindex.size) {
      const index = view.getUint32(at + IfNameindex.index);
      const name = view.getPointer(at + IfNameindex.name);
      if (index === 0 || name === null) break;
      names[index] = Deno.UnsafePointerView.getCString(name);
    }
  } finally {
    c.if_freenameindex(list);
  }
  return names;
}
