/**
 * C constants and struct layouts for the libc calls in `libc.ts`, for Linux on 64-bit
 * little-endian machines (x86-64, aarch64): `sockaddr_alg`, `msghdr`, `iovec`, `cmsghdr`
 * and `af_alg_iv` (kernel crypto) and `passwd` (dropping privileges) here; the raw socket
 * and TPACKET ring layouts (`sockaddr_ll`, `sockaddr_in`, `sockaddr_in6`, `packet_mreq`,
 * `sock_filter`, `sock_fprog`, `tpacket_stats`, `pollfd`, `timespec`, `ifreq`...) in
 * `packet_structs.ts`, re-exported. Each layout is an `as const` object of byte offsets and
 * a size, and a builder writes it into a `Uint8Array` that can be passed as a `"buffer"`
 * parameter. `tests/libc_structs_test.ts` checks the offsets against the C headers.
 *
 * @module
 */

import { addressOf } from "./_address.ts";

export * from "./packet_structs.ts";

/** Socket and AF_ALG constants (`<sys/socket.h>`, `<linux/if_alg.h>`). */
export const Sock = {
  /** `AF_ALG`: the kernel crypto API address family. */
  AF_ALG: 38,
  /** `SOCK_SEQPACKET`. */
  SOCK_SEQPACKET: 5,
  /** `SOCK_CLOEXEC`. */
  SOCK_CLOEXEC: 0o2000000,
  /** `SOL_SOCKET`. */
  SOL_SOCKET: 1,
  /** `SO_SNDBUF`. */
  SO_SNDBUF: 7,
  /** `SO_RCVBUF`. */
  SO_RCVBUF: 8,
  /** `SO_SNDBUFFORCE` (needs `CAP_NET_ADMIN`). */
  SO_SNDBUFFORCE: 32,
  /** `SO_RCVBUFFORCE` (needs `CAP_NET_ADMIN`). */
  SO_RCVBUFFORCE: 33,
  /** `SOL_ALG`: the socket option level of AF_ALG. */
  SOL_ALG: 279,
  /** `MSG_DONTWAIT`. */
  MSG_DONTWAIT: 0x40,
  /** `MSG_MORE`: more data follows in a later call. */
  MSG_MORE: 0x8000,
} as const;

/** AF_ALG socket options and control message types (`<linux/if_alg.h>`). */
export const Alg = {
  /** `ALG_SET_KEY`: `setsockopt` with the key bytes. */
  SET_KEY: 1,
  /** `ALG_SET_IV`: control message holding a `struct af_alg_iv`. */
  SET_IV: 2,
  /** `ALG_SET_OP`: control message holding a `__u32` operation. */
  SET_OP: 3,
  /** `ALG_SET_AEAD_ASSOCLEN`: control message holding a `__u32` length. */
  SET_AEAD_ASSOCLEN: 4,
  /** `ALG_SET_AEAD_AUTHSIZE`: `setsockopt` with a null value and the tag size as length. */
  SET_AEAD_AUTHSIZE: 5,
  /** `ALG_OP_DECRYPT`. */
  OP_DECRYPT: 0,
  /** `ALG_OP_ENCRYPT`. */
  OP_ENCRYPT: 1,
} as const;

/** File, pipe and splice constants (`<fcntl.h>`, Linux). */
export const File = {
  /** `O_RDONLY`. */
  O_RDONLY: 0,
  /** `O_CLOEXEC`. */
  O_CLOEXEC: 0o2000000,
  /** `F_SETPIPE_SZ`. */
  F_SETPIPE_SZ: 1031,
  /** `SPLICE_F_MOVE`. */
  SPLICE_F_MOVE: 1,
  /** `SPLICE_F_MORE`: more data follows (passed on to the socket as `MSG_MORE`). */
  SPLICE_F_MORE: 4,
} as const;

/** `struct sockaddr_alg` (`<linux/if_alg.h>`): byte offsets and size. */
export const SockaddrAlg = {
  /** `__u16 salg_family`. */
  family: 0,
  /** `__u8 salg_type[14]`. */
  type: 2,
  /** Bytes of `salg_type`, its terminating NUL included. */
  typeLength: 14,
  /** `__u32 salg_feat`. */
  feat: 16,
  /** `__u32 salg_mask`. */
  mask: 20,
  /** `__u8 salg_name[64]`. */
  name: 24,
  /** Bytes of `salg_name`, its terminating NUL included. */
  nameLength: 64,
  /** `sizeof(struct sockaddr_alg)`. */
  size: 88,
} as const;

/** `struct iovec` (`<sys/uio.h>`): byte offsets and size. */
export const Iovec = {
  /** `void *iov_base`. */
  base: 0,
  /** `size_t iov_len`. */
  length: 8,
  /** `sizeof(struct iovec)`. */
  size: 16,
} as const;

/** `struct msghdr` (`<sys/socket.h>`): byte offsets and size. */
export const Msghdr = {
  /** `void *msg_name`. */
  name: 0,
  /** `socklen_t msg_namelen`. */
  nameLength: 8,
  /** `struct iovec *msg_iov`. */
  iov: 16,
  /** `size_t msg_iovlen`. */
  iovLength: 24,
  /** `void *msg_control`. */
  control: 32,
  /** `size_t msg_controllen`. */
  controlLength: 40,
  /** `int msg_flags`. */
  flags: 48,
  /** `sizeof(struct msghdr)`. */
  size: 56,
} as const;

/** `struct cmsghdr` (`<sys/socket.h>`): byte offsets and size; data follows the header. */
export const Cmsghdr = {
  /** `size_t cmsg_len`: header plus data, without the final padding. */
  length: 0,
  /** `int cmsg_level`. */
  level: 8,
  /** `int cmsg_type`. */
  type: 12,
  /** `sizeof(struct cmsghdr)`, where the data starts (`CMSG_DATA`). */
  size: 16,
  /** Control messages are aligned to `sizeof(size_t)`. */
  align: 8,
} as const;

/** `struct af_alg_iv` (`<linux/if_alg.h>`): byte offsets; the IV bytes follow. */
export const AfAlgIv = {
  /** `__u32 ivlen`. */
  ivLength: 0,
  /** `__u8 iv[]`. */
  iv: 4,
} as const;

/**
 * `CMSG_SPACE(length)`: the bytes a control message with `length` data bytes takes.
 *
 * @param length Bytes of data.
 * @returns Header, data and padding.
 *
 * @example A 4-byte operation takes 24 bytes
 * ```ts
 * import { cmsgSpace } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cmsgSpace(4), 24);
 * ```
 */
export function cmsgSpace(length: number): number {
  return Cmsghdr.size + Math.ceil(length / Cmsghdr.align) * Cmsghdr.align;
}

/**
 * `CMSG_LEN(length)`: the `cmsg_len` of a control message with `length` data bytes.
 *
 * @param length Bytes of data.
 * @returns Header and data, without padding.
 *
 * @example
 * ```ts
 * import { cmsgLength } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cmsgLength(4), 20);
 * ```
 */
export function cmsgLength(length: number): number {
  return Cmsghdr.size + length;
}

const encoder = new TextEncoder();

/**
 * Builds a `struct sockaddr_alg` for `bind()`.
 *
 * @param type The algorithm type, such as `hash` or `skcipher`.
 * @param name The algorithm name, such as `sha256` or `cbc(aes)`.
 * @returns The 88 bytes.
 * @throws {RangeError} When a name does not fit its field.
 *
 * @example Build the address of sha256
 * ```ts
 * import { sockaddrAlg } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * const address = sockaddrAlg("hash", "sha256");
 * assert.equal(address.length, 88);
 * assert.equal(address[0], 38);
 * assert.equal(new TextDecoder().decode(address.subarray(24, 30)), "sha256");
 * ```
 */
export function sockaddrAlg(type: string, name: string): Uint8Array<ArrayBuffer> {
  const typeBytes = encoder.encode(type);
  const nameBytes = encoder.encode(name);
  if (typeBytes.length >= SockaddrAlg.typeLength) {
    throw new RangeError(
      `Cannot bind AF_ALG type "${type}": at most ${
        SockaddrAlg.typeLength - 1
      } bytes allowed, received ${typeBytes.length}`,
    );
  }
  if (nameBytes.length >= SockaddrAlg.nameLength) {
    throw new RangeError(
      `Cannot bind AF_ALG algorithm "${name}": at most ${
        SockaddrAlg.nameLength - 1
      } bytes allowed, received ${nameBytes.length}`,
    );
  }
  const bytes = new Uint8Array(SockaddrAlg.size);
  const view = new DataView(bytes.buffer);
  view.setUint16(SockaddrAlg.family, Sock.AF_ALG, true);
  bytes.set(typeBytes, SockaddrAlg.type);
  bytes.set(nameBytes, SockaddrAlg.name);
  return bytes;
}

/** One control message for {@linkcode controlMessages}: level, type and data. */
export interface ControlMessage {
  /** `cmsg_level`, such as `SOL_ALG`. */
  level: number;
  /** `cmsg_type`, such as `ALG_SET_OP`. */
  type: number;
  /** The data bytes. */
  data: Uint8Array;
}

/**
 * Lays out control messages one after another, each `CMSG_SPACE` bytes long.
 *
 * @param messages The messages.
 * @returns The `msg_control` bytes.
 *
 * @example One ALG_SET_OP message
 * ```ts
 * import { Alg, controlMessages, Sock, u32 } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = controlMessages([{ level: Sock.SOL_ALG, type: Alg.SET_OP, data: u32(1) }]);
 * assert.equal(bytes.length, 24);
 * assert.equal(bytes[0], 20); // cmsg_len
 * ```
 */
export function controlMessages(messages: readonly ControlMessage[]): Uint8Array<ArrayBuffer> {
  let total = 0;
  for (const message of messages) total += cmsgSpace(message.data.length);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const message of messages) {
    view.setBigUint64(offset + Cmsghdr.length, BigInt(cmsgLength(message.data.length)), true);
    view.setInt32(offset + Cmsghdr.level, message.level, true);
    view.setInt32(offset + Cmsghdr.type, message.type, true);
    bytes.set(message.data, offset + Cmsghdr.size);
    offset += cmsgSpace(message.data.length);
  }
  return bytes;
}

/**
 * A little-endian `__u32`, as control messages carry numbers.
 *
 * @param value The number.
 * @returns 4 bytes.
 *
 * @example
 * ```ts
 * import { u32 } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...u32(258)], [2, 1, 0, 0]);
 * ```
 */
export function u32(value: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

/**
 * Builds a `struct af_alg_iv` holding an IV, for an `ALG_SET_IV` control message.
 *
 * @param iv The IV bytes.
 * @returns `ivlen` then the IV.
 *
 * @example
 * ```ts
 * import { afAlgIv } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...afAlgIv(new Uint8Array([9, 8]))], [2, 0, 0, 0, 9, 8]);
 * ```
 */
export function afAlgIv(iv: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(AfAlgIv.iv + iv.length);
  new DataView(bytes.buffer).setUint32(AfAlgIv.ivLength, iv.length, true);
  bytes.set(iv, AfAlgIv.iv);
  return bytes;
}

/**
 * Builds a `struct msghdr` with one `struct iovec` over `data` and the given control
 * bytes. The result points into `data` and `control`: keep them alive (referenced) until
 * the call that uses it returns.
 *
 * @param data The bytes to send (or the buffer to receive into).
 * @param control The `msg_control` bytes, from {@linkcode controlMessages}, or empty.
 * @returns The `msghdr` bytes and the `iovec` bytes they point to.
 *
 * @example Describe 3 bytes and no control messages
 * ```ts
 * import { Msghdr, msghdr } from "./libc_structs.ts";
 * import assert from "node:assert/strict";
 *
 * const { header } = msghdr(new Uint8Array(3), new Uint8Array(0));
 * assert.equal(new DataView(header.buffer).getBigUint64(Msghdr.iovLength, true), 1n);
 * ```
 */
export function msghdr(
  data: Uint8Array,
  control: Uint8Array,
): { header: Uint8Array<ArrayBuffer>; iov: Uint8Array<ArrayBuffer> } {
  const iov = new Uint8Array(Iovec.size);
  const iovView = new DataView(iov.buffer);
  iovView.setBigUint64(Iovec.base, addressOf(data), true);
  iovView.setBigUint64(Iovec.length, BigInt(data.byteLength), true);
  const header = new Uint8Array(Msghdr.size);
  const view = new DataView(header.buffer);
  view.setBigUint64(Msghdr.iov, addressOf(iov), true);
  view.setBigUint64(Msghdr.iovLength, 1n, true);
  view.setBigUint64(Msghdr.control, addressOf(control), true);
  view.setBigUint64(Msghdr.controlLength, BigInt(control.byteLength), true);
  return { header, iov };
}

/** `struct passwd` (`<pwd.h>`): the offsets of the fields wirekit reads. */
export const Passwd = {
  /** `uid_t pw_uid`. */
  uid: 16,
  /** `gid_t pw_gid`. */
  gid: 20,
} as const;
