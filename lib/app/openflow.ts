/**
 * OpenFlow (TCP ports 6653 and 6633): a segment of messages, each an 8-byte header
 * (version, type, length, transaction ID) and a body. The decoder walks the messages as
 * tcpdump's openflow_print() does, a segment presumed to start on a message boundary, and
 * reads by tables of fields the bodies of the OpenFlow 1.3 and 1.0 messages that tcpdump
 * decodes: for 1.0 also the lists inside them (FLOW_MOD's and PACKET_OUT's actions, a
 * FEATURES_REPLY's ports, STATS records, a QUEUE_GET_CONFIG_REPLY's queues and their
 * properties) and Big Switch Networks' vendor messages and actions.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { readUint16, readUint32, readUintN } from "../_bytes.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import {
  ACTIONS_1_0,
  BODIES_1_0,
  DATA_AT_1_0,
  FEATURES_FIXED,
  type FieldSpec,
  FLOW_MOD_FIXED,
  type OpenFlowFieldKind,
  PACKET_OUT,
  PACKET_OUT_FIXED,
  PHY_PORT,
  PHY_PORT_LENGTH,
} from "./_openflow10.ts";
import { BSN_ACTIONS, BSN_MESSAGES } from "./_openflow10_bsn.ts";
import { BODIES_1_3, byVersion, DATA_AT_1_3, validLength } from "./_openflow_tables.ts";
import {
  FLOW_STATS_FIXED,
  QUEUE,
  QUEUE_PROPERTY,
  type RecordSpec,
  STATS_REPLIES,
  STATS_REQUESTS,
  walkRecords,
} from "./_openflow10_stats.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";

/** The size of the header common to every OpenFlow message. */
export const OPENFLOW_HEADER_LENGTH = 8;

/** One message's header as a segment holds it. */
export interface OpenFlowMessage {
  /** Where the message starts. */
  readonly offset: number;
  /** The header's bytes that the TCP payload holds: 8, fewer at its end. */
  readonly headerLength: number;
  /** The header's fields; `undefined` where the payload ended or the capture cut it. */
  readonly version: number | undefined;
  /** The message type. */
  readonly type: number | undefined;
  /** The message length, header included. */
  readonly length: number | undefined;
  /** The transaction ID. */
  readonly xid: number | undefined;
  /**
   * Whether the body's length is one the message type allows (tcpdump's fixed and
   * minimal lengths); `true` for types without a rule and for unknown versions.
   */
  readonly lengthValid: boolean;
}

export type { OpenFlowFieldKind } from "./_openflow10.ts";
export { openFlowTypeCount, OpenFlowVersion } from "./_openflow_tables.ts";

/** One field of a message body. */
export interface OpenFlowField {
  /** The field's name (`dpid`, `port_no`...; `pad` for bytes tcpdump only checks). */
  readonly name: string;
  /** Where the field starts. */
  readonly offset: number;
  /** Its size in bytes. */
  readonly size: number;
  /** How it is encoded. */
  readonly kind: OpenFlowFieldKind;
  /** Whether the capture holds all its bytes. */
  readonly captured: boolean;
  /** A number's value (a bigint for 8 bytes); 0 when not captured or not a number. */
  readonly value: number | bigint;
}

/** An action of an OpenFlow 1.0 FLOW_MOD, as tcpdump's walk meets it. */
export interface OpenFlowAction {
  /** Where the action starts. */
  readonly offset: number;
  /** The bytes of the action list left from here. */
  readonly left: number;
  /** The action type; `undefined` under 8 bytes left (invalid) or not captured. */
  readonly type: number | undefined;
  /** The action length, its header included; `undefined` when not captured. */
  readonly length: number | undefined;
}

/**
 * A record of an OpenFlow 1.0 list: a STATS_REQUEST's or STATS_REPLY's body (a flow, a
 * table, a port...), a queue of a QUEUE_GET_CONFIG_REPLY or one of its properties.
 */
export interface OpenFlowRecord {
  /** Where the record starts. */
  readonly offset: number;
  /** The bytes of the list left from here. */
  readonly left: number;
  /** The record's length; `undefined` under the minimum or where the capture cut it. */
  readonly length: number | undefined;
  /** Whether the bytes left or the record's length break the layout (tcpdump's invalid). */
  readonly invalid: boolean;
  /** Its fields, each with whether the capture holds it (none under the minimum). */
  readonly fields: OpenFlowField[];
}

/** A Big Switch Networks message or action of OpenFlow 1.0, after the vendor ID. */
export interface OpenFlowBsn {
  /** The subtype; `undefined` under 4 bytes (invalid) or where the capture cut it. */
  readonly subtype: number | undefined;
  /**
   * The fields after the subtype (one record of the subtype's layout), for the subtypes
   * tcpdump decodes.
   */
  readonly record: OpenFlowRecord | undefined;
}

/** An element of an OpenFlow 1.3 HELLO, as tcpdump's walk meets it. */
export interface OpenFlowHelloElement {
  /** Where the element starts. */
  readonly offset: number;
  /** The element type; `undefined` when the message has under 4 bytes left (invalid). */
  readonly type: number | undefined;
  /** The element length, its 4-byte header included. */
  readonly length: number;
  /** Whether the length is under 4 or past the message's end (invalid). */
  readonly invalid: boolean;
  /** Whether the capture holds the element's header. */
  readonly captured: boolean;
  /** A version bitmap element's single bitmap, when its length is 8 and it was captured. */
  readonly bitmap?: number;
}

/**
 * An OpenFlow segment: {@linkcode OpenFlow.messages} lists its messages' headers, and
 * {@linkcode OpenFlow.fields}, {@linkcode OpenFlow.helloElements} and
 * {@linkcode OpenFlow.dataAt} read a message's body.
 *
 * @example Read an ECHO_REQUEST's header
 * ```ts
 * import { decodeOpenFlow } from "./openflow.ts";
 * import assert from "node:assert/strict";
 *
 * const of = decodeOpenFlow(new Uint8Array([4, 2, 0, 8, 0, 0, 0, 0x2a]));
 * const [echo] = of.messages;
 * assert.equal(echo!.type, 2);
 * assert.equal(echo!.xid, 42);
 * ```
 */
export class OpenFlow extends LayerBase {
  /** The discriminant. */
  readonly kind = "openflow" as const;
  /** The OpenFlow bytes the transport declares (all messages of the segment). */
  wireLength = 0;
  #messages: OpenFlowMessage[] | undefined = undefined;

  /**
   * The messages of the segment, as tcpdump walks them: the walk stops after a header the
   * payload or the capture cuts, a length under 8, or a message that runs past the
   * payload's end.
   */
  get messages(): OpenFlowMessage[] {
    if (this.#messages !== undefined) return this.#messages;
    const out: OpenFlowMessage[] = [];
    let at = this.offset;
    let left = this.wireLength;
    while (left > 0) {
      const headerLength = Math.min(OPENFLOW_HEADER_LENGTH, left);
      const number = (from: number, size: 1 | 2 | 4) =>
        from + size <= headerLength && at + from + size <= this.end
          ? readUintN(this.data, at + from, size)
          : undefined;
      const version = number(0, 1);
      const type = number(1, 1);
      const length = number(2, 2);
      const xid = number(4, 4);
      const lengthValid = version === undefined || type === undefined || length === undefined ||
        validLength(version, type, length - OPENFLOW_HEADER_LENGTH);
      out.push({ offset: at, headerLength, version, type, length, xid, lengthValid });
      if (xid === undefined || length! < OPENFLOW_HEADER_LENGTH) break;
      if (length! - OPENFLOW_HEADER_LENGTH > left - OPENFLOW_HEADER_LENGTH) break;
      at += length!;
      left -= length!;
    }
    this.#messages = out;
    return out;
  }

  /**
   * The fixed fields of a message's body, for the types whose body tcpdump decodes (none
   * for the others).
   *
   * @param message A message of {@linkcode OpenFlow.messages}.
   * @returns The fields in order, each with whether the capture holds it.
   */
  fields(message: OpenFlowMessage): OpenFlowField[] {
    const specs = byVersion(message, BODIES_1_3, BODIES_1_0);
    return specs === undefined ? [] : this.#read(message.offset + OPENFLOW_HEADER_LENGTH, specs);
  }

  /**
   * The actions of an OpenFlow 1.0 FLOW_MOD (after its fixed fields) or PACKET_OUT (its
   * `actions_len` bytes after 8), walked as tcpdump walks them: the walk ends at an action
   * whose length is under 8 or past the list's end, or whose header the capture does not
   * hold.
   *
   * @param message A FLOW_MOD or PACKET_OUT of {@linkcode OpenFlow.messages}.
   * @returns The actions.
   */
  actions(message: OpenFlowMessage): OpenFlowAction[] {
    const body = message.offset + OPENFLOW_HEADER_LENGTH;
    const packetOut = message.type === PACKET_OUT;
    const at = body + (packetOut ? PACKET_OUT_FIXED : FLOW_MOD_FIXED);
    return this.#actions(
      at,
      packetOut
        ? (at <= this.end ? readUint16(this.data, body + 6) : 0)
        : (message.length ?? 0) - OPENFLOW_HEADER_LENGTH - FLOW_MOD_FIXED,
    );
  }

  /**
   * The actions of a flow statistics record (after its first 88 bytes).
   *
   * @param record A valid record of {@linkcode OpenFlow.stats} for flows.
   * @returns The actions, walked as {@linkcode OpenFlow.actions} walks them.
   */
  flowActions(record: OpenFlowRecord): OpenFlowAction[] {
    return this.#actions(record.offset + FLOW_STATS_FIXED, (record.length ?? 0) - FLOW_STATS_FIXED);
  }

  /** The actions of the `left` bytes at `at`. */
  #actions(at: number, left: number): OpenFlowAction[] {
    const out: OpenFlowAction[] = [];
    while (left > 0) {
      const type = left >= 8 && at + 2 <= this.end ? readUint16(this.data, at) : undefined;
      const length = type !== undefined && at + 4 <= this.end
        ? readUint16(this.data, at + 2)
        : undefined;
      out.push({ offset: at, left, type, length });
      if (length === undefined || length < 8 || length > left) break;
      at += length;
      left -= length;
    }
    return out;
  }

  /**
   * The fields of an OpenFlow 1.0 action after its header, and whether its length is the
   * one its type needs (VENDOR: a multiple of 8). Unknown types have neither.
   *
   * @param action An action of {@linkcode OpenFlow.actions}.
   * @returns The fields, or `undefined` for a type without fields.
   */
  actionFields(
    action: OpenFlowAction,
  ): { fields: OpenFlowField[]; lengthValid: boolean } | undefined {
    const entry = action.type === undefined ? undefined : ACTIONS_1_0.get(action.type);
    if (entry === undefined || action.length === undefined) return undefined;
    const [length, specs] = entry;
    const lengthValid = length === 0 ? action.length % 8 === 0 : action.length === length;
    return { fields: this.#read(action.offset, specs), lengthValid };
  }

  /**
   * The ports of an OpenFlow 1.0 FEATURES_REPLY: where each 48-byte description starts,
   * and the bytes left after the last (under 48; tcpdump calls them invalid).
   *
   * @param message A FEATURES_REPLY of {@linkcode OpenFlow.messages}.
   * @returns The ports' offsets and the bytes left.
   */
  ports(message: OpenFlowMessage): { offsets: number[]; rest: number } {
    const offsets: number[] = [];
    let at = message.offset + OPENFLOW_HEADER_LENGTH + FEATURES_FIXED;
    let left = (message.length ?? 0) - OPENFLOW_HEADER_LENGTH - FEATURES_FIXED;
    for (; left >= PHY_PORT_LENGTH; left -= PHY_PORT_LENGTH, at += PHY_PORT_LENGTH) {
      offsets.push(at);
    }
    return { offsets, rest: Math.max(0, left) };
  }

  /**
   * The fields of an OpenFlow 1.0 port description.
   *
   * @param at Where it starts (an offset of {@linkcode OpenFlow.ports}).
   * @returns Its fields, each with whether the capture holds it.
   */
  phyPort(at: number): OpenFlowField[] {
    return this.#read(at, PHY_PORT);
  }

  /**
   * The body of an OpenFlow 1.0 STATS_REQUEST or STATS_REPLY after its type and flags, as
   * tcpdump walks it: one record for the descriptions, the aggregate, the requests and the
   * vendor's (its `vendor` field, the data after it), a list of flows, tables, ports or
   * queues for the other replies.
   *
   * @param message A STATS_REQUEST or STATS_REPLY of {@linkcode OpenFlow.messages}.
   * @returns The records; none for an unknown statistics type or one the capture cut.
   */
  stats(message: OpenFlowMessage): OpenFlowRecord[] {
    const body = message.offset + OPENFLOW_HEADER_LENGTH;
    if (body + 2 > this.end) return [];
    const table = message.type === 16 ? STATS_REQUESTS : STATS_REPLIES;
    const spec = table.get(readUint16(this.data, body));
    if (spec === undefined) return [];
    return this.#records(body + 4, (message.length ?? 0) - OPENFLOW_HEADER_LENGTH - 4, spec);
  }

  /**
   * The queues of an OpenFlow 1.0 QUEUE_GET_CONFIG_REPLY (after its port and pad).
   *
   * @param message A QUEUE_GET_CONFIG_REPLY of {@linkcode OpenFlow.messages}.
   * @returns The queues, walked as tcpdump walks them.
   */
  queues(message: OpenFlowMessage): OpenFlowRecord[] {
    const skip = OPENFLOW_HEADER_LENGTH + 8;
    return this.#records(message.offset + skip, (message.length ?? 0) - skip, QUEUE);
  }

  /**
   * The properties of a queue (after its 8 bytes).
   *
   * @param queue A valid queue of {@linkcode OpenFlow.queues}.
   * @returns The properties, walked as tcpdump walks them.
   */
  queueProperties(queue: OpenFlowRecord): OpenFlowRecord[] {
    return this.#records(queue.offset + 8, (queue.length ?? 0) - 8, QUEUE_PROPERTY);
  }

  /**
   * A Big Switch Networks vendor message or action (of OpenFlow 1.0).
   *
   * @param at Where it starts, after the vendor ID.
   * @param left Its length.
   * @param action Whether it is an action's rather than a message's.
   * @returns Its subtype and fields.
   */
  bsn(at: number, left: number, action: boolean): OpenFlowBsn {
    if (left < 4 || at + 4 > this.end) return { subtype: undefined, record: undefined };
    const subtype = readUint32(this.data, at);
    const spec = (action ? BSN_ACTIONS : BSN_MESSAGES).get(subtype);
    return { subtype, record: spec && this.#records(at + 4, left - 4, spec)[0] };
  }

  /** The records of the list of `left` bytes at `at`. */
  #records(at: number, left: number, spec: RecordSpec): OpenFlowRecord[] {
    return walkRecords(
      this.data,
      this.end,
      at,
      left,
      spec,
      (base, specs) => this.#read(base, specs),
    );
  }

  /** Reads `specs` from `base`, each with whether the capture holds it. */
  #read(base: number, specs: readonly FieldSpec[]): OpenFlowField[] {
    return specs.map(([name, at, kind, size]) => {
      const offset = base + at;
      const bytes = typeof kind === "number" ? kind : size!;
      const captured = offset + bytes <= this.end;
      const value = !captured || typeof kind !== "number"
        ? 0
        : kind === 8
        ? (BigInt(readUint32(this.data, offset)) << 32n) |
          BigInt(readUint32(this.data, offset + 4))
        : readUintN(this.data, offset, kind);
      return { name, offset, size: bytes, kind, captured, value };
    });
  }

  /**
   * Where a message's data (after the body's fixed fields) starts, for the types that
   * carry data: 1.3's ERROR, ECHO and EXPERIMENTER, 1.0's HELLO and ECHO.
   *
   * @param message A message of {@linkcode OpenFlow.messages}.
   * @returns The data's offset, or `undefined` for the other types.
   */
  dataAt(message: OpenFlowMessage): number | undefined {
    const at = byVersion(message, DATA_AT_1_3, DATA_AT_1_0);
    return at === undefined ? undefined : message.offset + OPENFLOW_HEADER_LENGTH + at;
  }

  /**
   * The elements of an OpenFlow 1.3 HELLO, walked as tcpdump walks them: the walk ends
   * with an invalid element, or one whose header the capture does not hold.
   *
   * @param message A HELLO of {@linkcode OpenFlow.messages}.
   * @returns The elements.
   */
  helloElements(message: OpenFlowMessage): OpenFlowHelloElement[] {
    const out: OpenFlowHelloElement[] = [];
    let at = message.offset + OPENFLOW_HEADER_LENGTH;
    let left = (message.length ?? 0) - OPENFLOW_HEADER_LENGTH;
    while (left > 0) {
      if (left < 4) {
        out.push({ offset: at, type: undefined, length: 0, invalid: true, captured: true });
        break;
      }
      if (at + 4 > this.end) {
        const type = at + 2 <= this.end ? readUint16(this.data, at) : undefined;
        out.push({ offset: at, type, length: 0, invalid: false, captured: false });
        break;
      }
      const type = readUint16(this.data, at);
      const length = readUint16(this.data, at + 2);
      const invalid = length < 4 || length > left;
      const element = { offset: at, type, length, invalid, captured: true };
      out.push(
        !invalid && type === 1 && length === 8 && at + 8 <= this.end
          ? { ...element, bitmap: readUint32(this.data, at + 4) }
          : element,
      );
      if (invalid) break;
      at += length;
      left -= length;
    }
    return out;
  }

  /** Decodes the segment at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const error = beginMessage(this, data, offset, end, context);
    if (error !== undefined) return error;
    this.headerLength = Math.min(OPENFLOW_HEADER_LENGTH, end - offset);
    this.#messages = undefined;
    return undefined;
  }

  /** OpenFlow carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the messages' headers as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      messages: this.messages.map((m) => ({
        version: m.version,
        type: m.type,
        length: m.length,
        xid: m.xid,
      })),
    };
  }
}

/**
 * Creates {@linkcode OpenFlow} layers; bound to TCP ports 6633 and 6653.
 *
 * @example Create an OpenFlow layer
 * ```ts
 * import { openFlowDecoder } from "./openflow.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(openFlowDecoder.create().kind, "openflow");
 * ```
 */
export const openFlowDecoder: ProtocolDescriptor<OpenFlow> = defineProtocol({
  kind: "openflow",
  name: "OpenFlow",
  tcpdumpName: "openflow",
  create: () => new OpenFlow(),
  bindings: { tcpPorts: [6633, 6653] },
});

/**
 * Decodes an OpenFlow segment.
 *
 * @param data The bytes.
 * @param offset Where the segment starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Reject an empty segment
 * ```ts
 * import { decodeOpenFlow } from "./openflow.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeOpenFlow(new Uint8Array(0)), {
 *   message: "Cannot decode OpenFlow header: 1 bytes required, received 0",
 * });
 * ```
 */
export function decodeOpenFlow(data: Uint8Array, offset = 0): OpenFlow {
  return decodeOne(new OpenFlow(), data, offset);
}
