/**
 * Live capture through libpcap (Deno FFI): interfaces, capture handles, BPF filters, files
 * read by libpcap, statistics, injection and dumping. Needs `--allow-ffi` (and root or
 * `CAP_NET_RAW`/`CAP_NET_ADMIN` for live capture); filters and files need no root.
 *
 * @example Capture ten packets of port 80
 * ```ts ignore
 * import { capture } from "./mod.ts";
 *
 * for await (const packet of capture({ iface: "eth0", filter: "tcp port 80", count: 10 })) {
 *   console.log(packet.timestamp, packet.originalLength);
 * }
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./interfaces.ts";
export * from "./interface_indexes.ts";
export * from "./filter.ts";
export * from "./handle.ts";
export * from "./live.ts";
export * from "./offline.ts";
export * from "./sniff.ts";
export * from "./dump.ts";
export * from "./datalinks.ts";
export * from "./privileges.ts";
export { LIBPCAP_ENV, LibpcapNotFoundError, libpcapPath } from "../../ffi/libpcap.ts";
