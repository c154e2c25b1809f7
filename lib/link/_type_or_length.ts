/**
 * What Ethernet and VLAN tags share: a type/length field that holds an EtherType or an
 * 802.3 length.
 *
 * @module
 */

import type { DecodeContext, Decoder } from "../layer.ts";
import { llcOrRawIpx } from "./llc.ts";

/** Type/length values below this are 802.3 lengths, not EtherTypes. */
export const MIN_ETHERTYPE = 0x0600;

/**
 * Picks the decoder of the payload after a type/length field: by EtherType; after an
 * 802.3 length, LLC, or none for a Novell raw 802.3 IPX packet (payload starting `ff ff`).
 *
 * @param etherType The EtherType, or `undefined` when the field was a length.
 * @param data The bytes.
 * @param start Where the payload starts.
 * @param end Where the payload ends.
 * @param context Where EtherTypes are looked up.
 * @returns The decoder, or `undefined`.
 */
export function typeOrLengthNextDecoder(
  etherType: number | undefined,
  data: Uint8Array,
  start: number,
  end: number,
  context: DecodeContext,
): Decoder | undefined {
  if (etherType === undefined) return llcOrRawIpx(data, start, end, context);
  return context.tables.etherTypes.get(etherType);
}
