/**
 * The libpcap binding: one symbol table with the C prototype of every symbol, the library
 * loader, and the layouts of the C structs that wirekit reads and writes.
 *
 * `lib/capture/` is the typed API over it; nothing else should call these symbols. Every
 * symbol runs on the calling thread except `pcap_next_ex_wait`, the one call that can block
 * (see {@linkcode libpcapSymbols}).
 *
 * @module
 */

/**
 * The libpcap symbols wirekit uses. Symbols added after libpcap 1.0 are `optional`: they are
 * `null` when the loaded library lacks them.
 */
export const libpcapSymbols = {
  // const char *pcap_lib_version(void);
  pcap_lib_version: { parameters: [], result: "pointer" },
  // int pcap_init(unsigned int opts, char *errbuf);  (1.10)
  pcap_init: { parameters: ["u32", "buffer"], result: "i32", optional: true },
  // pcap_t *pcap_create(const char *source, char *errbuf);
  pcap_create: { parameters: ["buffer", "buffer"], result: "pointer" },
  // int pcap_set_snaplen(pcap_t *p, int snaplen);
  pcap_set_snaplen: { parameters: ["pointer", "i32"], result: "i32" },
  // int pcap_set_promisc(pcap_t *p, int promisc);
  pcap_set_promisc: { parameters: ["pointer", "i32"], result: "i32" },
  // int pcap_set_timeout(pcap_t *p, int to_ms);
  pcap_set_timeout: { parameters: ["pointer", "i32"], result: "i32" },
  // int pcap_set_buffer_size(pcap_t *p, int buffer_size);
  pcap_set_buffer_size: { parameters: ["pointer", "i32"], result: "i32" },
  // int pcap_set_immediate_mode(pcap_t *p, int immediate_mode);  (1.5)
  pcap_set_immediate_mode: { parameters: ["pointer", "i32"], result: "i32", optional: true },
  // int pcap_set_tstamp_precision(pcap_t *p, int tstamp_precision);  (1.5)
  pcap_set_tstamp_precision: { parameters: ["pointer", "i32"], result: "i32", optional: true },
  // int pcap_get_tstamp_precision(pcap_t *p);  (1.5)
  pcap_get_tstamp_precision: { parameters: ["pointer"], result: "i32", optional: true },
  // int pcap_setdirection(pcap_t *p, pcap_direction_t d);
  pcap_setdirection: { parameters: ["pointer", "i32"], result: "i32" },
  // int pcap_activate(pcap_t *p);
  pcap_activate: { parameters: ["pointer"], result: "i32" },
  // void pcap_close(pcap_t *p);
  pcap_close: { parameters: ["pointer"], result: "void" },
  // char *pcap_geterr(pcap_t *p);
  pcap_geterr: { parameters: ["pointer"], result: "pointer" },
  // const char *pcap_statustostr(int error);
  pcap_statustostr: { parameters: ["i32"], result: "pointer" },
  // int pcap_datalink(pcap_t *p);
  pcap_datalink: { parameters: ["pointer"], result: "i32" },
  // int pcap_snapshot(pcap_t *p);
  pcap_snapshot: { parameters: ["pointer"], result: "i32" },
  // const char *pcap_datalink_val_to_name(int dlt);
  pcap_datalink_val_to_name: { parameters: ["i32"], result: "pointer" },
  // const char *pcap_datalink_val_to_description(int dlt);
  pcap_datalink_val_to_description: { parameters: ["i32"], result: "pointer" },
  // int pcap_datalink_name_to_val(const char *name);
  pcap_datalink_name_to_val: { parameters: ["buffer"], result: "i32" },
  // int pcap_list_datalinks(pcap_t *p, int **dlt_buf);
  pcap_list_datalinks: { parameters: ["pointer", "buffer"], result: "i32" },
  // void pcap_free_datalinks(int *dlt_list);
  pcap_free_datalinks: { parameters: ["pointer"], result: "void" },
  // int pcap_set_datalink(pcap_t *p, int dlt);
  pcap_set_datalink: { parameters: ["pointer", "i32"], result: "i32" },
  // int pcap_findalldevs(pcap_if_t **alldevsp, char *errbuf);
  pcap_findalldevs: { parameters: ["buffer", "buffer"], result: "i32" },
  // void pcap_freealldevs(pcap_if_t *alldevs);
  pcap_freealldevs: { parameters: ["pointer"], result: "void" },
  // int pcap_lookupnet(const char *device, bpf_u_int32 *netp, bpf_u_int32 *maskp, char *errbuf);
  pcap_lookupnet: { parameters: ["buffer", "buffer", "buffer", "buffer"], result: "i32" },
  // int pcap_compile(pcap_t *p, struct bpf_program *fp, const char *str, int optimize,
  //                  bpf_u_int32 netmask);
  pcap_compile: { parameters: ["pointer", "buffer", "buffer", "i32", "u32"], result: "i32" },
  // int pcap_setfilter(pcap_t *p, struct bpf_program *fp);
  pcap_setfilter: { parameters: ["pointer", "buffer"], result: "i32" },
  // void pcap_freecode(struct bpf_program *fp);
  pcap_freecode: { parameters: ["buffer"], result: "void" },
  // pcap_t *pcap_open_dead(int linktype, int snaplen);
  pcap_open_dead: { parameters: ["i32", "i32"], result: "pointer" },
  // int pcap_offline_filter(const struct bpf_program *fp, const struct pcap_pkthdr *h,
  //                         const u_char *pkt);
  pcap_offline_filter: { parameters: ["buffer", "buffer", "buffer"], result: "i32" },
  // char *bpf_image(const struct bpf_insn *p, int n);
  bpf_image: { parameters: ["pointer", "i32"], result: "pointer", optional: true },
  // pcap_t *pcap_open_offline(const char *fname, char *errbuf);
  pcap_open_offline: { parameters: ["buffer", "buffer"], result: "pointer" },
  // pcap_t *pcap_open_offline_with_tstamp_precision(const char *fname, u_int precision,
  //                                                 char *errbuf);  (1.5)
  pcap_open_offline_with_tstamp_precision: {
    parameters: ["buffer", "u32", "buffer"],
    result: "pointer",
    optional: true,
  },
  // int pcap_dispatch(pcap_t *p, int cnt, pcap_handler callback, u_char *user);  (called
  // in non-blocking mode with pcap_dump as the callback: every ready packet, in C)
  pcap_dispatch: { parameters: ["pointer", "i32", "pointer", "pointer"], result: "i32" },
  // void pcap_dump(u_char *user, const struct pcap_pkthdr *h, const u_char *sp);  (its
  // address, for pcap_dispatch)
  pcap_dump: { type: "pointer" },
  // pcap_dumper_t *pcap_dump_fopen(pcap_t *p, FILE *fp);
  pcap_dump_fopen: { parameters: ["pointer", "pointer"], result: "pointer" },
  // void pcap_dump_close(pcap_dumper_t *p);  (closes the FILE too)
  pcap_dump_close: { parameters: ["pointer"], result: "void" },
  // int pcap_next_ex(pcap_t *p, struct pcap_pkthdr **pkt_header, const u_char **pkt_data);
  // Called on the JavaScript thread when the handle is in non-blocking mode (returns at once).
  pcap_next_ex: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
  // int pcap_next_ex(pcap_t *p, struct pcap_pkthdr **pkt_header, const u_char **pkt_data);
  // The same function run on a worker thread, in blocking mode: it waits for a packet, the
  // packet buffer timeout, or pcap_breakloop().
  pcap_next_ex_wait: {
    name: "pcap_next_ex",
    parameters: ["pointer", "buffer", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  // void pcap_breakloop(pcap_t *p);
  pcap_breakloop: { parameters: ["pointer"], result: "void" },
  // int pcap_setnonblock(pcap_t *p, int nonblock, char *errbuf);
  pcap_setnonblock: { parameters: ["pointer", "i32", "buffer"], result: "i32" },
  // int pcap_get_selectable_fd(pcap_t *p);
  pcap_get_selectable_fd: { parameters: ["pointer"], result: "i32" },
  // int pcap_stats(pcap_t *p, struct pcap_stat *ps);
  pcap_stats: { parameters: ["pointer", "buffer"], result: "i32" },
  // int pcap_inject(pcap_t *p, const void *buf, size_t size);
  pcap_inject: { parameters: ["pointer", "buffer", "usize"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The loaded libpcap: its symbols, and the path it was loaded from. */
export type Libpcap = Deno.DynamicLibrary<typeof libpcapSymbols>;

/** The environment variable that names the libpcap to load, tried before the usual names. */
export const LIBPCAP_ENV = "WIREKIT_LIBPCAP";

/**
 * The names tried after {@linkcode LIBPCAP_ENV}, for the current OS: the dynamic loader
 * searches its usual directories for each.
 *
 * @param os The operating system (default: the current one).
 * @returns The candidate names, most specific first.
 *
 * @example The Linux names
 * ```ts
 * import { libpcapCandidates } from "./libpcap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(libpcapCandidates("linux"), ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so"]);
 * ```
 */
export function libpcapCandidates(os: typeof Deno.build.os = Deno.build.os): string[] {
  switch (os) {
    case "darwin":
      return ["libpcap.A.dylib", "/usr/lib/libpcap.A.dylib", "libpcap.dylib"];
    case "windows":
      return ["wpcap.dll", "C:\\Windows\\System32\\Npcap\\wpcap.dll"];
    default:
      return ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so"];
  }
}

/** How to install libpcap, for the error raised when no candidate loads. */
export function libpcapInstallHint(os: typeof Deno.build.os = Deno.build.os): string {
  switch (os) {
    case "darwin":
      return "libpcap ships with macOS (/usr/lib/libpcap.A.dylib); or brew install libpcap";
    case "windows":
      return "install Npcap from https://npcap.com";
    default:
      return "Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap; " +
        "Alpine: apk add libpcap";
  }
}

/** libpcap could not be loaded: none of the paths tried loads. */
export class LibpcapNotFoundError extends Error {
  /** `library-not-found`, for callers that test it. */
  readonly code = "library-not-found";
  /** Every path tried, in order. */
  readonly tried: string[];

  /**
   * Creates the error.
   *
   * @param tried Every path tried, each with why it failed.
   * @param message The message.
   * @param options The cause: the error of the last attempt.
   */
  constructor(tried: string[], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LibpcapNotFoundError";
    this.tried = tried;
  }
}

let loaded: Libpcap | undefined;
let loadedPath: string | undefined;

/**
 * Throws a `Deno.errors.NotCapable` naming `--allow-ffi` when FFI is not granted, instead of
 * letting `Deno.dlopen()` prompt or fail.
 */
export function requireFfiPermission(): void {
  if (Deno.permissions.querySync({ name: "ffi" }).state === "granted") return;
  throw new Deno.errors.NotCapable(
    "Cannot load libpcap: missing permission --allow-ffi (run deno with --allow-ffi)",
  );
}

/**
 * Opens the first of `paths` that loads as libpcap (no caching: see
 * {@linkcode loadLibpcap}).
 *
 * @param paths The paths or names to try, in order.
 * @param note Appended to the error message (why a path was not tried).
 * @returns The library and the path that loaded.
 * @throws {LibpcapNotFoundError} When none loads: the message lists every path tried, each
 * with the loader's reason, and how to install libpcap.
 *
 * @example Report every path tried
 * ```ts
 * import { LibpcapNotFoundError, openLibpcap } from "./libpcap.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => openLibpcap(["/nonexistent/libpcap.so.1", "/nonexistent/libpcap.so"]), (e) =>
 *   e instanceof LibpcapNotFoundError && e.tried.length === 2 &&
 *   e.message.includes("/nonexistent/libpcap.so.1") && e.message.includes("apt-get install"));
 * ```
 */
export function openLibpcap(paths: readonly string[], note = ""): { lib: Libpcap; path: string } {
  requireFfiPermission();
  const tried: string[] = [];
  let lastError: unknown;
  for (const path of paths) {
    try {
      const lib = Deno.dlopen(path, libpcapSymbols);
      // Error messages in UTF-8 (libpcap 1.10+); older versions lack pcap_init.
      lib.symbols.pcap_init?.(1, new Uint8Array(PCAP_ERRBUF_SIZE));
      return { lib, path };
    } catch (error) {
      if (
        error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable
      ) {
        throw error;
      }
      lastError = error;
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      tried.push(`${path} (${reason})`);
    }
  }
  throw new LibpcapNotFoundError(
    paths.slice(),
    `Cannot load libpcap: tried ${tried.join(", ")}${note}. ` +
      `Install libpcap (${libpcapInstallHint()}) or set ${LIBPCAP_ENV} to its path`,
    { cause: lastError },
  );
}

/**
 * Loads libpcap once per process: the path in `WIREKIT_LIBPCAP` when it is set (and
 * `--allow-env` lets wirekit read it), then {@linkcode libpcapCandidates}. Later calls return
 * the same library.
 *
 * @returns The library.
 * @throws {Deno.errors.NotCapable} Without `--allow-ffi`.
 * @throws {LibpcapNotFoundError} When no path loads: the message lists every path tried and
 * how to install libpcap.
 *
 * @example Print the libpcap version
 * ```ts ignore
 * import { loadLibpcap } from "./libpcap.ts";
 *
 * const lib = loadLibpcap();
 * console.log(Deno.UnsafePointerView.getCString(lib.symbols.pcap_lib_version()!));
 * ```
 */
export function loadLibpcap(): Libpcap {
  if (loaded !== undefined) return loaded;
  requireFfiPermission();
  const paths: string[] = [];
  let note = "";
  const envState = Deno.permissions.querySync({ name: "env", variable: LIBPCAP_ENV }).state;
  if (envState === "granted") {
    const fromEnv = Deno.env.get(LIBPCAP_ENV);
    if (fromEnv !== undefined && fromEnv !== "") paths.push(fromEnv);
  } else {
    note = ` (${LIBPCAP_ENV} not read: grant --allow-env=${LIBPCAP_ENV} to use it)`;
  }
  paths.push(...libpcapCandidates());
  const opened = openLibpcap(paths, note);
  loaded = opened.lib;
  loadedPath = opened.path;
  return loaded;
}

/**
 * Tells which path libpcap was loaded from.
 *
 * @returns The path or name passed to `Deno.dlopen()`, or `undefined` before it loads.
 */
export function libpcapPath(): string | undefined {
  return loadedPath;
}

/** `PCAP_ERRBUF_SIZE`: the size of the error buffers libpcap writes into. */
export const PCAP_ERRBUF_SIZE = 256;

/** `PCAP_ERROR_*` and `PCAP_WARNING_*` status codes (pcap/pcap.h). */
export const PcapStatus = {
  WARNING: 1,
  WARNING_PROMISC_NOTSUP: 2,
  WARNING_TSTAMP_TYPE_NOTSUP: 3,
  ERROR: -1,
  ERROR_BREAK: -2,
  ERROR_NOT_ACTIVATED: -3,
  ERROR_ACTIVATED: -4,
  ERROR_NO_SUCH_DEVICE: -5,
  ERROR_RFMON_NOTSUP: -6,
  ERROR_NOT_RFMON: -7,
  ERROR_PERM_DENIED: -8,
  ERROR_IFACE_NOT_UP: -9,
  ERROR_CANTSET_TSTAMP_TYPE: -10,
  ERROR_PROMISC_PERM_DENIED: -11,
  ERROR_TSTAMP_PRECISION_NOTSUP: -12,
  ERROR_CAPTURE_NOTSUP: -13,
} as const;

/** `PCAP_TSTAMP_PRECISION_*`. */
export const PcapPrecision = { MICRO: 0, NANO: 1 } as const;

/** `pcap_direction_t`. */
export const PcapDirection = { INOUT: 0, IN: 1, OUT: 2 } as const;

/** `PCAP_IF_*` flags of `pcap_if_t.flags`. */
export const PcapIfFlag = {
  LOOPBACK: 0x1,
  UP: 0x2,
  RUNNING: 0x4,
  WIRELESS: 0x8,
  CONNECTION_STATUS: 0x30,
  CONNECTION_STATUS_UNKNOWN: 0x0,
  CONNECTION_STATUS_CONNECTED: 0x10,
  CONNECTION_STATUS_DISCONNECTED: 0x20,
  CONNECTION_STATUS_NOT_APPLICABLE: 0x30,
} as const;

/**
 * Byte offsets and sizes of the C structs, for 64-bit Linux and macOS (LP64).
 * `tests/libpcap_structs_test.ts` checks them against `offsetof()` from the C headers.
 */
export const Layout = {
  /** `struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen; bpf_u_int32 len; }` */
  pcap_pkthdr: { size: 24, tv_sec: 0, tv_usec: 8, caplen: 16, len: 20 },
  /** `struct pcap_stat { u_int ps_recv; u_int ps_drop; u_int ps_ifdrop; }` */
  pcap_stat: { size: 12, ps_recv: 0, ps_drop: 4, ps_ifdrop: 8 },
  /** `struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }` */
  bpf_program: { size: 16, bf_len: 0, bf_insns: 8 },
  /** `struct bpf_insn { u_short code; u_char jt; u_char jf; bpf_u_int32 k; }` */
  bpf_insn: { size: 8, code: 0, jt: 2, jf: 3, k: 4 },
  /** `struct pcap_if { next; char *name; char *description; pcap_addr *addresses; flags }` */
  pcap_if: { next: 0, name: 8, description: 16, addresses: 24, flags: 32 },
  /** `struct pcap_addr { next; sockaddr *addr, *netmask, *broadaddr, *dstaddr; }` */
  pcap_addr: { next: 0, addr: 8, netmask: 16, broadaddr: 24, dstaddr: 32 },
  /** `struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; in_addr sin_addr; }` */
  sockaddr_in: { sin_port: 2, sin_addr: 4 },
  /** `struct sockaddr_in6 { family; port; uint32 flowinfo; in6_addr addr; uint32 scope_id; }` */
  sockaddr_in6: { sin6_port: 2, sin6_flowinfo: 4, sin6_addr: 8, sin6_scope_id: 24 },
  /** `struct sockaddr_ll` (Linux `AF_PACKET`): the interface's hardware address. */
  sockaddr_ll: { sll_protocol: 2, sll_ifindex: 4, sll_hatype: 8, sll_halen: 11, sll_addr: 12 },
  /** `struct sockaddr_dl` (BSD/macOS `AF_LINK`). */
  sockaddr_dl: { sdl_index: 2, sdl_type: 4, sdl_nlen: 5, sdl_alen: 6, sdl_data: 8 },
} as const;

/** Address family numbers as the current OS numbers them. */
export const AddressFamily = Deno.build.os === "linux"
  ? { INET: 2, INET6: 10, PACKET: 17, LINK: -1 }
  : Deno.build.os === "windows"
  ? { INET: 2, INET6: 23, PACKET: -1, LINK: -1 }
  : { INET: 2, INET6: 30, PACKET: -1, LINK: 18 };

/**
 * Reads `sa_family` of a `struct sockaddr`: a 16-bit field on Linux and Windows, the second
 * byte on BSD and macOS (after `sa_len`).
 *
 * @param view A view of the sockaddr.
 * @returns The address family.
 */
export function sockaddrFamily(view: Deno.UnsafePointerView): number {
  return Deno.build.os === "linux" || Deno.build.os === "windows"
    ? view.getUint16(0)
    : view.getUint8(1);
}
