/**
 * Building Ethernet II frames, with optional 802.1Q (and stacked 802.1ad) tags.
 *
 * @module
 */

import { type AddressInput, macBytes, unsigned } from "./_bytes.ts";

/** The shortest Ethernet frame without its FCS (60 bytes); shorter frames are zero-padded. */
export const MIN_ETHERNET_FRAME = 60;

/** One 802.1Q tag. */
export interface VlanTagSpec {
  /** The VLAN identifier, 0 to 4095. */
  id: number;
  /** The priority code point, 0 to 7 (default 0). */
  priority?: number;
  /** The drop eligible indicator (default `false`). */
  dropEligible?: boolean;
  /** The tag protocol identifier (default `0x8100`; `0x88a8` for an 802.1ad outer tag). */
  tpid?: number;
}

/** What {@linkcode buildEthernet} builds. */
export interface EthernetSpec {
  /** The destination MAC address. */
  destination: AddressInput;
  /** The source MAC address. */
  source: AddressInput;
  /** The EtherType of the payload, such as `0x0800` (IPv4) or `0x0806` (ARP). */
  etherType: number;
  /** 802.1Q tags, outermost first. */
  vlan?: VlanTagSpec | readonly VlanTagSpec[];
  /** The payload. */
  payload?: Uint8Array;
  /** Zero-pad the frame to 60 bytes (default `true`). */
  pad?: boolean;
}

/**
 * Builds an Ethernet II frame (without FCS), with its 802.1Q tags, padded to 60 bytes.
 *
 * @param spec The addresses, EtherType, tags and payload.
 * @returns The frame.
 * @throws {RangeError} When a field is out of range.
 * @throws {SyntaxError} When an address does not parse.
 *
 * @example A tagged frame
 * ```ts
 * import { buildEthernet } from "./ethernet.ts";
 * import { decode } from "../decode.ts";
 * import assert from "node:assert/strict";
 *
 * const frame = buildEthernet({
 *   destination: "ff:ff:ff:ff:ff:ff",
 *   source: "02:00:00:00:00:01",
 *   etherType: 0x88b5,
 *   vlan: { id: 42, priority: 5 },
 * });
 * assert.equal(frame.length, 60);
 * assert.equal(decode(1, frame).layer("vlan")?.vlanId, 42);
 * ```
 */
export function buildEthernet(spec: EthernetSpec): Uint8Array<ArrayBuffer> {
  const tags = spec.vlan === undefined ? [] : Array.isArray(spec.vlan) ? spec.vlan : [spec.vlan];
  const payload = spec.payload ?? new Uint8Array(0);
  const headerLength = 14 + 4 * tags.length;
  const length = Math.max(
    headerLength + payload.length,
    spec.pad === false ? 0 : MIN_ETHERNET_FRAME,
  );
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  bytes.set(macBytes(spec.destination, "Ethernet destination"), 0);
  bytes.set(macBytes(spec.source, "Ethernet source"), 6);
  let offset = 12;
  for (const tag of tags as readonly VlanTagSpec[]) {
    view.setUint16(offset, unsigned(tag.tpid ?? 0x8100, 16, "802.1Q TPID"));
    const tci = (unsigned(tag.priority ?? 0, 3, "802.1Q priority") << 13) |
      ((tag.dropEligible ?? false) ? 0x1000 : 0) | unsigned(tag.id, 12, "802.1Q VLAN id");
    view.setUint16(offset + 2, tci);
    offset += 4;
  }
  view.setUint16(offset, unsigned(spec.etherType, 16, "EtherType"));
  bytes.set(payload, headerLength);
  return bytes;
}
