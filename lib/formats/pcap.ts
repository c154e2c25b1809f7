/**
 * The pcap capture file format (libpcap's savefile, draft-ietf-opsawg-pcap): a streaming
 * reader, a buffered writer and an in-memory builder.
 *
 * Reads microsecond (`a1b2c3d4`) and nanosecond (`a1b23c4d`) files in both byte orders,
 * and the Kuznetzov "modified" variant (`a1b2cd34`, 24-byte record headers).
 *
 * @module
 */

export * from "./pcap_reader.ts";
export * from "./pcap_writer.ts";
