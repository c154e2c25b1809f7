// Private: the timestamps of pcapng interfaces, from 64-bit counts of `if_tsresol` units to
// seconds and nanoseconds, with number arithmetic on the fast path.

import type { CaptureBatch } from "./capture_reader.ts";
import { unitsToNanoseconds } from "./timestamp.ts";
import type { PcapngInterface } from "./pcapng_reader.ts";

const TWO32 = 4294967296;

// Timestamp conversion modes of an interface.
const DEC_MUL = 0; // 10^-k, k <= 9: nanoseconds = remainder * 10^(9-k)
const DEC_DIV = 1; // 10^-k, k = 10 or 11: nanoseconds = floor(remainder / 10^(k-9))
const BIN = 2; // 2^-k, k <= 23: nanoseconds = floor(remainder * 1e9 / 2^k)
const BIG = 3; // anything else: bigint arithmetic

/** An interface of the current section, with what its timestamps need. */
export interface InterfaceState {
  linkType: number;
  snapLength: number;
  mode: number;
  divisor: number;
  factor: number;
  offsetSeconds: number;
  info: PcapngInterface;
}

/** The reader's state of an interface: its timestamp conversion mode and factors. */
export function interfaceState(info: PcapngInterface): InterfaceState {
  const { base, exponent } = info.timestampResolution;
  let mode = BIG;
  let divisor = 1;
  let factor = 1;
  if (base === 10 && exponent <= 9) {
    mode = DEC_MUL;
    divisor = 10 ** exponent;
    factor = 10 ** (9 - exponent);
  } else if (base === 10 && exponent <= 11) {
    mode = DEC_DIV;
    divisor = 10 ** exponent;
    factor = 10 ** (exponent - 9);
  } else if (base === 2 && exponent <= 23) {
    mode = BIN;
    divisor = 2 ** exponent;
  }
  return {
    linkType: info.linkType,
    snapLength: info.snapLength,
    mode,
    divisor,
    factor,
    offsetSeconds: Number(info.timestampOffset),
    info,
  };
}

/** A timestamp of an interface (high and low 32 bits) in nanoseconds since the epoch. */
export function interfaceTimestamp(state: InterfaceState, hi: number, lo: number): bigint {
  const ns = unitsToNanoseconds((BigInt(hi) << 32n) | BigInt(lo), state.info.timestampResolution);
  return ns + state.info.timestampOffset * 1_000_000_000n;
}

/** Stores a timestamp of an interface as record `n` of a batch: seconds and nanoseconds. */
export function storeTimestamp(
  state: InterfaceState,
  hi: number,
  lo: number,
  batch: CaptureBatch,
  n: number,
): void {
  if (state.mode === BIG) {
    const ns = interfaceTimestamp(state, hi, lo);
    let seconds = ns / 1_000_000_000n;
    let rest = ns - seconds * 1_000_000_000n;
    if (rest < 0n) (seconds--, rest += 1_000_000_000n);
    batch.seconds[n] = Number(seconds);
    batch.nanoseconds[n] = Number(rest);
    return;
  }
  const d = state.divisor;
  let q: number;
  let r: number;
  if (hi < 0x200000) {
    const v = hi * TWO32 + lo;
    q = Math.floor(v / d);
    r = v - q * d;
  } else {
    // Long division in base 2^16, exact while d < 2^37.
    let cur = hi >>> 16;
    q = Math.floor(cur / d);
    r = cur - q * d;
    cur = r * 65536 + (hi & 0xffff);
    let qd = Math.floor(cur / d);
    r = cur - qd * d;
    if (r < 0) (qd--, r += d);
    else if (r >= d) (qd++, r -= d);
    q = q * 65536 + qd;
    cur = r * 65536 + (lo >>> 16);
    qd = Math.floor(cur / d);
    r = cur - qd * d;
    if (r < 0) (qd--, r += d);
    else if (r >= d) (qd++, r -= d);
    q = q * 65536 + qd;
    cur = r * 65536 + (lo & 0xffff);
    qd = Math.floor(cur / d);
    r = cur - qd * d;
    q = q * 65536 + qd;
  }
  if (r < 0) (q--, r += d);
  else if (r >= d) (q++, r -= d);
  batch.seconds[n] = q + state.offsetSeconds;
  batch.nanoseconds[n] = state.mode === DEC_MUL
    ? r * state.factor
    : state.mode === DEC_DIV
    ? Math.floor(r / state.factor)
    : Math.floor((r * 1e9) / d);
}
