/**
 * The TCP option kinds that wirekit names and the decoded options. Private to
 * `lib/transport/`: `tcp.ts` re-exports all of it.
 *
 * @module
 */

/**
 * TCP option kinds (IANA "TCP Option Kind Numbers") that wirekit names.
 *
 * @example Compare an option kind
 * ```ts
 * import { TcpOptionKind } from "./tcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(TcpOptionKind.MSS, 2);
 * ```
 */
export const TcpOptionKind = {
  /** End of option list. */
  EOL: 0,
  /** No-operation, used as padding. */
  NOP: 1,
  /** Maximum segment size. */
  MSS: 2,
  /** Window scale (RFC 7323). */
  WINDOW_SCALE: 3,
  /** SACK permitted (RFC 2018). */
  SACK_PERMITTED: 4,
  /** Selective acknowledgment blocks (RFC 2018). */
  SACK: 5,
  /** Timestamps (RFC 7323). */
  TIMESTAMPS: 8,
  /** TCP MD5 signature (RFC 2385). */
  MD5: 19,
  /** User timeout (RFC 5482). */
  USER_TIMEOUT: 28,
  /** TCP authentication option (RFC 5925). */
  TCP_AO: 29,
  /** Multipath TCP (RFC 8684). */
  MPTCP: 30,
  /** TCP Fast Open cookie (RFC 7413). */
  FAST_OPEN: 34,
  /** RFC 3692-style experiment 1. */
  EXPERIMENT_1: 253,
  /** RFC 3692-style experiment 2 (also Fast Open before kind 34, with ExID 0xf989). */
  EXPERIMENT_2: 254,
} as const;

/** A TCP option kind that wirekit names. */
export type TcpOptionKind = typeof TcpOptionKind[keyof typeof TcpOptionKind];

/** End of option list (kind 0); what follows it is padding. */
export interface TcpOptionEol {
  /** The discriminant. */
  name: "eol";
  /** The option kind, 0. */
  kind: 0;
  /** 1 byte. */
  length: 1;
}

/** No-operation (kind 1). */
export interface TcpOptionNop {
  /** The discriminant. */
  name: "nop";
  /** The option kind, 1. */
  kind: 1;
  /** 1 byte. */
  length: 1;
}

/** Maximum segment size (kind 2). */
export interface TcpOptionMss {
  /** The discriminant. */
  name: "mss";
  /** The option kind, 2. */
  kind: 2;
  /** 4 bytes. */
  length: 4;
  /** The largest segment the sender can receive, in bytes. */
  mss: number;
}

/** Window scale (kind 3). */
export interface TcpOptionWindowScale {
  /** The discriminant. */
  name: "window-scale";
  /** The option kind, 3. */
  kind: 3;
  /** 3 bytes. */
  length: 3;
  /** The shift count (RFC 7323 caps its use at 14). */
  shift: number;
}

/** SACK permitted (kind 4). */
export interface TcpOptionSackPermitted {
  /** The discriminant. */
  name: "sack-permitted";
  /** The option kind, 4. */
  kind: 4;
  /** 2 bytes. */
  length: 2;
}

/** One SACK block: the sequence numbers of a received range. */
export interface TcpSackBlock {
  /** The first sequence number of the block. */
  left: number;
  /** The sequence number just past the block. */
  right: number;
}

/** Selective acknowledgment (kind 5). */
export interface TcpOptionSack {
  /** The discriminant. */
  name: "sack";
  /** The option kind, 5. */
  kind: 5;
  /** 2 + 8 bytes per block. */
  length: number;
  /** The blocks, in the order sent. */
  blocks: TcpSackBlock[];
}

/** Timestamps (kind 8). */
export interface TcpOptionTimestamps {
  /** The discriminant. */
  name: "timestamps";
  /** The option kind, 8. */
  kind: 8;
  /** 10 bytes. */
  length: 10;
  /** TSval: the sender's clock. */
  value: number;
  /** TSecr: the timestamp echoed back. */
  echo: number;
}

/** TCP MD5 signature (kind 19). */
export interface TcpOptionMd5 {
  /** The discriminant. */
  name: "md5";
  /** The option kind, 19. */
  kind: 19;
  /** 18 bytes. */
  length: 18;
  /** The 16-byte digest (a view). */
  digest: Uint8Array;
}

/** User timeout (kind 28). */
export interface TcpOptionUserTimeout {
  /** The discriminant. */
  name: "user-timeout";
  /** The option kind, 28. */
  kind: 28;
  /** 4 bytes. */
  length: 4;
  /** The granularity bit: `true` when `timeout` counts minutes, `false` for seconds. */
  minutes: boolean;
  /** The 15-bit timeout. */
  timeout: number;
}

/** TCP Fast Open (kind 34, or the experimental kind 254 with ExID 0xf989). */
export interface TcpOptionFastOpen {
  /** The discriminant. */
  name: "fast-open";
  /** The option kind, 34 or 254. */
  kind: number;
  /** The option length in bytes. */
  length: number;
  /** The cookie (a view); empty in a cookie request. */
  cookie: Uint8Array;
}

/** An option kept raw: an unnamed kind, or a named kind whose length does not fit it. */
export interface TcpOptionRaw {
  /** The discriminant. */
  name: "raw";
  /** The option kind. */
  kind: number;
  /** The option length in bytes. */
  length: number;
  /** The bytes after the kind and length (a view). */
  data: Uint8Array;
}

/**
 * Where the option walk stopped: an option whose length byte is missing, below 2, or
 * runs past the header. It is the last entry of {@linkcode Tcp.options}.
 */
export interface TcpOptionMalformed {
  /** The discriminant. */
  name: "malformed";
  /** The option kind. */
  kind: number;
  /** The length byte, or 0 when the header ended before it. */
  length: number;
  /** The bytes from the option's kind to the end of the header (a view). */
  data: Uint8Array;
}

/**
 * Where the option walk stopped in a header that the capture cut short (see
 * {@linkcode Tcp.truncated}): an option that fits the header but whose bytes were not all
 * captured. It is the last entry of {@linkcode Tcp.options}.
 */
export interface TcpOptionTruncated {
  /** The discriminant. */
  name: "truncated";
  /** The option kind, or -1 when the capture ended before it. */
  kind: number;
  /** The length byte, or 0 when the capture ended before it. */
  length: number;
  /** The captured bytes from the option's kind on (a view). */
  data: Uint8Array;
}

/**
 * One TCP option, discriminated by `name`, with the offset of its kind octet in the
 * layer's `data`.
 */
export type TcpOption = TcpOptionValue & { readonly offset: number };

/** One TCP option's value, discriminated by `name`. */
export type TcpOptionValue =
  | TcpOptionEol
  | TcpOptionNop
  | TcpOptionMss
  | TcpOptionWindowScale
  | TcpOptionSackPermitted
  | TcpOptionSack
  | TcpOptionTimestamps
  | TcpOptionMd5
  | TcpOptionUserTimeout
  | TcpOptionFastOpen
  | TcpOptionRaw
  | TcpOptionMalformed
  | TcpOptionTruncated;
