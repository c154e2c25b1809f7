/**
 * LMP's names as tcpdump's print-lmp.c and gmpls.c spell them (private to the LMP
 * printer).
 *
 * @module
 */

/** Message types. */
export const MESSAGES: ReadonlyMap<number, string> = new Map([
  [1, "Config"],
  [2, "Config ACK"],
  [3, "Config NACK"],
  [4, "Hello"],
  [5, "Begin Verify"],
  [6, "Begin Verify ACK"],
  [7, "Begin Verify NACK"],
  [8, "End Verify"],
  [9, "End Verify ACK"],
  [10, "Test"],
  [11, "Test Status Success"],
  [12, "Test Status Failure"],
  [13, "Test Status ACK"],
  [14, "Link Summary"],
  [15, "Link Summary ACK"],
  [16, "Link Summary NACK"],
  [17, "Channel Status"],
  [18, "Channel Status ACK"],
  [19, "Channel Status Request"],
  [20, "Channel Status Response"],
  [50, "Service Config"],
  [51, "Service Config ACK"],
  [52, "Service Config NACK"],
]);
/** The common header's flags. */
export const HEADER_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Control Channel Down"],
  [2, "LMP restart"],
];
/** Object classes. */
export const OBJECTS: ReadonlyMap<number, string> = new Map([
  [1, "Control Channel ID"],
  [2, "Node ID"],
  [3, "Link ID"],
  [4, "Interface ID"],
  [5, "Message ID"],
  [6, "Configuration"],
  [7, "Hello"],
  [8, "Verify Begin"],
  [9, "Verify Begin ACK"],
  [10, "Verify ID"],
  [11, "TE Link"],
  [12, "Data Link"],
  [13, "Channel Status"],
  [14, "Channel Status Request"],
  [20, "Error Code"],
  [51, "Service Config"],
]);
/** Class types by 256 * class + class type. */
export const CTYPES: ReadonlyMap<number, string> = new Map([
  [257, "Local"],
  [258, "Remote"],
  [513, "Local"],
  [514, "Remote"],
  [769, "IPv4 Local"],
  [770, "IPv4 Remote"],
  [771, "IPv6 Local"],
  [772, "IPv6 Remote"],
  [773, "Unnumbered Local"],
  [774, "Unnumbered Remote"],
  [1025, "IPv4 Local"],
  [1026, "IPv4 Remote"],
  [1027, "IPv6 Local"],
  [1028, "IPv6 Remote"],
  [1029, "Unnumbered Local"],
  [1030, "Unnumbered Remote"],
  [1281, "1"],
  [1282, "2"],
  [1537, "1"],
  [1793, "1"],
  [2049, "1"],
  [2305, "1"],
  [2561, "1"],
  [2817, "IPv4"],
  [2818, "IPv6"],
  [2819, "Unnumbered"],
  [3073, "IPv4"],
  [3074, "IPv6"],
  [3075, "Unnumbered"],
  [3329, "IPv4"],
  [3330, "IPv6"],
  [3331, "Unnumbered"],
  [3585, "IPv4"],
  [3586, "IPv6"],
  [3587, "Unnumbered"],
  [5121, "1"],
  [5122, "2"],
  [13057, "1"],
  [13058, "2"],
  [13059, "3"],
  [13060, "4"],
]);
/** Data Link subobject types. */
export const SUBOBJECTS: ReadonlyMap<number, string> = new Map([
  [1, "Interface Switching Type"],
  [2, "Wavelength"],
]);
/** TE Link flags. */
export const TE_LINK_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Fault Management Supported"],
  [2, "Link Verification Supported"],
];
/** Data Link flags. */
export const DATA_LINK_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Data Link Port"],
  [2, "Allocated for user traffic"],
  [4, "Failed link"],
];
/** Channel statuses. */
export const CHANNEL_STATUSES: ReadonlyMap<number, string> = new Map([
  [1, "Signal Okay"],
  [2, "Signal Degraded"],
  [3, "Signal Fail"],
]);
/** Verify Begin flags. */
export const VERIFY_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Verify all links"],
  [2, "Data link type"],
];
/** Begin Verify error codes. */
export const BEGIN_VERIFY_ERRORS: readonly (readonly [number, string])[] = [
  [1, "Link Verification Procedure Not supported"],
  [2, "Unwilling to verify"],
  [4, "Unsupported verification transport mechanism"],
  [8, "Link-Id configuration error"],
  [16, "Unknown object c-type"],
];
/** Link Summary error codes. */
export const LINK_SUMMARY_ERRORS: readonly (readonly [number, string])[] = [
  [1, "Unacceptable non-negotiable LINK-SUMMARY parameters"],
  [2, "Renegotiate LINK-SUMMARY parameters"],
  [4, "Invalid TE-LINK Object"],
  [8, "Invalid DATA-LINK Object"],
  [16, "Unknown TE-LINK Object c-type"],
  [32, "Unknown DATA-LINK Object c-type"],
];
/** Service Config supported protocols. */
export const SP_FLAGS: readonly (readonly [number, string])[] = [
  [1, "RSVP Supported"],
  [2, "LDP Supported"],
];
/** Client port service attribute transparency flags. */
export const TP_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Path/VC Overhead Transparency Supported"],
  [2, "Line/MS Overhead Transparency Supported"],
  [4, "Section/RS Overhead Transparency Supported"],
];
/** Contiguous concatenation type flags. */
export const CCT_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Contiguous Concatenation Types Supported"],
];
/** Network service attribute transparency flags. */
export const NSA_TRANSPARENCY_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Standard SOH/RSOH Transparency Supported"],
  [2, "Standard LOH/MSOH Transparency Supported"],
];
/** Network service attribute TCM monitoring flags. */
export const NSA_TCM_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Transparent Tandem Connection Monitoring Supported"],
];
/** Network diversity flags. */
export const NSA_DIVERSITY_FLAGS: readonly (readonly [number, string])[] = [
  [1, "Node Diversity Supported"],
  [2, "Link Diversity Supported"],
  [4, "SRLG Diversity Supported"],
];
/** Client port service attribute link types (UNI 1.0 9.4.2). */
export const CPSA_LINK_TYPES: ReadonlyMap<number, string> = new Map([[5, "SDH ITU-T G.707"], [
  6,
  "SONET ANSI T1.105",
]]);
/** SDH signal types. */
export const SDH_SIGNALS: ReadonlyMap<number, string> = new Map([
  [5, "VC-3"],
  [6, "VC-4"],
  [7, "STM-0"],
  [8, "STM-1"],
  [9, "STM-4"],
  [10, "STM-16"],
  [11, "STM-64"],
  [12, "STM-256"],
]);
/** SONET signal types. */
export const SONET_SIGNALS: ReadonlyMap<number, string> = new Map([
  [5, "STS-1 SPE"],
  [6, "STS-3c SPE"],
  [7, "STS-1"],
  [8, "STM-3"],
  [9, "STM-12"],
  [10, "STM-48"],
  [11, "STM-192"],
  [12, "STM-768"],
]);
