/**
 * SSH over TCP port 22: the protocol version exchange (RFC 4253 section 4.2) that opens
 * each direction, `SSH-2.0-OpenSSH_7.4`, as tcpdump's ssh_print() finds it at the start
 * of a segment. The binary packets after it are not decoded.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { beginLayer } from "../_begin_layer.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { latin1 } from "../_bytes.ts";

/** `SSH-`, which a version line starts with. */
const SSH_DASH = [0x53, 0x53, 0x48, 0x2d];

/**
 * How the segment's start reads as a version line: `line` (`SSH-` and printable ASCII up
 * to LF or CR LF), `none` (something else: binary data, a CR without LF, or no line end
 * in the segment), `cut` (the bytes ended inside `SSH-...`, before a line end).
 */
export type SshVersionEnd = "line" | "none" | "cut";

/**
 * An SSH segment: its version line, when it starts with one.
 *
 * @example Read a version line
 * ```ts
 * import { decodeSsh } from "./ssh.ts";
 * import assert from "node:assert/strict";
 *
 * const ssh = decodeSsh(new TextEncoder().encode("SSH-2.0-OpenSSH_7.4\r\n"));
 * assert.equal(ssh.version, "SSH-2.0-OpenSSH_7.4");
 * assert.equal(ssh.versionEnd, "line");
 * ```
 */
export class Ssh extends LayerBase {
  /** The discriminant. */
  readonly kind = "ssh" as const;
  /** The version line, without its line end (`undefined` unless `versionEnd` is `line`). */
  version: string | undefined = undefined;
  /** How the segment's start reads as a version line. */
  versionEnd: SshVersionEnd = "none";

  /** Decodes the segment at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginLayer(this, data, offset, end);
    if (error !== undefined) return error;
    this.headerLength = end - offset;
    this.version = undefined;
    this.versionEnd = "none";
    for (let i = 0; i < 4; i++) {
      if (offset + i >= end) return void (this.versionEnd = "cut");
      if (data[offset + i] !== SSH_DASH[i]) return undefined;
    }
    for (let at = offset + 4; at < end; at++) {
      const c = data[at]!;
      if (c === 0x0d && at + 1 >= end) break;
      if (c === 0x0a || (c === 0x0d && data[at + 1] === 0x0a)) {
        this.version = latin1(data, offset, at);
        this.versionEnd = "line";
        return undefined;
      }
      if (c < 0x20 || c >= 0x7f) return undefined;
    }
    // The bytes ran out before a line end (a CR at the very end included).
    this.versionEnd = "cut";
    return undefined;
  }

  /** SSH's binary packets are not decoded. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the version line as a plain object. */
  toJSON(): Record<string, unknown> {
    return this.version === undefined ? { versionEnd: this.versionEnd } : {
      version: this.version,
      versionEnd: this.versionEnd,
    };
  }
}

/**
 * Creates {@linkcode Ssh} layers; the registry entry for TCP port 22.
 *
 * @example Create an SSH layer
 * ```ts
 * import { sshDecoder } from "./ssh.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sshDecoder.create().kind, "ssh");
 * ```
 */
export const sshDecoder: ProtocolDescriptor<Ssh> = defineProtocol({
  kind: "ssh",
  name: "SSH",
  tcpdumpName: "ssh",
  create: () => new Ssh(),
  bindings: { tcpPorts: [22] },
});

/**
 * Decodes an SSH segment.
 *
 * @param data The bytes (the TCP payload).
 * @param offset Where the payload starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When the payload is empty.
 *
 * @example A binary packet has no version line
 * ```ts
 * import { decodeSsh } from "./ssh.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeSsh(new Uint8Array([0, 0, 1, 0x2c, 4])).versionEnd, "none");
 * ```
 */
export function decodeSsh(data: Uint8Array, offset = 0): Ssh {
  return decodeOne(new Ssh(), data, offset);
}
