/**
 * {@linkcode fieldRanges}: where each field of a decoded layer lies in the packet's bytes,
 * for the live view's hex highlight. The places come from the layer as decoded (its
 * offset, header length, and the offsets its options carry), not from parsing again.
 *
 * @module
 */

import type { Layer } from "../layer_map.ts";
import type { Arp } from "../net/arp.ts";

/** A field's bytes: `[start, end)`, offsets in the packet. */
export type ByteRange = readonly [number, number];

/** Field name, first byte and byte past the end, relative to the header's first byte. */
type Place = readonly [string, number, number];

const ETHERNET: readonly Place[] = [
  ["destination", 0, 6],
  ["source", 6, 12],
  ["etherType", 12, 14],
  ["length", 12, 14],
];
const IPV4: readonly Place[] = [
  ["version", 0, 1],
  ["headerLength", 0, 1],
  ["dscp", 1, 2],
  ["ecn", 1, 2],
  ["totalLength", 2, 4],
  ["identification", 4, 6],
  ["flags", 6, 7],
  ["reservedFlag", 6, 7],
  ["dontFragment", 6, 7],
  ["moreFragments", 6, 7],
  ["fragmentOffset", 6, 8],
  ["timeToLive", 8, 9],
  ["protocol", 9, 10],
  ["headerChecksum", 10, 12],
  ["source", 12, 16],
  ["destination", 16, 20],
];
const IPV6: readonly Place[] = [
  ["version", 0, 1],
  ["trafficClass", 0, 2],
  ["flowLabel", 1, 4],
  ["payloadLength", 4, 6],
  ["nextHeader", 6, 7],
  ["hopLimit", 7, 8],
  ["source", 8, 24],
  ["destination", 24, 40],
];
const TCP: readonly Place[] = [
  ["sourcePort", 0, 2],
  ["destinationPort", 2, 4],
  ["sequenceNumber", 4, 8],
  ["acknowledgmentNumber", 8, 12],
  ["dataOffset", 12, 13],
  ["flags", 12, 14],
  ["window", 14, 16],
  ["checksum", 16, 18],
  ["urgentPointer", 18, 20],
];
const UDP: readonly Place[] = [
  ["sourcePort", 0, 2],
  ["destinationPort", 2, 4],
  ["length", 4, 6],
  ["checksum", 6, 8],
];
const ICMP_COMMON: readonly Place[] = [
  ["type", 0, 1],
  ["code", 1, 2],
  ["checksum", 2, 4],
];
const ICMP: readonly Place[] = [
  ...ICMP_COMMON,
  ["identifier", 4, 6],
  ["sequenceNumber", 6, 8],
  ["pointer", 4, 5],
  ["gateway", 4, 8],
  ["addressCount", 4, 5],
  ["addressEntrySize", 5, 6],
  ["lifetime", 6, 8],
  ["nextHopMtu", 6, 8],
  ["originateTimestamp", 8, 12],
  ["receiveTimestamp", 12, 16],
  ["transmitTimestamp", 16, 20],
  ["addressMask", 8, 12],
];
const DNS: readonly Place[] = [
  ["id", 0, 2],
  ["response", 2, 3],
  ["opcode", 2, 3],
  ["authoritative", 2, 3],
  ["truncation", 2, 3],
  ["recursionDesired", 2, 3],
  ["recursionAvailable", 3, 4],
  ["z", 3, 4],
  ["authenticData", 3, 4],
  ["checkingDisabled", 3, 4],
  ["responseCode", 3, 4],
  ["questionCount", 4, 6],
  ["answerCount", 6, 8],
  ["authorityCount", 8, 10],
  ["additionalCount", 10, 12],
];

/** Adds the places that lie within `[base, end)`, shifted to `base`. */
function place(
  ranges: Record<string, ByteRange>,
  base: number,
  end: number,
  places: readonly Place[],
): void {
  for (const [name, start, stop] of places) {
    if (base + stop <= end) ranges[name] = [base + start, base + stop];
  }
}

/** `options` as a whole, and `options.N` from the `offset` and `length` each option carries. */
function options(
  ranges: Record<string, ByteRange>,
  list: readonly { offset: number; length?: number }[],
  start: number,
  end: number,
): void {
  if (end <= start) return;
  ranges.options = [start, end];
  list.forEach((option, i) => {
    const stop = Math.min(end, option.offset + Math.max(1, option.length ?? 1));
    if (option.offset >= start && stop > option.offset) {
      ranges[`options.${i}`] = [option.offset, stop];
    }
  });
}

/** ARP's fields, placed by its address lengths. */
function arpPlaces(arp: Arp): Place[] {
  const at = (offset: number, length: number): [number, number] => [
    offset - arp.offset,
    offset - arp.offset + length,
  ];
  const atm = arp.hardwareType === 19;
  const places: Place[] = [
    ["hardwareType", 0, 2],
    ["protocolType", 2, 4],
    ["hardwareAddressLength", 4, 5],
    atm ? ["protocolAddressLength", 8, 9] : ["protocolAddressLength", 5, 6],
    ["operation", 6, 8],
    ["senderHardwareAddress", ...at(arp.senderHardwareAddressOffset, arp.hardwareAddressLength)],
    ["senderProtocolAddress", ...at(arp.senderProtocolAddressOffset, arp.protocolAddressLength)],
    [
      "targetHardwareAddress",
      ...at(arp.targetHardwareAddressOffset, arp.targetHardwareAddressLength),
    ],
    [
      "targetProtocolAddress",
      ...at(arp.targetProtocolAddressOffset, arp.targetProtocolAddressLength),
    ],
  ];
  if (atm) {
    places.push(
      ["senderSubaddress", ...at(arp.senderSubaddressOffset, arp.senderSubaddressLength)],
      ["targetHardwareAddressLength", 9, 10],
      ["targetSubaddress", ...at(arp.targetSubaddressOffset, arp.targetSubaddressLength)],
      ["targetProtocolAddressLength", 11, 12],
    );
  }
  return places;
}

/**
 * The byte range of each field of a layer, keyed as the layer's `toJSON()` names the field
 * (`options.0` for an item of a list). Ethernet, ARP, IPv4 and TCP (each option too), IPv6,
 * ICMP, ICMPv6 (its target), UDP and DNS (the header's fields; the records as one range)
 * have their fields placed; other layers have none, and a field without a range stands
 * for its layer's header. Ranges stop where the captured header does.
 *
 * @param layer A decoded layer.
 * @returns The ranges by field name.
 *
 * @example The ports of a UDP header
 * ```ts
 * import { fieldRanges } from "./field_ranges.ts";
 * import { decode } from "../decode.ts";
 * import { buildEthernet, buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const [source, destination] = ["10.0.0.1", "10.0.0.2"];
 * const frame = buildEthernet({
 *   source: "02:00:00:00:00:01",
 *   destination: "02:00:00:00:00:02",
 *   etherType: 0x0800,
 *   payload: buildIpv4({
 *     source,
 *     destination,
 *     protocol: 17,
 *     payload: buildUdp({ source, destination, sourcePort: 5353, destinationPort: 53 }),
 *   }),
 * });
 * const udp = decode(1, frame).layer("udp")!;
 * assert.deepEqual(fieldRanges(udp).destinationPort, [36, 38]);
 * ```
 */
export function fieldRanges(layer: Layer): Record<string, ByteRange> {
  const ranges: Record<string, ByteRange> = {};
  const base = layer.offset;
  const end = Math.min(layer.end, base + layer.headerLength);
  switch (layer.kind) {
    case "ethernet":
      place(ranges, base, end, ETHERNET);
      break;
    case "ipv4":
      place(ranges, base, end, IPV4);
      options(ranges, layer.options, base + 20, end);
      break;
    case "ipv6":
      place(ranges, base, end, IPV6);
      break;
    case "tcp":
      place(ranges, base, end, TCP);
      options(ranges, layer.options, base + 20, end);
      break;
    case "udp":
      place(ranges, base, end, UDP);
      break;
    case "icmp":
      place(ranges, base, end, ICMP);
      if (end > base + 8) ranges.routerAddresses = [base + 8, end];
      break;
    case "icmpv6":
      place(ranges, base, end, ICMP_COMMON);
      if (end >= base + 24) ranges.target = [base + 8, base + 24];
      break;
    case "arp":
      place(ranges, base, end, arpPlaces(layer));
      break;
    case "dns": {
      const stop = Math.min(end, layer.messageEnd);
      place(ranges, layer.messageOffset, stop, DNS);
      if (stop > layer.messageOffset + 12) {
        for (const section of ["questions", "answers", "authorities", "additionals"]) {
          ranges[section] = [layer.messageOffset + 12, stop];
        }
      }
      break;
    }
    default:
      break;
  }
  return ranges;
}
