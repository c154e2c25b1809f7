/**
 * ETSI GeoNetworking (EtherTypes `0x0707` and `0x8947`) as tcpdump's geonet_print()
 * writes it: the link source address, the common header, the BTP header and the ITS PDU
 * header of its body, and with `-v` the bytes after them.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { type GeoNet, GEONET_COMMON_HEADER_LENGTH, GeoNetNextHeader } from "../../link/geonet.ts";
import { invalid, truncatedRead } from "../_truncation.ts";
import { linkPayloadLength } from "../_shared.ts";
import { hexAndAsciiPrint } from "../_hex.ts";

const NEXT_HEADERS = ["Any", "BTP-A", "BTP-B", "IPv6"];
/** The header type names, by type then subtype (types 0 to 2 have one name for all). */
const HEADER_TYPES: readonly (readonly string[] | string)[] = [
  "Any",
  "Beacon",
  "GeoUnicast",
  ["GeoAnycastCircle", "GeoAnycastRect", "GeoAnycastElipse"],
  ["GeoBroadcastCircle", "GeoBroadcastRect", "GeoBroadcastElipse"],
  ["TopoScopeBcast-SH", "TopoScopeBcast-MH"],
  ["LocService-Request", "LocService-Reply"],
];
/** The ITS message types of the ITS PDU header. */
const MESSAGE_TYPES = new Map([
  [0, "CAM"],
  [1, "DENM"],
  [101, "TPEGM"],
  [102, "TSPDM"],
  [103, "VPM"],
  [104, "SRM"],
  [105, "SLAM"],
  [106, "ecoCAM"],
  [107, "ITM"],
  [150, "SA"],
]);

/**
 * Prints the link layer's source address after `prefix`, as tcpdump's ethertype_print()
 * hands it to the GeoNetworking and CALM FAST printers: from Ethernet (also inside a
 * tunnel), LLC/SNAP, FDDI and 802.11, none from a cooked header, Frame Relay or Geneve.
 *
 * @param ctx The print context.
 * @param prefix What precedes the address.
 */
export function printLinkSource(ctx: PrintContext, prefix: string): void {
  if (ctx.macAt < 0) return;
  ctx.out.ascii(prefix);
  ctx.out.mac(ctx.data, ctx.sourceMacAt >= 0 ? ctx.sourceMacAt : ctx.macAt + 6);
}

/**
 * With `-v`, tcpdump's default print of `length` bytes at `at` (hex and ASCII), as far
 * as they were captured: past `end` it marks the cut as a read past the capture.
 *
 * @param ctx The print context.
 * @param at The first byte.
 * @param length How many bytes the packet holds from `at`.
 * @param end Where the captured bytes end.
 * @param proto tcpdump's name of the protocol, for the mark.
 */
export function verboseRest(
  ctx: PrintContext,
  at: number,
  length: number,
  end: number,
  proto: string,
): void {
  if (ctx.verbose < 1) return;
  hexAndAsciiPrint(ctx, at, Math.min(end, at + length));
  if (at + length > end) truncatedRead(ctx, proto);
}

/** The header type's name, `Unknown` for one tcpdump does not name. */
function headerTypeName(type: number, subtype: number): string {
  const names = HEADER_TYPES[type];
  if (typeof names === "string") return names;
  return names?.[subtype] ?? "Unknown";
}

/**
 * Prints a GeoNetworking packet.
 *
 * @param ctx The print context.
 * @param geonet The layer.
 */
export function printGeoNet(ctx: PrintContext, geonet: GeoNet): void {
  ctx.done = true;
  const out = ctx.out;
  let length = linkPayloadLength(ctx, geonet.offset);
  out.ascii("GeoNet ");
  printLinkSource(ctx, "src:");
  out.ascii("; ");
  if (length < GEONET_COMMON_HEADER_LENGTH) {
    out.ascii(` (common header length ${length} < ${GEONET_COMMON_HEADER_LENGTH})`);
    return invalid(ctx);
  }
  // tcpdump reads the first 8 bytes before it prints any field.
  const hopLimit = geonet.hopLimit;
  if (hopLimit < 0) return truncatedRead(ctx, "geonet");
  const next = geonet.nextHeader;
  const type = geonet.headerType;
  const subtype = geonet.headerSubtype;
  out.ascii(`v:${geonet.version} NH:${next}-${NEXT_HEADERS[next] ?? "Unknown"} `);
  out.ascii(`HT:${type}-${subtype}-${headerTypeName(type, subtype)} `);
  out.ascii(`HopLim:${hopLimit} Payload:${geonet.payloadLength} `);
  const address = geonet.sourceAddress;
  if (address === "") return truncatedRead(ctx, "geonet");
  out.ascii(`GN_ADDR:${address} `);
  const latitude = geonet.latitude;
  if (latitude < 0) return truncatedRead(ctx, "geonet");
  out.ascii(`lat:${latitude} `);
  const longitude = geonet.longitude;
  if (longitude < 0) return truncatedRead(ctx, "geonet");
  out.ascii(`lon:${longitude}`);
  if (geonet.partial) return truncatedRead(ctx, "geonet");
  length -= GEONET_COMMON_HEADER_LENGTH;
  let at = geonet.extendedHeaderOffset;
  const extended = geonet.extendedHeaderLength;
  // tcpdump skips the extended headers whose length it knows, and reads on after them.
  if (extended >= 0) {
    if (length < extended) {
      out.ascii(` (header size ${extended} > ${length})`);
      return invalid(ctx);
    }
    if (at + extended > geonet.end) return truncatedRead(ctx, "geonet");
    length -= extended;
    at += extended;
    if (next === GeoNetNextHeader.BTP_A || next === GeoNetNextHeader.BTP_B) {
      if (length < 4) {
        out.ascii(` (BTP length ${length} < 4)`);
        return invalid(ctx);
      }
      const destination = geonet.btpDestinationPort;
      if (destination < 0) return truncatedRead(ctx, "geonet");
      out.ascii(`; BTP Dst:${destination}`);
      const source = geonet.btpSourcePort;
      if (source < 0) return truncatedRead(ctx, "geonet");
      out.ascii(` Src:${source}`);
      length -= 4;
      at += 4;
      // The ITS PDU header is read from the body, which the dump below starts with.
      if (length >= 2) {
        const version = geonet.itsPduVersion;
        if (version < 0) return truncatedRead(ctx, "geonet");
        out.ascii(`; ItsPduHeader v:${version}`);
        const message = geonet.itsMessageId;
        if (message < 0) return truncatedRead(ctx, "geonet");
        out.ascii(` t:${message}-${MESSAGE_TYPES.get(message) ?? `unknown (${message})`}`);
      }
    }
  }
  verboseRest(ctx, at, length, geonet.end, "geonet");
}
