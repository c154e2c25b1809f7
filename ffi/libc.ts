/**
 * The libc symbols wirekit calls through Deno FFI, the loader that finds libc, and the
 * error that a failed call turns into ({@linkcode ErrnoError}: errno, its name and the
 * `strerror()` text).
 *
 * The table is the one place where C prototypes are spelled; `lib/` calls the symbols by
 * name. New symbols go into {@linkcode libcSymbols} with their prototype as a comment.
 * Calls that can take long (moving a whole file with `splice`, `sendfile`; waiting in
 * `poll`) also have a `nonblocking` twin, named with an `Async` suffix, that runs on a
 * worker thread and returns a promise. errno lives in the thread that made the call, so a
 * failed `Async` call cannot report it: {@linkcode ErrnoError.fromAsync} repeats the call
 * synchronously (a call that returned -1 moved no data) to learn it. Raw sockets receive
 * with `MSG_DONTWAIT` and wait in `pollAsync`, so no call on the main thread blocks.

 * Linux only for now: errno names are Linux's numbers; AF_ALG and AF_PACKET are Linux's.
 *
 * @module
 */

/** The environment variable that names the libc to load, before the candidates. */
export const LIBC_ENV = "WIREKIT_LIBC";

/** The libc paths tried after {@linkcode LIBC_ENV}, in order. */
export const LIBC_CANDIDATES: readonly string[] = Deno.build.os === "darwin"
  ? ["libSystem.dylib", "/usr/lib/libSystem.B.dylib"]
  : ["libc.so.6", "libc.so"];

/**
 * The libc symbol table: one entry per C function, its prototype in a comment. Keys that
 * differ from the C name (the `Async` twins) name it with `name`.
 */
export const libcSymbols = {
  // int socket(int domain, int type, int protocol);
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  // int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  // int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  // int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  // int accept(int sockfd, struct sockaddr *addr, socklen_t *addrlen);
  accept: { parameters: ["i32", "pointer", "pointer"], result: "i32" },
  // ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags);
  sendmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  // ssize_t send(int sockfd, const void *buf, size_t len, int flags);
  send: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  // ssize_t recv(int sockfd, void *buf, size_t len, int flags);
  recv: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  // ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, struct sockaddr *src_addr,
  //                  socklen_t *addrlen);  (wirekit passes MSG_DONTWAIT: it never blocks)
  recvfrom: {
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "buffer"],
    result: "isize",
  },
  // ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags);  (called with MSG_DONTWAIT)
  recvmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  // ssize_t sendto(int sockfd, const void *buf, size_t len, int flags,
  //                const struct sockaddr *dest_addr, socklen_t addrlen);
  sendto: {
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"],
    result: "isize",
  },
  // int poll(struct pollfd *fds, nfds_t nfds, int timeout);  (timeout 0: returns at once)
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32" },
  // The same poll(), on a worker thread: it waits up to `timeout` milliseconds.
  pollAsync: {
    name: "poll",
    parameters: ["buffer", "u64", "i32"],
    result: "i32",
    nonblocking: true,
  },
  // unsigned int if_nametoindex(const char *ifname);
  if_nametoindex: { parameters: ["buffer"], result: "u32" },
  // char *if_indextoname(unsigned int ifindex, char *ifname);
  if_indextoname: { parameters: ["u32", "buffer"], result: "pointer" },
  // struct if_nameindex *if_nameindex(void);
  if_nameindex: { parameters: [], result: "pointer" },
  // void if_freenameindex(struct if_nameindex *ptr);
  if_freenameindex: { parameters: ["pointer"], result: "void" },
  // int ioctl(int fd, unsigned long request, ...);  (called with a pointer third argument)
  ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" },
  // ssize_t read(int fd, void *buf, size_t count);
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  // ssize_t write(int fd, const void *buf, size_t count);
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  // int open(const char *pathname, int flags, ...);  (called with two arguments)
  open: { parameters: ["buffer", "i32"], result: "i32" },
  // int close(int fd);
  close: { parameters: ["i32"], result: "i32" },
  // int pipe2(int pipefd[2], int flags);
  pipe2: { parameters: ["buffer", "i32"], result: "i32", optional: true },
  // int fcntl(int fd, int cmd, ... /* int arg */);  (called with an int third argument)
  fcntl: { parameters: ["i32", "i32", "i32"], result: "i32" },
  // ssize_t splice(int fd_in, off64_t *off_in, int fd_out, off64_t *off_out, size_t len,
  //                unsigned int flags);
  splice: {
    parameters: ["i32", "pointer", "i32", "pointer", "usize", "u32"],
    result: "isize",
    optional: true,
  },
  // The same splice(), on a worker thread: moving a large file can take a while.
  spliceAsync: {
    name: "splice",
    parameters: ["i32", "pointer", "i32", "pointer", "usize", "u32"],
    result: "isize",
    nonblocking: true,
    optional: true,
  },
  // ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);
  sendfile: { parameters: ["i32", "i32", "pointer", "usize"], result: "isize", optional: true },
  // The same sendfile(), on a worker thread.
  sendfileAsync: {
    name: "sendfile",
    parameters: ["i32", "i32", "pointer", "usize"],
    result: "isize",
    nonblocking: true,
    optional: true,
  },
  // void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer" },
  // void *memmove(void *dest, const void *src, size_t n);  (copies a packet out of a native
  // buffer. src is an address and n a size, both as bigints: a bigint argument keeps the
  // call on Deno's fast path, where a number for a 64-bit parameter leaves it, and an
  // address needs no pointer object)
  memmove: { parameters: ["buffer", "usize", "usize"], result: "void" },
  // FILE *open_memstream(char **ptr, size_t *sizeloc);  (POSIX 2008; a growing buffer that
  // libpcap's pcap_dump() writes a batch of records into)
  open_memstream: { parameters: ["buffer", "buffer"], result: "pointer", optional: true },
  // int fflush(FILE *stream);
  fflush: { parameters: ["pointer"], result: "i32" },
  // int fclose(FILE *stream);
  fclose: { parameters: ["pointer"], result: "i32" },
  // void rewind(FILE *stream);
  rewind: { parameters: ["pointer"], result: "void" },
  // long ftell(FILE *stream);
  ftell: { parameters: ["pointer"], result: "i64" },
  // void free(void *ptr);
  free: { parameters: ["pointer"], result: "void" },
  // int munmap(void *addr, size_t length);
  munmap: { parameters: ["pointer", "usize"], result: "i32" },
  // int *__errno_location(void);  (glibc, musl)
  __errno_location: { parameters: [], result: "pointer", optional: true },
  // int *__error(void);  (macOS, BSD)
  __error: { parameters: [], result: "pointer", optional: true },
  // char *strerror(int errnum);
  strerror: { parameters: ["i32"], result: "pointer" },
  // struct passwd *getpwnam(const char *name);  (NULL: no such user, or an error in errno)
  getpwnam: { parameters: ["buffer"], result: "pointer" },
  // int initgroups(const char *user, gid_t group);
  initgroups: { parameters: ["buffer", "u32"], result: "i32" },
  // int setgid(gid_t gid);  (glibc applies it to every thread of the process)
  setgid: { parameters: ["u32"], result: "i32" },
  // int setuid(uid_t uid);  (glibc applies it to every thread of the process)
  setuid: { parameters: ["u32"], result: "i32" },
  // uid_t getuid(void);
  getuid: { parameters: [], result: "u32" },
  // uid_t geteuid(void);
  geteuid: { parameters: [], result: "u32" },
  // gid_t getgid(void);
  getgid: { parameters: [], result: "u32" },
  // gid_t getegid(void);
  getegid: { parameters: [], result: "u32" },
  // int getgroups(int size, gid_t list[]);
  getgroups: { parameters: ["i32", "buffer"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The loaded libc: its symbols as {@linkcode libcSymbols} types them. */
export type Libc = Deno.DynamicLibrary<typeof libcSymbols>["symbols"];

/** Options of {@linkcode openLibc}. */
export interface OpenLibcOptions {
  /** Paths to try instead of `WIREKIT_LIBC` and {@linkcode LIBC_CANDIDATES}. */
  paths?: readonly string[];
}

/**
 * Loads libc with {@linkcode libcSymbols}: the path in `WIREKIT_LIBC` first (when set and
 * readable), then each of {@linkcode LIBC_CANDIDATES}.
 *
 * @param options Paths to try instead.
 * @returns The library; `close()` it when done (or use {@linkcode libc} for a shared one).
 * @throws {Deno.errors.PermissionDenied} Without `--allow-ffi`, as Deno throws it.
 * @throws {Error} When no path loads: the message lists every path tried.
 *
 * @example Load libc and open a socket
 * ```ts ignore
 * import { openLibc } from "./libc.ts";
 *
 * const lib = openLibc();
 * console.log(lib.symbols.socket(38, 5, 0));
 * lib.close();
 * ```
 */
export function openLibc(options: OpenLibcOptions = {}): Deno.DynamicLibrary<typeof libcSymbols> {
  const paths: string[] = [];
  if (options.paths !== undefined) {
    paths.push(...options.paths);
  } else {
    let fromEnv: string | undefined;
    try {
      fromEnv = Deno.env.get(LIBC_ENV);
    } catch (error) {
      // Without --allow-env the variable is simply not consulted.
      if (!(error instanceof Deno.errors.NotCapable)) throw error;
    }
    if (fromEnv !== undefined && fromEnv !== "") paths.push(fromEnv);
    paths.push(...LIBC_CANDIDATES);
  }
  const failures: string[] = [];
  let lastError: unknown;
  for (const path of paths) {
    try {
      return Deno.dlopen(path, libcSymbols);
    } catch (error) {
      if (
        error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable
      ) {
        throw error;
      }
      lastError = error;
      failures.push(`${path} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  throw new Error(
    `Cannot load libc: tried ${failures.join(", ")}; set ${LIBC_ENV} to the path of libc`,
    { cause: lastError },
  );
}

let shared: Deno.DynamicLibrary<typeof libcSymbols> | undefined;

/**
 * The libc that wirekit shares, loaded on first use and kept open.
 *
 * @returns Its symbols.
 * @throws {Deno.errors.PermissionDenied} Without `--allow-ffi`.
 * @throws {Error} When libc cannot be loaded (see {@linkcode openLibc}).
 *
 * @example Close a file descriptor
 * ```ts ignore
 * import { libc } from "./libc.ts";
 *
 * libc().close(3);
 * ```
 */
export function libc(): Libc {
  shared ??= openLibc();
  return shared.symbols;
}

let errnoPointer: Deno.PointerValue | undefined;

/**
 * Reads errno of the calling (main) thread. Call it right after the failed call.
 *
 * @returns The errno value.
 *
 * @example Read errno after a failed close()
 * ```ts ignore
 * import { errno, libc } from "./libc.ts";
 *
 * if (libc().close(-1) === -1) console.log(errno()); // 9 (EBADF)
 * ```
 */
export function errno(): number {
  if (errnoPointer === undefined) {
    const symbols = libc();
    const locate = symbols.__errno_location ?? symbols.__error;
    if (locate === null) return 0;
    errnoPointer = locate();
  }
  if (errnoPointer === null) return 0;
  return new Deno.UnsafePointerView(errnoPointer).getInt32();
}

/** Linux errno numbers and their names (those wirekit's callers meet). */
export const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: "EPERM",
  2: "ENOENT",
  4: "EINTR",
  5: "EIO",
  9: "EBADF",
  11: "EAGAIN",
  12: "ENOMEM",
  13: "EACCES",
  14: "EFAULT",
  16: "EBUSY",
  17: "EEXIST",
  19: "ENODEV",
  21: "EISDIR",
  22: "EINVAL",
  24: "EMFILE",
  28: "ENOSPC",
  29: "ESPIPE",
  32: "EPIPE",
  38: "ENOSYS",
  61: "ENODATA",
  74: "EBADMSG",
  75: "EOVERFLOW",
  88: "ENOTSOCK",
  90: "EMSGSIZE",
  92: "ENOPROTOOPT",
  93: "EPROTONOSUPPORT",
  94: "ESOCKTNOSUPPORT",
  95: "EOPNOTSUPP",
  97: "EAFNOSUPPORT",
  99: "EADDRNOTAVAIL",
  100: "ENETDOWN",
  101: "ENETUNREACH",
  105: "ENOBUFS",
  126: "ENOKEY",
  127: "EKEYEXPIRED",
  129: "EKEYREJECTED",
};

/**
 * Names an errno value, such as `EAFNOSUPPORT` for 97 (Linux numbering).
 *
 * @param code The errno value.
 * @returns Its name, or `errno N` when it has none here.
 *
 * @example Name an errno
 * ```ts
 * import { errnoName } from "./libc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(errnoName(97), "EAFNOSUPPORT");
 * assert.equal(errnoName(4095), "errno 4095");
 * ```
 */
export function errnoName(code: number): string {
  return (Deno.build.os === "linux" ? ERRNO_NAMES[code] : undefined) ?? `errno ${code}`;
}

/**
 * The `strerror()` text of an errno value, such as `Address family not supported by
 * protocol`.
 *
 * @param code The errno value.
 * @returns The text.
 *
 * @example Describe EBADF
 * ```ts ignore
 * import { strerror } from "./libc.ts";
 *
 * console.log(strerror(9)); // Bad file descriptor
 * ```
 */
export function strerror(code: number): string {
  const pointer = libc().strerror(code);
  return pointer === null ? `errno ${code}` : Deno.UnsafePointerView.getCString(pointer);
}

/**
 * A libc call failed: carries errno, its name and the `strerror()` text.
 *
 * @example Read a failure
 * ```ts
 * import { ErrnoError } from "./libc.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new ErrnoError("socket", 97, "Address family not supported by protocol");
 * assert.equal(error.code, "EAFNOSUPPORT");
 * assert.equal(error.message, "socket() failed: EAFNOSUPPORT (97), Address family not supported by protocol");
 * ```
 */
export class ErrnoError extends Error {
  /** The errno value. */
  readonly errno: number;
  /** Its name, such as `EAFNOSUPPORT`. */
  readonly code: string;
  /** The C function that failed, such as `socket`. */
  readonly syscall: string;
  /** The `strerror()` text. */
  readonly description: string;

  /**
   * Builds the error.
   *
   * @param syscall The C function that failed.
   * @param errnoValue Its errno.
   * @param description The `strerror()` text; looked up when omitted.
   */
  constructor(syscall: string, errnoValue: number, description?: string) {
    const text = description ?? strerror(errnoValue);
    const name = errnoName(errnoValue);
    super(`${syscall}() failed: ${name} (${errnoValue}), ${text}`);
    this.name = "ErrnoError";
    this.errno = errnoValue;
    this.code = name;
    this.syscall = syscall;
    this.description = text;
  }

  /**
   * The error of the call that just returned -1 on this thread: reads errno now.
   *
   * @param syscall The C function that failed.
   * @returns The error.
   */
  static last(syscall: string): ErrnoError {
    return new ErrnoError(syscall, errno());
  }
}

/**
 * Checks the result of a libc call that returns -1 on failure.
 *
 * @param result What the call returned (`number` or `bigint` for `ssize_t`).
 * @param syscall The C function, for the error.
 * @returns The result as a number, when not negative.
 * @throws {ErrnoError} When it is -1, with errno read at once.
 *
 * @example Check a call
 * ```ts
 * import { check } from "./libc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(check(3n, "read"), 3);
 * ```
 */
export function check(result: number | bigint, syscall: string): number {
  const value = typeof result === "bigint" ? Number(result) : result;
  if (value < 0) throw ErrnoError.last(syscall);
  return value;
}
