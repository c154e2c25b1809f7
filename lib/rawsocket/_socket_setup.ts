/**
 * What raw sockets take and give and how they are set up (private): the record, option and
 * counter types, opening a socket and adopting its descriptor, socket options, interface
 * names, binding to a device, compiling a filter, finding a control message and sending.
 *
 * @module
 */

import { ErrnoError, libc } from "../../ffi/libc.ts";
import {
  Cmsghdr,
  cmsgSpace,
  Raw,
  Sock,
  type SockFilterInstruction,
  sockFprog,
  Timespec,
} from "../../ffi/libc_structs.ts";
import type { CaptureRecord } from "../formats/capture_reader.ts";
import { compileFilter } from "../capture/filter.ts";
import { RAW_PERMISSION_REMEDY, RawSocketError } from "./errors.ts";
import type { RawSocketBase } from "./_socket.ts";

/** Where a packet seen by an AF_PACKET socket was going (`sll_pkttype`). */
export type PacketDirection = "host" | "broadcast" | "multicast" | "otherhost" | "outgoing";

/**
 * A packet received by a raw socket: a `CaptureRecord` (the file readers' and libpcap
 * captures' shape) plus where it came from.
 */
export interface RawRecord extends CaptureRecord {
  /** The index of the interface it was seen on (0 when the kernel does not say). */
  interfaceIndex: number;
  /** For AF_PACKET sockets: where it was going (`sll_pkttype`). */
  direction?: PacketDirection;
}

/** Options every raw socket takes for receiving. */
export interface RawReceiveOptions {
  /**
   * The most bytes kept of a packet (default 262144); `originalLength` still gives its
   * length.
   */
  snapLength?: number;
  /**
   * The kernel's receive buffer for the socket, in bytes (`SO_RCVBUFFORCE` as root, else
   * `SO_RCVBUF`, which `net.core.rmem_max` caps); default the kernel's
   * (`net.core.rmem_default`). Packets that arrive while it is full are dropped (`stats()`).
   * A packet ring (`openPacketRing`) takes its size from it unless `blockCount` is given.
   */
  bufferSize?: number;
  /** Stop the iteration after this many packets. */
  count?: number;
  /** Stop the iteration after this many milliseconds. */
  timeout?: number;
  /** Stop the iteration (and wake a waiting one at once) when aborted. */
  signal?: AbortSignal;
  /**
   * A filter: tcpdump syntax compiled by libpcap (`compileFilter`, needs libpcap), or
   * classic BPF instructions as `tcpdump -dd` prints them (no libpcap needed).
   */
  filter?: string | readonly SockFilterInstruction[];
}

/** Why an iteration ended. */
export type RawStopReason = "count" | "timeout" | "aborted" | "stopped" | "closed";

/** The kernel's counters for a socket. */
export interface RawSocketStats {
  /** Packets that passed the filter, dropped ones included. */
  received: number;
  /** Packets dropped because the socket's buffer was full. */
  dropped: number;
}

const PACKET_DIRECTIONS: readonly PacketDirection[] = [
  "host",
  "broadcast",
  "multicast",
  "otherhost",
  "outgoing",
];

/**
 * Names an `sll_pkttype` value.
 *
 * @param packetType The value.
 * @returns Its direction, or `undefined` for the kernel-internal types.
 */
export function packetDirection(packetType: number): PacketDirection | undefined {
  return PACKET_DIRECTIONS[packetType];
}

const encoder = new TextEncoder();

/**
 * A NUL-terminated C string.
 *
 * @param text The text.
 * @returns Its UTF-8 bytes and a NUL.
 */
export function cString(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(encoder.encode(text).length + 1);
  encoder.encodeInto(text, bytes);
  return bytes;
}

/**
 * Calls `setsockopt()` with an int value.
 *
 * @param fd The socket.
 * @param level The level.
 * @param name The option.
 * @param value The value.
 * @returns `0`, or -1 with errno set.
 */
export function setIntOption(fd: number, level: number, name: number, value: number): number {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return libc().setsockopt(fd, level, name, bytes, 4);
}

/**
 * Reads a `size_t` (64-bit, little-endian) without a BigInt: this runs for every packet.
 *
 * @param view Where.
 * @param offset Its offset.
 * @returns The value.
 */
export function readSize(view: DataView, offset: number): number {
  return view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
}

/**
 * Finds a control message that `recvmsg()` returned.
 *
 * @param control The control bytes (`struct cmsghdr`s).
 * @param length How many of them the kernel filled in (`msg_controllen`).
 * @param level The `cmsg_level`.
 * @param type The `cmsg_type`.
 * @param size The fewest data bytes it must carry.
 * @returns Where its data starts in `control`, or -1 when there is none.
 */
export function findControlMessage(
  control: DataView,
  length: number,
  level: number,
  type: number,
  size: number,
): number {
  let offset = 0;
  while (offset + Cmsghdr.size <= length) {
    const cmsgLength = readSize(control, offset + Cmsghdr.length);
    if (cmsgLength < Cmsghdr.size) return -1;
    if (
      control.getInt32(offset + Cmsghdr.level, true) === level &&
      control.getInt32(offset + Cmsghdr.type, true) === type &&
      cmsgLength >= Cmsghdr.size + size
    ) {
      return offset + Cmsghdr.size;
    }
    offset += cmsgSpace(cmsgLength - Cmsghdr.size);
  }
  return -1;
}

/**
 * Opens a raw socket, turning EPERM/EACCES into the error that names the remedy.
 *
 * @param domain `AF_PACKET`, `AF_INET` or `AF_INET6`.
 * @param protocol The protocol argument of `socket()`.
 * @param what What is being opened, for messages.
 * @returns The descriptor.
 */
export function openSocket(domain: number, protocol: number, what: string): number {
  const fd = libc().socket(domain, Raw.SOCK_RAW | Raw.SOCK_NONBLOCK | Sock.SOCK_CLOEXEC, protocol);
  if (fd >= 0) return fd;
  const cause = ErrnoError.last("socket");
  if (cause.code === "EPERM" || cause.code === "EACCES") {
    throw new RawSocketError(
      "permission-denied",
      `Cannot open ${what}: permission denied (${cause.code}); ${RAW_PERMISSION_REMEDY}`,
      cause,
    );
  }
  if (cause.code === "EAFNOSUPPORT" || cause.code === "EPROTONOSUPPORT") {
    throw new RawSocketError(
      "unavailable",
      `Cannot open ${what}: the kernel does not offer it (${cause.code})`,
      cause,
    );
  }
  throw new RawSocketError("failed", `Cannot open ${what}: ${cause.message}`, cause);
}

/**
 * The interfaces the process can name, for "no such interface" messages.
 *
 * @returns Their names, or a hint when they cannot be listed.
 */
export function knownInterfaces(): string {
  try {
    const names = [...new Set(Deno.networkInterfaces().map((i) => i.name))];
    return names.length === 0 ? "none found" : `interfaces: ${names.join(", ")}`;
  } catch {
    return "grant --allow-sys=networkInterfaces to list the interfaces";
  }
}

/**
 * Looks up an interface index by name.
 *
 * @param name The interface name.
 * @param what What is being opened, for messages.
 * @returns The index.
 * @throws {RawSocketError} `no-such-device` when it does not exist.
 */
export function interfaceIndex(name: string, what: string): number {
  if (name.length === 0 || encoder.encode(name).length >= Raw.IFNAMSIZ || name.includes("\0")) {
    throw new RawSocketError(
      "no-such-device",
      `Cannot open ${what} on "${name}": no such interface (names take 1 to 15 bytes)`,
    );
  }
  const index = libc().if_nametoindex(cString(name));
  if (index === 0) {
    throw new RawSocketError(
      "no-such-device",
      `Cannot open ${what} on "${name}": no such interface (${knownInterfaces()})`,
    );
  }
  return index;
}

/**
 * Wraps a new descriptor in its socket object and sets it up; when either step throws, closes
 * what was opened.
 *
 * @param fd The descriptor.
 * @param create Wraps it.
 * @param setUp Sets the socket up (filter, options, bind).
 * @returns The socket.
 */
export function adoptSocket<T extends RawSocketBase>(
  fd: number,
  create: () => T,
  setUp: (socket: T) => void,
): T {
  let socket: T | undefined;
  try {
    socket = create();
    setUp(socket);
    return socket;
  } catch (error) {
    if (socket === undefined) libc().close(fd);
    else socket.close();
    throw error;
  }
}

/**
 * Binds a socket to one interface (`SO_BINDTODEVICE`).
 *
 * @param fd The socket.
 * @param iface The interface name.
 * @param socketName What the socket is, for the error message (`raw IPv4 socket`).
 * @throws {RawSocketError} `no-such-device` when there is no such interface.
 */
export function bindSocketToDevice(fd: number, iface: string, socketName: string): void {
  const name = cString(iface);
  if (libc().setsockopt(fd, Sock.SOL_SOCKET, Raw.SO_BINDTODEVICE, name, name.length) !== 0) {
    const cause = ErrnoError.last("setsockopt");
    throw new RawSocketError(
      cause.code === "ENODEV" ? "no-such-device" : "failed",
      `Cannot bind ${socketName} to "${iface}": ${cause.message}`,
      cause,
    );
  }
}

/**
 * Compiles a filter into the `struct sock_fprog` that `SO_ATTACH_FILTER` takes.
 *
 * @param filter A tcpdump expression (compiled by libpcap for `linkType`) or instructions.
 * @param linkType The link type of the socket it is for.
 * @returns The program.
 * @throws {RawSocketError} `bad-filter` when it does not compile.
 */
export function filterProgram(
  filter: string | readonly SockFilterInstruction[],
  linkType: number,
): ReturnType<typeof sockFprog> {
  let instructions: readonly SockFilterInstruction[];
  if (typeof filter === "string") {
    try {
      using program = compileFilter(filter, { linkType });
      instructions = program.instructions();
    } catch (error) {
      if (error instanceof Error && (error as { code?: string }).code === "bad-filter") {
        throw new RawSocketError("bad-filter", error.message);
      }
      throw error;
    }
  } else {
    instructions = filter;
  }
  let built;
  try {
    built = sockFprog(instructions);
  } catch (error) {
    throw new RawSocketError("bad-filter", (error as Error).message);
  }
  return built;
}

/**
 * Sends bytes as they are with `sendto()`.
 *
 * @param fd The socket.
 * @param bytes What to send.
 * @param address The `sockaddr` to send to.
 * @returns The bytes sent.
 * @throws {RawSocketError} When the send fails.
 */
export function sendBytes(
  fd: number,
  bytes: Uint8Array,
  address: Uint8Array<ArrayBuffer>,
): number {
  const sent = libc().sendto(
    fd,
    bytes as Uint8Array<ArrayBuffer>,
    BigInt(bytes.length),
    0,
    address,
    address.length,
  );
  if (Number(sent) < 0) {
    const cause = ErrnoError.last("sendto");
    throw new RawSocketError(
      "failed",
      `Cannot send ${bytes.length} bytes: ${cause.message}`,
      cause,
    );
  }
  return Number(sent);
}

/**
 * Reads the kernel's receive buffer size of a socket (`SO_RCVBUF`).
 *
 * @param fd The socket.
 * @returns The size in bytes.
 * @throws {RawSocketError} When `getsockopt()` fails.
 */
export function receiveBufferSize(fd: number): number {
  const value = new Uint8Array(4);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, 4, true);
  if (libc().getsockopt(fd, Sock.SOL_SOCKET, Sock.SO_RCVBUF, value, length) !== 0) {
    const cause = ErrnoError.last("getsockopt");
    throw new RawSocketError("failed", `Cannot read SO_RCVBUF: ${cause.message}`, cause);
  }
  return new DataView(value.buffer).getInt32(0, true);
}

/**
 * The time a packet arrived, from its `SO_TIMESTAMPNS` control message.
 *
 * @param control The control messages `recvmsg()` returned.
 * @param length How many bytes of them the kernel filled in (`msg_controllen`).
 * @returns Nanoseconds since the epoch; the time of the read when there is no timestamp.
 */
export function kernelTimestamp(control: DataView, length: number): bigint {
  const at = findControlMessage(
    control,
    length,
    Sock.SOL_SOCKET,
    Raw.SO_TIMESTAMPNS,
    Timespec.size,
  );
  if (at < 0) return BigInt(Date.now()) * 1_000_000n;
  const sec = readSize(control, at + Timespec.sec);
  const nsec = control.getUint32(at + Timespec.nsec, true);
  return BigInt(sec) * 1_000_000_000n + BigInt(nsec);
}
