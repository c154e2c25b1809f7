// Private: the pcap file-header constants shared by the reader (pcap.ts) and the writer
// (pcap_writer.ts); pcap.ts re-exports them.

/** The pcap magic numbers, as read big-endian from the first four bytes of a file. */
export const PcapMagic = {
  /** Microsecond timestamps. */
  MICROSECONDS: 0xa1b2c3d4,
  /** Nanosecond timestamps. */
  NANOSECONDS: 0xa1b23c4d,
  /** Alexey Kuznetzov's "modified" pcap: microseconds, 24-byte record headers. */
  MODIFIED: 0xa1b2cd34,
} as const;

/** The FCS-present bit of the link-type field (its length in bits 28-31). */
export const LINKTYPE_FCS_PRESENT = 0x04000000;
