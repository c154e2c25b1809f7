/**
 * The BGP messages besides UPDATE, read by offset within a segment's captured bytes: OPEN
 * (RFC 4271 4.2) with its optional parameters and capabilities (RFC 5492), NOTIFICATION
 * (4.5) with the Cease data of RFC 4486, ROUTE-REFRESH (RFC 2918): the shapes that
 * `Bgp`'s readers return. Private to `lib/app/`; `bgp.ts` exports them.
 *
 * @module
 */

/** The fixed part of an OPEN message. */
export interface BgpOpen {
  /** BGP version. */
  readonly version: number;
  /** The sender's 2-byte AS number. */
  readonly myAs: number;
  /** Hold time in seconds. */
  readonly holdTime: number;
  /** The BGP identifier, dotted. */
  readonly identifier: string;
  /** Length of the optional parameters. */
  readonly optionsLength: number;
  /** Where the optional parameters start. */
  readonly optionsAt: number;
}

/** An optional parameter of an OPEN message, or a capability: type, length, value. */
export interface BgpTlv {
  /** The parameter type or capability code. */
  readonly type: number;
  /** The value's length. */
  readonly length: number;
  /** Where the value starts. */
  readonly valueAt: number;
  /** Whether the whole value was captured. */
  readonly captured: boolean;
}

/**
 * An address family entry of a capability (Multiple Labels, Graceful Restart, Add-Path):
 * AFI, SAFI and the byte after them (a count, flags or a send/receive mode).
 */
export interface BgpFamilyEntry {
  /** Address family identifier. */
  readonly afi: number;
  /** Subsequent address family identifier. */
  readonly safi: number;
  /** The entry's last byte. */
  readonly value: number;
}

/** The error code and subcode of a NOTIFICATION message. */
export interface BgpNotification {
  /** Error code. */
  readonly major: number;
  /** Error subcode. */
  readonly minor: number;
  /** The byte after the subcode (a shutdown communication's length), -1 when not captured. */
  readonly communicationLength: number;
}

/** An address family and subsequent address family. */
export interface BgpFamily {
  /** Address family identifier. */
  readonly afi: number;
  /** Subsequent address family identifier. */
  readonly safi: number;
}
