/**
 * The fixed-layout TLVs of the Slow Protocols (private to `slow.ts`, which checks that a
 * TLV's bytes were captured before it reads one here).
 *
 * @module
 */

import { formatMac } from "../address.ts";
import { readUint16, readUint32 } from "../_bytes.ts";

/** LACP Actor or Partner Information. */
export interface LacpActorPartner {
  /** The system priority. */
  systemPriority: number;
  /** The system's MAC address. */
  system: string;
  /** The key. */
  key: number;
  /** The port priority. */
  portPriority: number;
  /** The port. */
  port: number;
  /** The state flags (Activity 0x01 to Expired 0x80). */
  state: number;
}

/** Marker Information or Marker Response Information. */
export interface MarkerInformation {
  /** The requester's port. */
  requestPort: number;
  /** The requester's system. */
  requestSystem: string;
  /** The requester's transaction ID. */
  requestTransactionId: number;
}

/** OAM Local or Remote Information. */
export interface OamInformation {
  /** The OAM version. */
  oamVersion: number;
  /** The revision of the information. */
  revision: number;
  /** The state: parser action (bits 0-1), multiplexer action (bit 2). */
  state: number;
  /** The OAM configuration flags (Active 0x01 to Variable-Retrieval 0x10). */
  oamConfig: number;
  /** The OAM PDU configuration (the largest PDU in its low 11 bits). */
  oamPduConfig: number;
  /** The organization (OUI). */
  oui: number;
  /** The vendor-specific information. */
  vendorPrivate: number;
}

/** An OAM link event (the four error events share the layout). */
export interface OamLinkEvent {
  /** The event's time stamp, in 100 ms units. */
  timeStamp: number;
  /** The window (symbols, 100 ms units, frames or 100 ms units, by the event). */
  window: bigint;
  /** The threshold. */
  threshold: bigint;
  /** The errors in the window. */
  errors: bigint;
  /** The errors since the OAM sublayer was reset. */
  errorRunningTotal: bigint;
  /** The events since the OAM sublayer was reset. */
  eventRunningTotal: number;
}

function readUint64(data: Uint8Array, at: number): bigint {
  return (BigInt(readUint32(data, at)) << 32n) | BigInt(readUint32(data, at + 4));
}

/** Reads the Actor or Partner Information TLV at `at` (20 bytes captured). */
export function readActorPartner(data: Uint8Array, at: number): LacpActorPartner {
  return {
    systemPriority: readUint16(data, at + 2),
    system: formatMac(data, at + 4),
    key: readUint16(data, at + 10),
    portPriority: readUint16(data, at + 12),
    port: readUint16(data, at + 14),
    state: data[at + 16]!,
  };
}

/** Reads the Marker Information TLV at `at` (16 bytes captured). */
export function readMarkerInformation(data: Uint8Array, at: number): MarkerInformation {
  return {
    requestPort: readUint16(data, at + 2),
    requestSystem: formatMac(data, at + 4),
    requestTransactionId: readUint32(data, at + 10),
  };
}

/** Reads the OAM Local or Remote Information TLV at `at` (16 bytes captured). */
export function readOamInformation(data: Uint8Array, at: number): OamInformation {
  return {
    oamVersion: data[at + 2]!,
    revision: readUint16(data, at + 3),
    state: data[at + 5]!,
    oamConfig: data[at + 6]!,
    oamPduConfig: readUint16(data, at + 7),
    oui: (data[at + 9]! << 16) | readUint16(data, at + 10),
    vendorPrivate: readUint32(data, at + 12),
  };
}

/** Reads the OAM link event TLV at `at` (40 bytes captured). */
export function readLinkEvent(data: Uint8Array, at: number): OamLinkEvent {
  return {
    timeStamp: readUint16(data, at + 2),
    window: readUint64(data, at + 4),
    threshold: readUint64(data, at + 12),
    errors: readUint64(data, at + 20),
    errorRunningTotal: readUint64(data, at + 28),
    eventRunningTotal: readUint32(data, at + 36),
  };
}
