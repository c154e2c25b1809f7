/**
 * The line view that the text protocols over TCP share (HTTP, SMTP, FTP): lines as
 * tcpdump's txtproto_print() reads them, ending in LF or CR LF, printable ASCII and
 * tabs only. Private to `lib/app/`.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { type DecodeContext, type Decoder, LayerBase } from "../layer.ts";

/** One line of a text protocol's segment: offsets into the packet's bytes. */
export interface TextLine {
  /** Offset of the line's first byte. */
  readonly start: number;
  /** Offset just past its last byte, before the line ending. */
  readonly end: number;
  /** Whether it ended in LF or CR LF (else the bytes ran out first). */
  readonly terminated: boolean;
}

/**
 * How the lines of a segment ended: `end` (the bytes ended after a line ending),
 * `unterminated` (the last line ran to the end of the bytes without one: the message
 * goes on in the next segment, or the capture cut it), `binary` (a byte that is not
 * printable ASCII, a tab or a line ending, or a CR without LF, stopped the lines).
 */
export type TextEnd = "end" | "unterminated" | "binary";

/** The lines of `data[start..end)` and how they ended. */
export interface TextLines {
  /** The lines, in order: every one terminated but perhaps the last. */
  readonly lines: readonly TextLine[];
  /** How the lines ended. */
  readonly ending: TextEnd;
}

/** Whether a byte is printable ASCII (space to tilde). */
function printable(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/**
 * Reads the text lines of a segment.
 *
 * @param data The packet bytes.
 * @param start Where the segment's payload starts.
 * @param end Where the bytes end.
 * @returns The lines and how they ended.
 */
export function readTextLines(data: Uint8Array, start: number, end: number): TextLines {
  const lines: TextLine[] = [];
  let at = start;
  let lineStart = start;
  while (at < end) {
    const c = data[at]!;
    if (c === 0x0a) {
      lines.push({ start: lineStart, end: at, terminated: true });
      at++;
      lineStart = at;
    } else if (c === 0x0d) {
      if (at + 1 >= end) {
        lines.push({ start: lineStart, end: at, terminated: false });
        return { lines, ending: "unterminated" };
      }
      if (data[at + 1] !== 0x0a) return { lines, ending: "binary" };
      lines.push({ start: lineStart, end: at, terminated: true });
      at += 2;
      lineStart = at;
    } else if (!printable(c) && c !== 0x09) {
      return { lines, ending: "binary" };
    } else {
      at++;
    }
  }
  if (lineStart < end) {
    lines.push({ start: lineStart, end, terminated: false });
    return { lines, ending: "unterminated" };
  }
  return { lines, ending: "end" };
}

/**
 * Reads one token as tcpdump's fetch_token() does: printable ASCII up to a space, tab,
 * CR or LF, at most 127 characters, then the blanks after it.
 *
 * @param data The packet bytes.
 * @param at Where the token starts.
 * @param end Where the bytes end.
 * @returns The token and where the next one starts, or `undefined` when there is none
 * (an empty token, a byte that is not printable ASCII, a token too long, or no byte
 * after it).
 */
export function readToken(
  data: Uint8Array,
  at: number,
  end: number,
): { token: string; next: number } | undefined {
  let i = at;
  for (; i < end; i++) {
    const c = data[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!printable(c) || i - at >= 127) return undefined;
  }
  if (i === at) return undefined;
  const token = String.fromCharCode(...data.subarray(at, i));
  for (; i < end; i++) {
    const c = data[i]!;
    if (c === 0x0d || c === 0x0a || !printable(c) || (c !== 0x20 && c !== 0x09)) break;
  }
  return { token, next: i };
}

/**
 * The base of the text protocols' layers: the segment's payload as a line view. A layer
 * is any non-empty payload on the protocol's port (a segment may start mid-message).
 */
export abstract class TextLayer extends LayerBase {
  #lines: TextLines | undefined = undefined;

  /** The segment's lines, built on first use. */
  get textLines(): TextLines {
    this.#lines ??= readTextLines(this.data, this.offset, this.end);
    return this.#lines;
  }

  /** The lines as strings (without their line endings). */
  get lines(): string[] {
    return this.textLines.lines.map((l) =>
      String.fromCharCode(...this.data.subarray(l.start, l.end))
    );
  }

  /** Decodes the segment at `offset` as lines, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end <= offset) return DecodeError.truncated(this.kind, offset, 1, 0);
    this.data = data;
    this.offset = offset;
    this.headerLength = end - offset;
    this.end = end;
    this.#lines = undefined;
    this.decodeText();
    return undefined;
  }

  /** Reads the protocol's own fields after `decodeFrom()` set the bytes. */
  protected decodeText(): void {}

  /** Text protocols end the packet: no decoder follows. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the lines and how the last one ended, as a plain object. */
  toJSON(): Record<string, unknown> {
    return { lines: this.lines, ending: this.textLines.ending };
  }
}
