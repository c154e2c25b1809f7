/**
 * The file names `tshark --export-objects` gives (Wireshark 4.0, `ui/export_object_ui.c`
 * `eo_massage_str()` and `eo_rename()`): the request target's last path segment, with the
 * characters Windows forbids in names escaped as `%xx`, cut to 255 bytes keeping the
 * extension, and `(n)` put before the extension of the n-th name already taken.
 *
 * @module
 */

/** The longest name (`EXPORT_OBJECT_MAXFILELEN`). */
const MAX_NAME = 255;
/** How many names tshark tries before it overwrites (`gui_max_export_objects`). */
const MAX_TRIES = 1000;

// deno-lint-ignore no-control-regex
const REJECT = /[<>:"/\\|?*\x01-\x1f]/g;

/** `g_path_get_basename()`: the last `/`-separated segment, trailing slashes ignored. */
function basename(path: string): string {
  if (path === "") return ".";
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** Everything from the last dot, or "" when there is none. */
function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot);
}

/** `eo_massage_str()`: the name with rejected characters escaped, cut and numbered. */
function massage(name: string, duplicate: number): string {
  let out = name.replace(REJECT, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  if (out.length > MAX_NAME) {
    const ext = extension(out);
    out = out.slice(0, Math.max(0, MAX_NAME - ext.length)) + ext;
  }
  if (duplicate === 0) return out;
  const mark = `(${duplicate})`;
  const ext = extension(out);
  const stem = out.slice(0, out.length - ext.length);
  return stem.slice(0, MAX_NAME - (mark.length + ext.length)) + mark + ext;
}

/** What an object is named after. */
export interface ObjectNameSource {
  /** The request target the object belongs to, when known. */
  target: string | undefined;
  /** The Content-Type, for an object without a target. */
  contentType: string | undefined;
  /** The number of the frame that completed the object, for an object without a target. */
  frame: number;
}

/**
 * Gives objects the names tshark gives them, each name once.
 *
 * @example Name two objects of the same path
 * ```ts
 * import { ObjectNames } from "./_object_names.ts";
 * import assert from "node:assert/strict";
 *
 * const names = new ObjectNames();
 * assert.equal(names.next({ target: "/a/b.html?x=1", contentType: undefined, frame: 4 }), "b.html%3fx=1");
 * assert.equal(names.next({ target: "/", contentType: undefined, frame: 6 }), "%2f");
 * assert.equal(names.next({ target: "/c/", contentType: undefined, frame: 8 }), "c");
 * assert.equal(names.next({ target: "/x/c", contentType: undefined, frame: 9 }), "c(1)");
 * assert.equal(names.next({ target: undefined, contentType: "text/xml", frame: 1 }), "object1.text%2fxml");
 * ```
 */
export class ObjectNames {
  readonly #taken = new Set<string>();

  /**
   * Names the next object.
   *
   * @param source What it is named after.
   * @returns A name not given before.
   */
  next(source: ObjectNameSource): string {
    // C strings end at the first NUL.
    const raw = source.target !== undefined
      ? basename(source.target.split("\0")[0]!)
      : `object${source.frame}${source.contentType === undefined ? "" : `.${source.contentType}`}`;
    let duplicate = 0;
    let name = massage(raw, duplicate);
    while (this.#taken.has(name) && ++duplicate < MAX_TRIES) name = massage(raw, duplicate);
    this.#taken.add(name);
    return name;
  }
}
