/**
 * NFS over Sun RPC (RFC 5531) on port 2049, over UDP and over TCP with RPC record marking:
 * the RPC call and reply headers, the arguments of NFSv2/v3 calls (RFC 1094, 1813) and,
 * given the procedure of the call it answers, a reply's results (see
 * {@linkcode readNfsReply}). The arguments are read as tcpdump's nfsreq_noaddr_print()
 * reads them: any call to port 2049 is taken for NFS, version 3 when its program version
 * is 3 and version 2 (by procedure number) otherwise, as tcpdump does with NFSv4's
 * COMPOUND.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { encodeHex } from "../_hex.ts";
import { latin1, readUint32 as u32 } from "../_bytes.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { XdrCursor } from "./_xdr.ts";
import { type NfsFileHandle, NfsProcedure as P, nfsProcedure } from "./_nfs_xdr.ts";
import type { XdrOpaque } from "./_xdr.ts";
import { type NfsCallArguments, readArguments } from "./_nfs_args.ts";

export type { NfsHandleInfo } from "./_nfs_fh.ts";
export type { XdrOpaque } from "./_xdr.ts";
export { type NfsFileHandle, type NfsName, NfsProcedure, nfsProcedure } from "./_nfs_xdr.ts";
export type { NfsCallArguments, NfsSetAttributes } from "./_nfs_args.ts";
export {
  type NfsAttributes,
  type NfsReply,
  type NfsWcc,
  type NfsWccAttributes,
  readNfsReply,
} from "./_nfs_reply.ts";

/** NFS's port. */
export const NFS_PORT = 2049;

/**
 * An RPC message on NFS's port: record mark (over TCP), transaction ID and direction;
 * for a call the RPC version, program, version, procedure and its NFS arguments
 * ({@linkcode Nfs.callArguments}); for a reply its status (results are read with
 * {@linkcode readNfsReply} given the call's procedure).
 *
 * @example Decode a NULL call
 * ```ts
 * import { decodeNfs } from "./nfs.ts";
 * import assert from "node:assert/strict";
 *
 * const call = new Uint8Array(40);
 * call.set([0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0x86, 0xa3, 0, 0, 0, 3]);
 * const nfs = decodeNfs(call);
 * assert.equal(nfs.xid, 7);
 * assert.equal(nfs.direction, 0);
 * assert.equal(nfs.program, 100003);
 * assert.equal(nfs.callArguments?.procedure, 0);
 * ```
 */
export class Nfs extends LayerBase {
  /** The discriminant. */
  readonly kind = "nfs" as const;
  /** Whether a record mark precedes the message (RPC over TCP). */
  recordMarked = false;
  /** The record mark's fragment length (over TCP; else the message length). */
  fragmentLength = 0;
  /** The record mark's last-fragment bit. */
  lastFragment = true;
  /** Offset of the RPC message (after the record mark). */
  messageOffset = 0;
  /**
   * The message length that tcpdump works with: the UDP payload length, or over TCP the
   * fragment length bounded by the captured segment.
   */
  messageLength = 0;
  /** Transaction ID. */
  xid = 0;
  /** 0 call, 1 reply. */
  direction = 0;
  /** Whether tcpdump takes it for NFS: a call to port 2049 or a reply from it. */
  nfsMessage = false;
  /** The call's RPC version (0 when not captured, or for a reply). */
  rpcVersion = 0;
  /** The call's program (100003 for NFS). */
  program = 0;
  /** The call's program version. */
  programVersion = 0;
  /** The call's procedure (RPC number). */
  procedure = 0;
  /** Whether the call header was captured up to its procedure. */
  callHeaderCaptured = false;
  /** The reply's status: 0 accepted, 1 denied (-1 when not captured). */
  replyStatus: number = -1;
  /** A denied reply's reason: 0 RPC version mismatch, 1 authentication error (-1 when not captured). */
  rejectStatus: number = -1;
  /**
   * A denied reply's detail: the lowest and highest RPC versions supported (mismatch), or
   * the authentication status in the first place (`undefined` when not captured).
   */
  rejectDetail: readonly number[] | undefined = undefined;
  #arguments: NfsCallArguments | undefined = undefined;

  /** Decodes the message at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const transport = context.transport;
    const tcp = transport?.kind === "tcp";
    const at = tcp ? offset + 4 : offset;
    if (end - at < 8) {
      return DecodeError.truncated(this.kind, offset, at - offset + 8, end - offset);
    }
    this.data = data;
    this.offset = offset;
    this.recordMarked = tcp;
    this.messageOffset = at;
    this.#arguments = undefined;
    if (tcp) {
      const mark = u32(data, offset);
      this.lastFragment = (mark & 0x80000000) !== 0;
      this.fragmentLength = mark & 0x7fffffff;
      this.messageLength = Math.min(this.fragmentLength, end - at);
      // A record shorter than the RPC header: tcpdump reads the header all the same.
      this.end = at + Math.max(this.messageLength, 8);
    } else {
      const udpLength = transport?.kind === "udp" ? transport.length : 0;
      this.messageLength = udpLength >= 8 ? udpLength - 8 : end - at;
      this.fragmentLength = this.messageLength;
      this.lastFragment = true;
      this.end = end;
    }
    this.headerLength = at - offset + 8;
    this.xid = u32(data, at);
    this.direction = u32(data, at + 4);
    const sourcePort = transport?.sourcePort ?? 0;
    const destinationPort = transport?.destinationPort ?? NFS_PORT;
    this.nfsMessage = (this.direction === 0 && destinationPort === NFS_PORT) ||
      (this.direction === 1 && sourcePort === NFS_PORT);
    this.callHeaderCaptured = this.direction === 0 && this.end - at >= 24;
    if (this.callHeaderCaptured) {
      this.rpcVersion = u32(data, at + 8);
      this.program = u32(data, at + 12);
      this.programVersion = u32(data, at + 16);
      this.procedure = u32(data, at + 20);
    } else {this.rpcVersion =
        this.program =
        this.programVersion =
        this.procedure =
          0;}
    this.replyStatus = this.direction === 1 && this.end - at >= 12 ? u32(data, at + 8) : -1;
    this.rejectStatus = this.replyStatus === 1 && this.end - at >= 16 ? u32(data, at + 12) : -1;
    this.rejectDetail = undefined;
    if (this.rejectStatus === 0 && this.end - at >= 24) {
      this.rejectDetail = [u32(data, at + 16), u32(data, at + 20)];
    } else if (this.rejectStatus === 1 && this.end - at >= 20) {
      this.rejectDetail = [u32(data, at + 16)];
    }
    return undefined;
  }

  /** NFS data is not decoded further. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** A call's arguments (`undefined` for a reply or a call header cut short). */
  get callArguments(): NfsCallArguments | undefined {
    if (!this.callHeaderCaptured) return undefined;
    this.#arguments ??= this.#readArguments();
    return this.#arguments;
  }

  /** Returns the message's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { xid: this.xid, direction: this.direction };
    if (this.recordMarked) {
      json.fragmentLength = this.fragmentLength;
      json.lastFragment = this.lastFragment;
    }
    if (this.callHeaderCaptured) {
      json.rpcVersion = this.rpcVersion;
      json.program = this.program;
      json.programVersion = this.programVersion;
      json.procedure = this.procedure;
      // Handles as their hex bytes and layout, names as text, 64-bit numbers as strings.
      const d = this.data;
      const text = (o: XdrOpaque) => latin1(d, o.offset, o.offset + o.length);
      json.arguments = JSON.parse(JSON.stringify(this.callArguments, (key, v) => {
        if (typeof v === "bigint") return v.toString();
        // Arguments cut short leave a handle or a name `undefined`.
        if (typeof v !== "object" || v === null) return v;
        if (key === "handle" || key === "handle2") {
          const fh = v as NfsFileHandle;
          const bytes = d.subarray(fh.offset, fh.offset + fh.length);
          return {
            bytes: encodeHex(bytes),
            ...fh.info,
          };
        }
        if (key === "name" || key === "name2" || key === "target") return text(v as XdrOpaque);
        return v;
      }));
    }
    if (this.replyStatus >= 0) json.replyStatus = this.replyStatus;
    return json;
  }

  /**
   * Skips the credentials and verifier as tcpdump's parsereq() does: where the arguments
   * start, `"checked"` where a length check fails, `"read"` where a word it reads is past
   * the bytes.
   */
  #argumentsStart(): number | "checked" | "read" {
    const c = new XdrCursor(this.data, this.messageOffset + 24, this.end);
    // tcpdump measures both against the whole message's length.
    let length = this.messageLength;
    for (let i = 0; i < 2; i++) {
      if (length < 8) return "checked";
      c.u32();
      const size = c.u32();
      if (size === undefined) return "read";
      // roundup2() wraps in 32 bits for the checks; the pointer then steps over the whole
      // size (a size_t sum), past the capture for a size near 2^32.
      const rounded = (size + 3) & ~3;
      if (!c.has(rounded)) return "checked";
      if (i === 0 ? 8 + rounded > length : 8 + rounded >= length) return "checked";
      if (!c.skip(Math.ceil(size / 4) * 4)) return "read";
      length -= 8 + rounded;
    }
    return c.at;
  }

  #readArguments(): NfsCallArguments {
    const v3 = this.programVersion === 3;
    const procedure = nfsProcedure(this.procedure, this.programVersion);
    const args: NfsCallArguments = { procedure, v3, truncated: false };
    if (procedure === P.NULL || procedure === P.NOOP || procedure > P.COMMIT) return args;
    const start = this.#argumentsStart();
    if (typeof start !== "number") return { ...args, truncated: true, readCut: start === "read" };
    const c = new XdrCursor(this.data, start, this.end);
    const done = readArguments(c, args, procedure, v3);
    args.truncated = !done;
    return args;
  }
}

/**
 * Creates {@linkcode Nfs} layers; the registry entry for UDP and TCP port 2049.
 *
 * @example Create an NFS layer
 * ```ts
 * import { nfsDecoder } from "./nfs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nfsDecoder.create().kind, "nfs");
 * ```
 */
export const nfsDecoder: ProtocolDescriptor<Nfs> = defineProtocol({
  kind: "nfs",
  name: "NFS",
  tcpdumpName: "nfs",
  create: () => new Nfs(),
  bindings: { udpPorts: [NFS_PORT], tcpPorts: [NFS_PORT] },
});

/**
 * Decodes an RPC message as over UDP (no record mark).
 *
 * @param data The bytes (the UDP payload).
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 8 bytes are there.
 *
 * @example Reject a message cut short
 * ```ts
 * import { decodeNfs } from "./nfs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeNfs(new Uint8Array(4)), {
 *   message: "Cannot decode NFS header: 8 bytes required, received 4",
 * });
 * ```
 */
export function decodeNfs(data: Uint8Array, offset = 0): Nfs {
  return decodeOne(new Nfs(), data, offset);
}
