/**
 * The lines and tokens of the text protocols (HTTP, SMTP, FTP, SIP...) as tcpdump's
 * txtproto_print() reads them: lines ending in LF or CR LF, printable ASCII and tabs
 * only; and the line view their layers share. Private to `lib/app/`.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { type DecodeContext, type Decoder, LayerBase } from "../layer.ts";
import { latin1 } from "../_bytes.ts";

/** One line of a text message: the bytes `[start, end)`, without its line ending. */
export interface TextLine {
  /** Offset of the line's first byte. */
  readonly start: number;
  /** Offset just past its last byte, before the line ending. */
  readonly end: number;
}

/**
 * Why the lines of a text message stop: `end` (the message ends after a line ending),
 * `binary` (a byte that is not printable ASCII, a tab or a line ending, or a CR followed
 * by another byte), `unterminated` (the message ends inside a line: the message goes on
 * in the next segment, or the capture cut it), `cut` (the captured bytes end before the
 * message does).
 */
export type TextEnd = "end" | "binary" | "unterminated" | "cut";

/** The lines of a text message and why they stop. */
export interface TextLines {
  /** The complete lines, in order. */
  readonly lines: readonly TextLine[];
  /** Why the lines stop. */
  readonly stop: TextEnd;
  /**
   * With `stop` `unterminated`, the last line without a line ending. It ends before the
   * message when the message's last byte is a CR (whose LF may come next; tcpdump
   * prints nothing of such a line).
   */
  readonly partial?: TextLine;
}

/** Whether a byte is printable ASCII (space to tilde). */
function printable(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/**
 * Reads the lines of a text message as tcpdump's print_txt_line() reads them.
 *
 * @param data The packet bytes.
 * @param start Where the message starts.
 * @param length The message's length (on the wire: it may run past the captured bytes).
 * @param captured Where the captured bytes end.
 * @param limit The most lines to read.
 * @returns The lines and why they stop.
 */
export function readTextLines(
  data: Uint8Array,
  start: number,
  length: number,
  captured: number = start + length,
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
        if (i + 1 >= end) {
          return { lines, stop: "unterminated", partial: { start: first, end: i } };
        }
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
 * Reads one token as tcpdump's fetch_token() does: printable ASCII up to a space, tab,
 * CR or LF, at most 128 characters, then the blanks after it.
 *
 * @param data The packet bytes.
 * @param at Where the token starts.
 * @param end Where the message ends.
 * @param captured Where the captured bytes end.
 * @returns The token and where the next one starts, or `undefined` when there is none
 * (an empty token, a byte that is not printable ASCII, a token too long, or the captured
 * bytes ending inside it).
 */
export function readToken(
  data: Uint8Array,
  at: number,
  end: number,
  captured: number = end,
): { token: string; next: number } | undefined {
  let i = at;
  for (; i < end; i++) {
    if (i >= captured) return undefined;
    const c = data[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    // tcpdump's buffer holds 128 characters and the NUL.
    if (!printable(c) || i - at >= 128) return undefined;
  }
  if (i === at) return undefined;
  const token = latin1(data, at, i);
  for (; i < end && i < captured; i++) {
    const c = data[i]!;
    if (c === 0x0d || c === 0x0a || !printable(c) || (c !== 0x20 && c !== 0x09)) break;
  }
  return { token, next: i };
}

/**
 * Tells whether a text message starts a request or a response as txtproto_print() does for
 * HTTP and RTSP (`RESP_CODE_SECOND_TOKEN`): a first token that is one of the methods (in
 * any case), else a second token of three digits.
 *
 * @param data The packet bytes.
 * @param start Where the message starts.
 * @param end Where its captured bytes end.
 * @param methods The request methods, in capitals.
 * @returns `"request"`, `"response"` or `undefined` for neither.
 */
export function requestOrResponse(
  data: Uint8Array,
  start: number,
  end: number,
  methods: ReadonlySet<string>,
): "request" | "response" | undefined {
  const first = readToken(data, start, end);
  if (first === undefined) return undefined;
  if (methods.has(first.token.toUpperCase())) return "request";
  const second = readToken(data, first.next, end);
  return second !== undefined && /^[0-9]{3}$/.test(second.token) ? "response" : undefined;
}

/**
 * The base of the text protocols' layers: the segment's payload as a line view. A layer
 * is any non-empty payload on the protocol's port (a segment may start mid-message).
 */
export abstract class TextLayer extends LayerBase {
  #lines: TextLines | undefined = undefined;

  /** The segment's lines (its captured bytes), built on first use. */
  get textLines(): TextLines {
    this.#lines ??= readTextLines(this.data, this.offset, this.end - this.offset);
    return this.#lines;
  }

  /**
   * The segment's lines as read up to `length` bytes on the wire (the captured bytes may
   * be fewer).
   *
   * @param length The segment's length on the wire.
   * @param limit The most lines to read.
   * @returns The lines and why they stop.
   */
  linesOf(length: number, limit = Infinity): TextLines {
    return readTextLines(this.data, this.offset, length, this.end, limit);
  }

  /** The lines as strings (without their line endings), the unterminated last one too. */
  get lines(): string[] {
    const { lines, partial } = this.textLines;
    return [...lines, ...(partial === undefined ? [] : [partial])].map((l) =>
      latin1(this.data, l.start, l.end)
    );
  }

  /** Decodes the segment at `offset` as lines, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.headerLength = end - offset;
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
    return { lines: this.lines, ending: this.textLines.stop };
  }
}
