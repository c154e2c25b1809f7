/**
 * The radiotap header as tcpdump's ieee802_11_radio_print() writes it: each radio field
 * it knows (TSF timer, flags, rate, channel, signal and noise, antenna, MCS, VHT...) in
 * the order of the header, then the 802.11 frame.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import type { ByteWriter } from "../_writer.ts";
import {
  type Radiotap,
  RADIOTAP_TRUNCATED,
  RadiotapBit,
  type RadiotapField,
} from "../../link/radiotap.ts";
import { HT_RATES } from "./_ieee802_11_names.ts";

const HT_BANDWIDTHS = ["20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)"];

const VHT_BANDWIDTHS = [
  "20 MHz",
  "40 MHz",
  "20 MHz (L)",
  "20 MHz (U)",
  "80 MHz",
  "80 MHz (L)",
  "80 MHz (U)",
  "80 MHz (LL)",
  "80 MHz (LU)",
  "80 MHz (UL)",
  "80 MHz (UU)",
  "160 MHz",
  "160 MHz (L)",
  "160 MHz (U)",
  "160 MHz (LL)",
  "160 MHz (LU)",
  "160 MHz (UL)",
  "160 MHz (UU)",
  "160 MHz (LLL)",
  "160 MHz (LLU)",
  "160 MHz (LUL)",
  "160 MHz (UUU)",
  "160 MHz (ULL)",
  "160 MHz (ULU)",
  "160 MHz (UUL)",
  "160 MHz (UUU)",
];

/** Channel flags (IEEE80211_CHAN_*). */
const CHAN_TURBO = 0x10;
const CHAN_CCK = 0x20;
const CHAN_OFDM = 0x40;
const CHAN_2GHZ = 0x80;
const CHAN_5GHZ = 0x100;
const CHAN_DYN = 0x400;
const CHAN_GFSK = 0x800;
const CHAN_HALF = 0x4000;
const CHAN_QUARTER = 0x8000;
const CHAN_HT20 = 0x10000;
const CHAN_HT40U = 0x20000;
const CHAN_HT40D = 0x40000;

function has(flags: number, mask: number): boolean {
  return (flags & mask) === mask;
}

/** tcpdump's print_chaninfo(): `2437 MHz 11g ht/20 `. */
function channel(out: ByteWriter, frequency: number, flags: number, present: number): void {
  out.uint(frequency);
  out.ascii(" MHz");
  if ((present & (1 << RadiotapBit.MCS)) !== 0) out.ascii(" 11n");
  else {
    if (has(flags, CHAN_2GHZ | CHAN_GFSK)) out.ascii(" FHSS");
    const width = (flags & CHAN_HALF) !== 0
      ? "/10Mhz"
      : (flags & CHAN_QUARTER) !== 0
      ? "/5Mhz"
      : "";
    if (has(flags, CHAN_5GHZ | CHAN_OFDM)) out.ascii(` 11a${width}`);
    if (has(flags, CHAN_2GHZ | CHAN_OFDM) || has(flags, CHAN_2GHZ | CHAN_DYN)) {
      out.ascii(` 11g${width}`);
    } else if (has(flags, CHAN_2GHZ | CHAN_CCK)) out.ascii(" 11b");
    if ((flags & CHAN_TURBO) !== 0) out.ascii(" Turbo");
  }
  if ((flags & CHAN_HT20) !== 0) out.ascii(" ht/20");
  else if ((flags & CHAN_HT40D) !== 0) out.ascii(" ht/40-");
  else if ((flags & CHAN_HT40U) !== 0) out.ascii(" ht/40+");
  out.byte(0x20);
}

/** Prints one field as tcpdump's print_radiotap_field() does. */
function field(out: ByteWriter, f: RadiotapField): void {
  const v = f.values;
  switch (f.bit) {
    case RadiotapBit.TSFT:
      out.ascii(`${(BigInt(v[1]!) << 32n) | BigInt(v[0]!)}us tsft `);
      return;
    case RadiotapBit.FLAGS: {
      const flags = v[0]!;
      if (flags & 0x01) out.ascii("cfp ");
      if (flags & 0x02) out.ascii("short preamble ");
      if (flags & 0x04) out.ascii("wep ");
      if (flags & 0x08) out.ascii("fragmented ");
      if (flags & 0x40) out.ascii("bad-fcs ");
      return;
    }
    case RadiotapBit.RATE: {
      const rate = v[0]!;
      if (rate >= 0x80 && rate <= 0x8f) out.ascii(`MCS ${rate & 0x7f} `);
      else out.ascii(`${(rate / 2).toFixed(1)} Mb/s `);
      return;
    }
    case RadiotapBit.CHANNEL:
      // XCHANNEL, when present too, is printed instead.
      if ((f.present & (1 << RadiotapBit.XCHANNEL)) === 0) channel(out, v[0]!, v[1]!, f.present);
      return;
    case RadiotapBit.FHSS:
      out.ascii(`fhset ${v[0]} fhpat ${v[1]} `);
      return;
    case RadiotapBit.DBM_ANTSIGNAL:
      out.ascii(`${v[0]}dBm signal `);
      return;
    case RadiotapBit.DBM_ANTNOISE:
      out.ascii(`${v[0]}dBm noise `);
      return;
    case RadiotapBit.LOCK_QUALITY:
      out.ascii(`${v[0]} sq `);
      return;
    case RadiotapBit.TX_ATTENUATION:
      out.ascii(`${-v[0]!} tx power `);
      return;
    case RadiotapBit.DB_TX_ATTENUATION:
      out.ascii(`${-v[0]!}dB tx attenuation `);
      return;
    case RadiotapBit.DBM_TX_POWER:
      out.ascii(`${v[0]}dBm tx power `);
      return;
    case RadiotapBit.ANTENNA:
      out.ascii(`antenna ${v[0]} `);
      return;
    case RadiotapBit.DB_ANTSIGNAL:
      out.ascii(`${v[0]}dB signal `);
      return;
    case RadiotapBit.DB_ANTNOISE:
      out.ascii(`${v[0]}dB noise `);
      return;
    case RadiotapBit.XCHANNEL:
      channel(out, v[1]!, v[0]!, f.present);
      return;
    case RadiotapBit.MCS:
      mcs(out, v[0]!, v[1]!, v[2]!);
      return;
    case RadiotapBit.VHT:
      vht(out, v);
      return;
  }
}

function mcs(out: ByteWriter, known: number, flags: number, index: number): void {
  if (known & 0x02) {
    const rate = index <= 76 && (known & 0x05) !== 0
      ? HT_RATES[index]![(flags & 3) === 1 ? 1 : 0]![(flags & 0x04) !== 0 ? 1 : 0]!
      : undefined;
    if (rate !== undefined && rate !== "0.0") out.ascii(`${rate} Mb/s MCS ${index} `);
    else out.ascii(`MCS ${index} `);
  }
  if (known & 0x01) out.ascii(`${HT_BANDWIDTHS[flags & 3]} `);
  if (known & 0x04) out.ascii(flags & 0x04 ? "short GI " : "long GI ");
  if (known & 0x08) out.ascii(flags & 0x08 ? "greenfield " : "mixed ");
  if (known & 0x10) out.ascii(flags & 0x10 ? "LDPC FEC " : "BCC FEC ");
  if (known & 0x20) out.ascii(`RX-STBC${(flags & 0x60) >> 5} `);
}

function vht(out: ByteWriter, v: readonly number[]): void {
  const known = v[0]!;
  const flags = v[1]!;
  const bandwidth = v[2]!;
  const coding = v[7]!;
  for (let i = 0; i < 4; i++) {
    const mcsNss = v[3 + i]!;
    if ((mcsNss & 0x0f) === 0) continue;
    out.ascii(`User ${i} MCS ${mcsNss >> 4} `);
    out.ascii(coding & (1 << i) ? "LDPC FEC " : "BCC FEC ");
  }
  if (known & 0x40) {
    const bw = bandwidth & 0x1f;
    out.ascii(`${VHT_BANDWIDTHS[bw] ?? `unknown (${bw})`} `);
  }
  if (known & 0x04) out.ascii(flags & 0x04 ? "short GI " : "long GI ");
}

/**
 * Prints a radiotap header's fields as tcpdump does, then lets the 802.11 printer go on.
 *
 * @param ctx The print context.
 * @param radiotap The layer.
 */
export function printRadiotap(ctx: PrintContext, radiotap: Radiotap): void {
  const out = ctx.out;
  ctx.linkEnd = radiotap.offset + radiotap.headerLength;
  for (const f of radiotap.fields) {
    if (f.bit === RADIOTAP_TRUNCATED) markTruncated(ctx, "802.11_radio");
    else if (!f.known) out.ascii(`[bit ${f.bit}] `);
    else field(out, f);
  }
  // What follows the header on the wire, less the FCS, for the 802.11 printer.
  ctx.frameLength = ctx.originalLength - (radiotap.offset - ctx.start) - radiotap.headerLength -
    radiotap.fcsLength;
}
