/**
 * Capture files: pcap and pcapng readers and writers, in pure TypeScript.
 *
 * @module
 */

export * from "./errors.ts";
export * from "./timestamp.ts";
export * from "./capture_reader.ts";
export * from "./pcap.ts";
export * from "./pcapng.ts";
export * from "./open_capture.ts";
