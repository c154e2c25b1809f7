/**
 * HSRP, Cisco's Hot Standby Router Protocol (RFC 2281), version 0, over UDP port 1985.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { readUint8Before } from "../_bytes.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/**
 * An HSRP message. Its fixed fields lie at fixed offsets; `captured` says how many of
 * its 20 bytes were captured (fields past it read as 0).
 *
 * @example Decode a hello from the active router of group 1
 * ```ts
 * import { decodeHsrp } from "./hsrp.ts";
 * import assert from "node:assert/strict";
 *
 * const hsrp = decodeHsrp(new Uint8Array([
 *   0, 0, 16, 3, 10, 120, 1, 0, 0x63, 0x69, 0x73, 0x63, 0x6f, 0, 0, 0, 192, 168, 0, 1,
 * ]));
 * assert.equal(hsrp.state, 16);
 * assert.equal(hsrp.group, 1);
 * assert.equal(hsrp.virtualAddress, "192.168.0.1");
 * ```
 */
export class Hsrp extends LayerBase {
  /** The discriminant. */
  readonly kind = "hsrp" as const;
  /** The version (0). */
  version = 0;
  /** The op code: 0 hello, 1 coup, 2 resign. */
  opCode = 0;
  /** The state: 0 initial, 1 learn, 2 listen, 4 speak, 8 standby, 16 active. */
  state = 0;
  /** The hello time in seconds. */
  helloTime = 0;
  /** The hold time in seconds. */
  holdTime = 0;
  /** The priority. */
  priority = 0;
  /** The standby group. */
  group = 0;
  /** The reserved byte. */
  reserved = 0;
  /** How many of the message's bytes were captured (at most 20 are read). */
  captured = 0;
  /** The message length the transport declares. */
  wireLength = 0;

  /** The 8 bytes of authentication data (a view; fewer when cut short). */
  get authentication(): Uint8Array {
    return this.data.subarray(this.offset + 8, Math.min(this.offset + 16, this.end));
  }

  /** The virtual IP address, or `undefined` when not captured. */
  get virtualAddress(): string | undefined {
    return this.captured >= 20 ? formatIpv4(this.data, this.offset + 16) : undefined;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.captured = end - offset;
    this.headerLength = Math.min(20, this.captured);
    this.version = readUint8Before(data, offset, end);
    this.opCode = readUint8Before(data, offset + 1, end);
    this.state = readUint8Before(data, offset + 2, end);
    this.helloTime = readUint8Before(data, offset + 3, end);
    this.holdTime = readUint8Before(data, offset + 4, end);
    this.priority = readUint8Before(data, offset + 5, end);
    this.group = readUint8Before(data, offset + 6, end);
    this.reserved = readUint8Before(data, offset + 7, end);
    return undefined;
  }

  /** Picks the decoder of the payload from the context's tables. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      version: this.version,
      opCode: this.opCode,
      state: this.state,
      helloTime: this.helloTime,
      holdTime: this.holdTime,
      priority: this.priority,
      group: this.group,
      virtualAddress: this.virtualAddress,
    };
  }
}

/**
 * Creates {@linkcode Hsrp} layers; the registry entry for UDP port 1985.
 *
 * @example Create an HSRP layer
 * ```ts
 * import { hsrpDecoder } from "./hsrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hsrpDecoder.create().kind, "hsrp");
 * ```
 */
export const hsrpDecoder: ProtocolDescriptor<Hsrp> = defineProtocol({
  kind: "hsrp",
  name: "HSRP",
  tcpdumpName: "hsrp",
  create: () => new Hsrp(),
  bindings: { udpPorts: [1985] },
});

/**
 * Decodes an HSRP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Decode a message cut short
 * ```ts
 * import { decodeHsrp } from "./hsrp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(decodeHsrp(new Uint8Array([0, 1, 8])).virtualAddress, undefined);
 * ```
 */
export function decodeHsrp(data: Uint8Array, offset = 0): Hsrp {
  return decodeOne(new Hsrp(), data, offset);
}
