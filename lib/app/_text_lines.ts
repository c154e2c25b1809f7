/**
 * The lines and tokens of a text protocol (SIP, HTTP, RTSP...) as tcpdump's
 * txtproto_print() reads them. Private to `lib/app/`.
 *
 * @module
 */

/** One line: the bytes `[start, end)`, without its line ending. */
export interface TextLine {
  /** Offset of the first byte. */
  readonly start: number;
  /** Offset just past the last byte (before CR LF or LF). */
  readonly end: number;
}

/**
 * The lines of a text message, and why they stop: `"end"` at the message's end,
 * `"binary"` at a byte that is not printable text (or a CR without LF), `"unterminated"`
 * when the message ends inside a line (then `partial` is that line), `"cut"` when the
 * captured bytes end first.
 */
export interface TextLines {
  /** The complete lines. */
  readonly lines: readonly TextLine[];
  /** Why the lines stop. */
  readonly stop: "end" | "binary" | "unterminated" | "cut";
  /** The last, unterminated line (with `stop` `"unterminated"`). */
  readonly partial?: TextLine;
}

function printable(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

/**
 * Reads the lines of the `length` bytes from `start`, the captured bytes ending at
 * `captured`, as tcpdump's print_txt_line() reads them; at most `limit` lines.
 */
export function readTextLines(
  data: Uint8Array,
  start: number,
  length: number,
  captured: number,
  limit = Infinity,
): TextLines {
  const lines: TextLine[] = [];
  const end = start + length;
  let i = start;
  while (i < end && lines.length < limit) {
    const first = i;
    for (;;) {
      if (i >= end) {
        return { lines, stop: "unterminated", partial: { start: first, end: i } };
      }
      if (i >= captured) return { lines, stop: "cut" };
      const c = data[i]!;
      if (c === 0x0a) {
        lines.push({ start: first, end: i });
        i++;
        break;
      }
      if (c === 0x0d) {
        if (i + 1 >= end) return { lines, stop: "binary" };
        if (i + 1 >= captured) return { lines, stop: "cut" };
        if (data[i + 1] !== 0x0a) return { lines, stop: "binary" };
        lines.push({ start: first, end: i });
        i += 2;
        break;
      }
      if (!printable(c) && c !== 0x09) return { lines, stop: "binary" };
      i++;
    }
  }
  return { lines, stop: "end" };
}

/**
 * The token at `at` (printable ASCII up to a space, tab or line end, at most 127 bytes)
 * and where the next one starts, as tcpdump's fetch_token() reads it; `undefined` when
 * there is none.
 */
export function readToken(
  data: Uint8Array,
  at: number,
  end: number,
  captured: number,
): { text: string; next: number } | undefined {
  let i = at;
  let text = "";
  for (; i < end; i++) {
    if (i >= captured) return undefined;
    const c = data[i]!;
    if (c >= 0x80) return undefined;
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!printable(c)) return undefined;
    if (text.length + 2 > 129) return undefined;
    text += String.fromCharCode(c);
  }
  if (text === "") return undefined;
  for (; i < end && i < captured; i++) {
    const c = data[i]!;
    if (c === 0x0d || c === 0x0a || !printable(c) || (c !== 0x20 && c !== 0x09)) break;
  }
  return { text, next: i };
}
