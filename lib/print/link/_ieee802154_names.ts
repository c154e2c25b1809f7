/**
 * The names that tcpdump's print-802_15_4.c prints, from 802.15.4-2015's tables; the
 * numbers it leaves unnamed are `Reserved 0xNN` as its tables spell them. Private to
 * `lib/print/`.
 *
 * @module
 */

/** `Reserved 0xNN` (two digits). */
function reserved(n: number): string {
  return `Reserved 0x${n.toString(16).padStart(2, "0")}`;
}

/** A table of `size` names, `Reserved 0xNN` where `named` has none. */
function table(size: number, named: Record<number, string>, fill = reserved): string[] {
  return Array.from({ length: size }, (_, i) => named[i] ?? fill(i));
}

/** Frame types (Table 7-1), tcpdump's ftypes. */
export const FRAME_TYPES: readonly string[] = [
  "Beacon",
  "Data",
  "ACK",
  "Command",
  "Reserved",
  "Multipurpose",
  "Fragment",
  "Extended",
];

/** Header IE element IDs (Table 7-7), tcpdump's h_ie_names. */
export const HEADER_IE_NAMES: readonly string[] = table(128, {
  0x00: "Vendor Specific Header IE",
  0x1a: "LE CSL IE",
  0x1b: "LE RIT IE",
  0x1c: "DSME PAN descriptor IE",
  0x1d: "Rendezvous Time IE",
  0x1e: "Time Correction IE",
  0x21: "Extended DSME PAN descriptor IE",
  0x22: "Fragment Sequence Context Description IE",
  0x23: "Simplified Superframe Specification IE",
  0x24: "Simplified GTS Specification IE",
  0x25: "LECIM Capabilities IE",
  0x26: "TRLE Descriptor IE",
  0x27: "RCC Capabilities IE",
  0x28: "RCCN Descriptor IE",
  0x29: "Global Time IE",
  0x2a: "Omnibus Header IE",
  0x2b: "DA IE",
  0x7e: "Header Termination 1 IE",
  0x7f: "Header Termination 2 IE",
});

/** Payload IE group IDs (Table 7-15), tcpdump's p_ie_names. */
export const PAYLOAD_IE_NAMES: readonly string[] = table(16, {
  0x00: "ESDU IE",
  0x01: "MLME IE",
  0x02: "Vendor Specific Nested IE",
  0x03: "Multiplexed IE (802.15.9)",
  0x04: "Omnibus Payload Group IE",
  0x05: "IETF IE",
  0x0f: "List termination",
});

/** Short MLME sub-IDs (Table 7-16), tcpdump's p_mlme_short_names. */
export const MLME_SHORT_NAMES: readonly string[] = table(128, {
  0x1a: "TSCH Synchronization IE",
  0x1b: "TSCH Slotframe and Link IE",
  0x1c: "TSCH Timeslot IE",
  0x1d: "Hopping timing IE",
  0x1e: "Enhanced Beacon Filter IE",
  0x1f: "MAC Metrics IE",
  0x20: "All MAC Metrics IE",
  0x21: "Coexistence Specification IE",
  0x22: "SUN Device Capabilities IE",
  0x23: "SUN FSK Generic PHY IE",
  0x24: "Mode Switch Parameter IE",
  0x25: "PHY Parameter Change IE",
  0x26: "O-QPSK PHY Mode IE",
  0x27: "PCA Allocation IE",
  0x28: "LECIM DSSS Operating Mode IE",
  0x29: "LECIM FSK Operating Mode IE",
  0x2b: "TVWS PHY Operating Mode Description IE",
  0x2c: "TVWS Device Capabilities IE",
  0x2d: "TVWS Device Category IE",
  // tcpdump's spelling.
  0x2e: "TVWS Device Identiication IE",
  0x2f: "TVWS Device Location IE",
  0x30: "TVWS Channel Information Query IE",
  0x31: "TVWS Channel Information Source IE",
  0x32: "CTM IE",
  0x33: "Timestamp IE",
  0x34: "Timestamp Difference IE",
  0x35: "TMCTP Specification IE",
  0x36: "RCC PHY Operating Mode IE",
}, (n) => n < 0x10 ? `Reserved for long format 0x${n.toString(16)}` : reserved(n));

/** Long MLME sub-IDs (Table 7-17), tcpdump's p_mlme_long_names. */
export const MLME_LONG_NAMES: readonly string[] = table(16, {
  0x08: "Vendor Specific MLME Nested IE",
  0x09: "Channel Hopping IE",
});

/** MAC command IDs (Table 7-49) below 0x30, tcpdump's mac_c_names. */
export const COMMAND_NAMES: readonly string[] = table(0x30, {
  0x01: "Association Request command",
  0x02: "Association Response command",
  0x03: "Disassociation Notification command",
  0x04: "Data Request command",
  0x05: "PAN ID Conflict Notification command",
  0x06: "Orphan Notification command",
  0x07: "Beacon Request command",
  0x08: "Coordinator realignment command",
  0x09: "GTS request command",
  0x0a: "TRLE Management Request command",
  0x0b: "TRLE Management Response command",
  0x13: "DSME Association Request command",
  0x14: "DSME Association Response command",
  0x15: "DSME GTS Request command",
  0x16: "DSME GTS Response command",
  0x17: "DSME GTS Notify command",
  0x18: "DSME Information Request command",
  0x19: "DSME Information Response command",
  0x1a: "DSME Beacon Allocation Notification command",
  0x1b: "DSME Beacon Collision Notification command",
  0x1c: "DSME Link Report command",
  0x20: "RIT Data Request command",
  0x21: "DBS Request command",
  0x22: "DBS Response command",
  0x23: "RIT Data Response command",
  0x24: "Vendor Specific command",
});
