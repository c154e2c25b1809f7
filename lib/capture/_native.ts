// Private: small helpers over the libpcap binding shared by lib/capture/.

import { type Libpcap, loadLibpcap, PCAP_ERRBUF_SIZE } from "../../ffi/libpcap.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The library, loaded on first use. */
export function lib(): Libpcap {
  return loadLibpcap();
}

/** A NUL-terminated UTF-8 copy of a string, for `const char *` parameters. */
export function cString(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(encoder.encode(text).length + 1);
  encoder.encodeInto(text, bytes);
  return bytes;
}

/** A fresh `char errbuf[PCAP_ERRBUF_SIZE]`. */
export function errbuf(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(PCAP_ERRBUF_SIZE);
}

/** The text libpcap wrote into an error buffer. */
export function errbufText(buffer: Uint8Array): string {
  const end = buffer.indexOf(0);
  return decoder.decode(buffer.subarray(0, end < 0 ? buffer.length : end));
}

/** Reads a C string, `""` for NULL. */
export function readCString(pointer: Deno.PointerValue): string {
  return pointer === null ? "" : Deno.UnsafePointerView.getCString(pointer);
}

/** The last error text of a handle (`pcap_geterr`). */
export function handleError(handle: Deno.PointerObject): string {
  return readCString(lib().symbols.pcap_geterr(handle));
}

/** libpcap's text for a status code (`pcap_statustostr`). */
export function statusText(status: number): string {
  return readCString(lib().symbols.pcap_statustostr(status));
}

/** A pointer from its address, as an out-parameter holds it. */
export function pointerAt(address: bigint | undefined): Deno.PointerValue {
  return address === undefined || address === 0n ? null : Deno.UnsafePointer.create(address);
}
