/**
 * Cisco's Interior Gateway Routing Protocol (IGRP), IP protocol 9: the 12-byte header
 * (version and opcode, edition, autonomous system, the counts of interior, system and
 * exterior routes, checksum) and the 14-byte route entries after it, each with its three
 * network bytes, delay, bandwidth, MTU, reliability, load and hop count.
 *
 * @module
 */

import { readUint16, readUint8Before } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { DecodeError } from "../errors.ts";
import { wireLength } from "../app/_wire_length.ts";
import { IpProtocol } from "../ip_protocol.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** IGRP opcodes. */
export const IgrpOpcode = {
  UPDATE: 1,
  REQUEST: 2,
} as const;

/** The size of an IGRP header. */
const HEADER_SIZE = 12;
/** The size of an IGRP route entry. */
const ENTRY_SIZE = 14;

/** Which of the header's three counts a route entry falls in, by its place in the list. */
export type IgrpRouteClass = "interior" | "system" | "exterior";

/** One route entry of an IGRP update. */
export interface IgrpRoute {
  /** Offset of the entry in `data`. */
  readonly offset: number;
  /** Interior (a subnet of the sender's network), system or exterior route. */
  readonly routeClass: IgrpRouteClass;
  /** The three significant bytes of the network number. */
  readonly network: readonly [number, number, number];
  /**
   * Whether the entry's metric fields (its bytes 3 to 13) were captured: when not, the
   * metric fields below are 0.
   */
  readonly metricCaptured: boolean;
  /** The delay, in tens of microseconds (24 bits). */
  readonly delay: number;
  /** The bandwidth field (24 bits): 10^7 divided by the bandwidth in kbit/s. */
  readonly bandwidth: number;
  /** The MTU in bytes. */
  readonly mtu: number;
  /** The reliability (255 is 100%). */
  readonly reliability: number;
  /** The load (255 is 100%). */
  readonly load: number;
  /** The hop count. */
  readonly hopCount: number;
  /** The composite metric of tcpdump: delay plus bandwidth, at most 0xffffff. */
  readonly metric: number;
}

/** The route entries of an IGRP packet and how their walk ended. */
export interface IgrpRoutes {
  /** The entries the header's counts announce, in order, as far as the packet holds them. */
  readonly routes: readonly IgrpRoute[];
  /**
   * Whether the walk stopped at bytes that were not captured (the last route's metric, or
   * the network bytes of the entry after the last route).
   */
  readonly truncated: boolean;
  /** Bytes left after the counted entries when a whole entry more fits (else 0). */
  readonly extraBytes: number;
  /** The counts exceed the entries, or bytes that are no whole entry are left. */
  readonly invalid: boolean;
}

/**
 * An IGRP packet. The header's fields are read where captured (0 past the capture: a
 * header cut short, even an empty one, is kept as a partial layer); `captured` says how
 * far and `wireLength` how long the packet is.
 *
 * @example Decode an update with one interior route
 * ```ts
 * import { decodeIgrp } from "./igrp.ts";
 * import assert from "node:assert/strict";
 *
 * const igrp = decodeIgrp(new Uint8Array([
 *   0x11, 3, 0, 100, 0, 1, 0, 0, 0, 0, 0x12, 0x34,
 *   10, 1, 2, 0, 0, 100, 0, 0, 10, 5, 0xdc, 255, 1, 2,
 * ]));
 * assert.equal(igrp.opcode, 1);
 * assert.equal(igrp.autonomousSystem, 100);
 * const { routes, invalid } = igrp.routes();
 * assert.deepEqual(routes[0]!.network, [10, 1, 2]);
 * assert.equal(routes[0]!.mtu, 1500);
 * assert.equal(invalid, false);
 * ```
 */
export class Igrp extends LayerBase {
  /** The discriminant. */
  readonly kind = "igrp" as const;
  /** The version (the first byte's high 4 bits). */
  version = 0;
  /** The opcode (the first byte's low 4 bits: {@linkcode IgrpOpcode}). */
  opcode = 0;
  /** The edition number. */
  edition = 0;
  /** The autonomous system number. */
  autonomousSystem = 0;
  /** How many interior routes (subnets of the local network) follow. */
  interiorCount = 0;
  /** How many system routes (networks in the autonomous system) follow. */
  systemCount = 0;
  /** How many exterior routes (networks outside the autonomous system) follow. */
  exteriorCount = 0;
  /** The checksum field. */
  checksum = 0;
  /** How many of the packet's bytes were captured. */
  captured = 0;
  /** The packet's length on the wire (the IP payload's). */
  wireLength = 0;

  /**
   * The route entries, read as tcpdump's igrp_print() walks them: whole 14-byte entries
   * within the packet's length, taken as interior, then system, then exterior routes as
   * the header counts them.
   *
   * @returns The entries and how the walk ended.
   */
  routes(): IgrpRoutes {
    const d = this.data;
    const routes: IgrpRoute[] = [];
    const counts = [this.interiorCount, this.systemCount, this.exteriorCount];
    let at = this.offset + HEADER_SIZE;
    let left = Math.max(0, this.wireLength - HEADER_SIZE);
    while (left >= ENTRY_SIZE) {
      // The network bytes are read before the counts are looked at.
      if (at + 3 > this.end) return { routes, truncated: true, extraBytes: 0, invalid: false };
      const index = counts.findIndex((count) => count > 0);
      if (index < 0) return { routes, truncated: false, extraBytes: left, invalid: true };
      counts[index]!--;
      const metricCaptured = at + ENTRY_SIZE <= this.end;
      const read = (from: number, size: number): number => {
        if (!metricCaptured) return 0;
        let value = 0;
        for (let i = 0; i < size; i++) value = value * 256 + d[at + from + i]!;
        return value;
      };
      const delay = read(3, 3);
      const bandwidth = read(6, 3);
      routes.push({
        offset: at,
        routeClass: ROUTE_CLASSES[index]!,
        network: [d[at]!, d[at + 1]!, d[at + 2]!],
        metricCaptured,
        delay,
        bandwidth,
        mtu: read(9, 2),
        reliability: read(11, 1),
        load: read(12, 1),
        hopCount: read(13, 1),
        metric: Math.min(delay + bandwidth, 0xffffff),
      });
      if (!metricCaptured) return { routes, truncated: true, extraBytes: 0, invalid: false };
      at += ENTRY_SIZE;
      left -= ENTRY_SIZE;
    }
    const invalid = counts.some((count) => count > 0) || left !== 0;
    return { routes, truncated: false, extraBytes: 0, invalid };
  }

  /** Decodes the packet at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = Math.max(0, end - offset);
    this.data = data;
    this.offset = offset;
    this.end = end;
    this.headerLength = Math.min(HEADER_SIZE, available);
    this.captured = available;
    this.wireLength = wireLength(context, offset, available);
    const first = readUint8Before(data, offset, end);
    this.version = first >> 4;
    this.opcode = first & 0x0f;
    this.edition = readUint8Before(data, offset + 1, end);
    this.autonomousSystem = available < 4 ? 0 : readUint16(data, offset + 2);
    this.interiorCount = available < 6 ? 0 : readUint16(data, offset + 4);
    this.systemCount = available < 8 ? 0 : readUint16(data, offset + 6);
    this.exteriorCount = available < 10 ? 0 : readUint16(data, offset + 8);
    this.checksum = available < 12 ? 0 : readUint16(data, offset + 10);
    if (available < HEADER_SIZE) {
      return DecodeError.truncated(this.kind, offset, HEADER_SIZE, available, true);
    }
    return undefined;
  }

  /** IGRP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields and the route entries as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      opcode: this.opcode,
      edition: this.edition,
      autonomousSystem: this.autonomousSystem,
      interiorCount: this.interiorCount,
      systemCount: this.systemCount,
      exteriorCount: this.exteriorCount,
      checksum: this.checksum,
      routes: this.captured < HEADER_SIZE
        ? []
        : this.routes().routes.map(({ offset: _offset, ...fields }) => fields),
    };
  }
}

const ROUTE_CLASSES: readonly IgrpRouteClass[] = ["interior", "system", "exterior"];

/**
 * Creates {@linkcode Igrp} layers; the registry entry for IP protocol 9.
 *
 * @example Create an IGRP layer
 * ```ts
 * import { igrpDecoder } from "./igrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(igrpDecoder.create().kind, "igrp");
 * ```
 */
export const igrpDecoder: ProtocolDescriptor<Igrp> = defineProtocol({
  kind: "igrp",
  name: "IGRP",
  tcpdumpName: "igrp",
  create: () => new Igrp(),
  bindings: { ipProtocols: [IpProtocol.IGRP] },
});

/**
 * Decodes an IGRP packet.
 *
 * @param data The bytes.
 * @param offset Where the packet starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than 12 bytes are there.
 *
 * @example Reject a cut-off header
 * ```ts
 * import { decodeIgrp } from "./igrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeIgrp(new Uint8Array([0x11, 1])), {
 *   message: "Cannot decode IGRP header: 12 bytes required, received 2",
 * });
 * ```
 */
export function decodeIgrp(data: Uint8Array, offset = 0): Igrp {
  return decodeOne(new Igrp(), data, offset);
}
