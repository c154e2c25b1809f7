/**
 * SNMP (RFC 1157, 3416, 3412, 3414) over UDP: versions 1, 2c and 3, read with a small BER
 * reader into the sequence of fields that tcpdump's snmp_print() walks, each with its
 * element or the problem met there.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import { decodeOne } from "../_decode_one.ts";
import { beginMessage } from "./_wire_length.ts";
import { type BerElement, berOid, readBer } from "./_ber.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { latin1 } from "../_bytes.ts";

export type { BerElement, BerType } from "./_ber.ts";

/** What a field of an SNMP message is. */
export type SnmpRole =
  | "message"
  | "version"
  | "community"
  | "pdu"
  | "requestId"
  | "errorStatus"
  | "errorIndex"
  | "varbinds"
  | "varbind"
  | "name"
  | "value"
  | "enterprise"
  | "agentAddress"
  | "genericTrap"
  | "specificTrap"
  | "timestamp"
  | "pduEnd"
  | "end"
  | "header"
  | "messageId"
  | "maxSize"
  | "flags"
  | "securityModel"
  | "headerEnd"
  | "securityParameters"
  | "usm"
  | "engineId"
  | "engineBoots"
  | "engineTime"
  | "userName"
  | "authParameters"
  | "privacyParameters"
  | "usmEnd"
  | "scopedPdu"
  | "contextEngineId"
  | "contextName"
  | "scopedPduEnd"
  | "extra";

/**
 * One field, in the order the message is read. `element` is set when it was read;
 * `mismatch` when it is not of the type the field needs (the walk stops there); `problem`
 * when it could not be read (tcpdump's words: `[len5<asnlen10]`); `cut` when the capture
 * ends inside it (`"header"`: nothing more is read; `"value"`: the enclosing structures
 * still close). `extra` fields count the bytes left after an element (`count`).
 */
export interface SnmpField {
  /** What the field is. */
  readonly role: SnmpRole;
  /** The element read. */
  readonly element?: BerElement;
  /** The element is not of the type the field needs. */
  readonly mismatch?: boolean;
  /** Why the element could not be read. */
  readonly problem?: string;
  /** Where the capture ended, when it ended inside the element. */
  readonly cut?: "header" | "value";
  /** For `extra`: the bytes left over. */
  readonly count?: number;
  /** For `extra`: after what (`iSEQ`, `PDU`...). */
  readonly after?: string;
}

/** The capture ended inside an element's tag or length: nothing more is read. */
const STOP = Symbol("stop");

const READ_CLASS = new Set([0, 1, 5]);

/** Reads the fields of one message, following tcpdump's snmp_print(). */
class Walk {
  readonly fields: SnmpField[] = [];
  readonly data: Uint8Array;
  readonly captured: number;

  constructor(data: Uint8Array, captured: number) {
    this.data = data;
    this.captured = captured;
  }

  /** Reads an element for `role`: `undefined` (with the problem recorded) when it fails. */
  read(role: SnmpRole, at: number, length: number): BerElement | undefined {
    const result = readBer(this.data, at, length, this.captured);
    if (result.element !== undefined) return result.element;
    if (result.problem !== undefined) this.fields.push({ role, problem: result.problem });
    else this.fields.push({ role, cut: result.cut });
    if (result.cut === "header") throw STOP;
    return undefined;
  }

  /** Reads an element that must be of `type`: records it, or the mismatch. */
  expect(role: SnmpRole, at: number, length: number, ...types: string[]): BerElement | undefined {
    const element = this.read(role, at, length);
    if (element === undefined) return undefined;
    const mismatch = !types.includes(element.type);
    this.fields.push(mismatch ? { role, element, mismatch } : { role, element });
    return mismatch ? undefined : element;
  }

  message(at: number, length: number): void {
    const sequence = this.expect("message", at, length, "sequence");
    if (sequence === undefined) return;
    if (sequence.size < length) {
      this.fields.push({ role: "extra", count: length - sequence.size, after: "iSEQ" });
    }
    at = sequence.valueOffset;
    length = sequence.length;
    const version = this.expect("version", at, length, "integer");
    if (version === undefined) return;
    const v = version.integer;
    if (v !== 0 && v !== 1 && v !== 3) return;
    at += version.size;
    length -= version.size;
    if (v === 3) this.v3(at, length);
    else this.community(at, length, v);
    this.fields.push({ role: "end" });
  }

  community(at: number, length: number, version: number): void {
    const community = this.expect("community", at, length, "string");
    if (community === undefined) return;
    this.pdu(at + community.size, length - community.size, version);
  }

  pdu(at: number, length: number, version: number): void {
    const pdu = this.read("pdu", at, length);
    if (pdu === undefined) return;
    if (pdu.type !== "pdu") {
      this.fields.push({ role: "pdu", element: pdu, mismatch: true });
      return;
    }
    if (pdu.size < length) {
      this.fields.push({ role: "extra", count: length - pdu.size, after: "PDU" });
    }
    this.fields.push({ role: "pdu", element: pdu });
    const id = pdu.tag;
    if (version === 0 && (id === 5 || id === 6 || id === 7 || id === 8)) return;
    if (version === 1 && id === 4) return;
    if (id === 4) this.trap(pdu.valueOffset, pdu.length);
    else this.request(id, pdu.valueOffset, pdu.length);
    this.fields.push({ role: "pduEnd" });
  }

  request(id: number, at: number, length: number): void {
    for (const role of ["requestId", "errorStatus", "errorIndex"] as const) {
      const element = this.expect(role, at, length, "integer");
      if (element === undefined) return;
      at += element.size;
      length -= element.size;
    }
    this.varbinds(id, at, length);
  }

  trap(at: number, length: number): void {
    const roles = [
      "enterprise",
      "agentAddress",
      "genericTrap",
      "specificTrap",
      "timestamp",
    ] as const;
    const types = ["oid", "ipAddress", "integer", "integer", "unsigned"];
    for (let i = 0; i < roles.length; i++) {
      const element = this.expect(roles[i]!, at, length, types[i]!);
      if (element === undefined) return;
      at += element.size;
      length -= element.size;
    }
    this.varbinds(4, at, length);
  }

  varbinds(id: number, at: number, length: number): void {
    const list = this.expect("varbinds", at, length, "sequence");
    if (list === undefined) return;
    if (list.size < length) {
      this.fields.push({ role: "extra", count: length - list.size, after: "SEQ of varbind" });
    }
    at = list.valueOffset;
    length = list.length;
    while (length > 0) {
      const varbind = this.expect("varbind", at, length, "sequence");
      if (varbind === undefined) return;
      const next = at + varbind.size;
      const left = length - varbind.size;
      let p = varbind.valueOffset;
      let n = varbind.length;
      const name = this.expect("name", p, n, "oid");
      if (name === undefined) return;
      p += name.size;
      n -= name.size;
      const value = this.read("value", p, n);
      if (value === undefined) return;
      const mismatch = READ_CLASS.has(id) && value.type !== "null";
      this.fields.push(
        mismatch ? { role: "value", element: value, mismatch } : {
          role: "value",
          element: value,
        },
      );
      at = next;
      length = left;
    }
  }

  v3(at: number, length: number): void {
    const header = this.expect("header", at, length, "sequence");
    if (header === undefined) return;
    let p = header.valueOffset;
    let n = header.length;
    let count = 0;
    for (const role of ["messageId", "maxSize", "flags", "securityModel"] as const) {
      const element = this.expect(role, p, n, role === "flags" ? "string" : "integer");
      if (element === undefined) return;
      if (role === "flags") {
        if (element.length !== 1) return;
        const flags = this.data[element.valueOffset]!;
        if (
          flags !== 0 && flags !== 1 && flags !== 3 && flags !== 4 && flags !== 5 && flags !== 7
        ) {
          return;
        }
      }
      count = element.size;
      p += element.size;
      n -= element.size;
    }
    const model = this.fields[this.fields.length - 1]!.element!.integer;
    if (count < n) this.fields.push({ role: "extra", count: n - count, after: "message SEQ" });
    this.fields.push({ role: "headerEnd" });
    if (model !== 3) return;
    // tcpdump reads on after the header's elements, within the whole message.
    n = length - (p - at);
    const parameters = this.expect("securityParameters", p, n, "string");
    if (parameters === undefined) return;
    p += parameters.size;
    n -= parameters.size;
    this.usm(parameters.valueOffset, parameters.length);
    this.fields.push({ role: "usmEnd" });
    this.scoped(p, n);
    this.fields.push({ role: "scopedPduEnd" });
  }

  usm(at: number, length: number): void {
    const usm = this.expect("usm", at, length, "sequence");
    if (usm === undefined) return;
    let p = usm.valueOffset;
    let n = usm.length;
    let count = 0;
    const roles = [
      "engineId",
      "engineBoots",
      "engineTime",
      "userName",
      "authParameters",
      "privacyParameters",
    ] as const;
    for (const role of roles) {
      const integer = role === "engineBoots" || role === "engineTime";
      const element = this.expect(role, p, n, integer ? "integer" : "string");
      if (element === undefined) return;
      count = element.size;
      p += element.size;
      n -= element.size;
    }
    if (count < n) this.fields.push({ role: "extra", count: n - count, after: "usm SEQ" });
  }

  scoped(at: number, length: number): void {
    const scoped = this.expect("scopedPdu", at, length, "sequence");
    if (scoped === undefined) return;
    let p = scoped.valueOffset;
    let n = scoped.length;
    for (const role of ["contextEngineId", "contextName"] as const) {
      const element = this.expect(role, p, n, "string");
      if (element === undefined) return;
      p += element.size;
      n -= element.size;
    }
    this.pdu(p, n, 3);
  }
}

/**
 * An SNMP message: its fields in the order tcpdump reads them (see
 * {@linkcode SnmpField}), with the version, community and PDU type at hand.
 *
 * @example Decode a v1 GetRequest for sysDescr.0
 * ```ts
 * import { decodeSnmp } from "./snmp.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([
 *   0x30, 0x26, 0x02, 0x01, 0x00, 0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,
 *   0xa0, 0x19, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
 *   0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,
 *   0x05, 0x00,
 * ]);
 * const snmp = decodeSnmp(bytes);
 * assert.equal(snmp.version, 0);
 * assert.equal(snmp.community, "public");
 * assert.equal(snmp.pduType, 0);
 * assert.equal(snmp.oid(snmp.fields.find((f) => f.role === "name")!.element!), ".1.3.6.1.2.1.1.1.0");
 * ```
 */
export class Snmp extends LayerBase {
  /** The discriminant. */
  readonly kind = "snmp" as const;
  /** The fields, in the order tcpdump reads them. */
  fields: readonly SnmpField[] = [];
  /** The message length the transport declares (the captured bytes may be fewer). */
  wireLength = 0;

  /** The version number (0 for v1, 1 for v2c, 3 for v3), or `undefined` when unread. */
  get version(): number | undefined {
    return this.#field("version")?.integer;
  }

  /** The community of a v1 or v2c message (Latin-1), or `undefined`. */
  get community(): string | undefined {
    const element = this.#field("community");
    return element === undefined ? undefined : this.text(element);
  }

  /** The PDU's context tag (0 GetRequest ... 8 Report), or `undefined` when unread. */
  get pduType(): number | undefined {
    const element = this.#field("pdu");
    return element?.type === "pdu" ? element.tag : undefined;
  }

  #field(role: SnmpRole): BerElement | undefined {
    const field = this.fields.find((f) => f.role === role);
    return field?.mismatch ? undefined : field?.element;
  }

  /** An element's value bytes (a view). */
  value(element: BerElement): Uint8Array {
    return this.data.subarray(element.valueOffset, element.valueOffset + element.length);
  }

  /** An element's value as Latin-1 text. */
  text(element: BerElement): string {
    return latin1(this.value(element));
  }

  /** An OBJECT IDENTIFIER element as tcpdump writes it with `-n`: `.1.3.6.1.2.1.1.1.0`. */
  oid(element: BerElement): string {
    let text = "";
    for (const n of berOid(this.data, element)) text += `.${n}`;
    return text;
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
    this.headerLength = 0;
    const walk = new Walk(data, end);
    try {
      walk.message(offset, this.wireLength);
    } catch (stop) {
      if (stop !== STOP) throw stop;
    }
    this.fields = walk.fields;
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
      community: this.community,
      pduType: this.pduType,
      varbinds: this.fields.filter((f) => f.role === "name" && f.element !== undefined).map((
        f,
      ) => this.oid(f.element!)),
    };
  }
}

/**
 * Creates {@linkcode Snmp} layers; the registry entry for UDP ports 161 and 162.
 *
 * @example Create an SNMP layer
 * ```ts
 * import { snmpDecoder } from "./snmp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(snmpDecoder.create().kind, "snmp");
 * ```
 */
export const snmpDecoder: ProtocolDescriptor<Snmp> = defineProtocol({
  kind: "snmp",
  name: "SNMP",
  tcpdumpName: "snmp",
  create: () => new Snmp(),
  bindings: { udpPorts: [161, 162] },
});

/**
 * Decodes an SNMP message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When no byte remains.
 *
 * @example Read what is wrong with a message that is not a sequence
 * ```ts
 * import { decodeSnmp } from "./snmp.ts";
 * import assert from "node:assert/strict";
 *
 * const snmp = decodeSnmp(new Uint8Array([0x02, 0x01, 0x05]));
 * assert.equal(snmp.fields[0]?.mismatch, true);
 * ```
 */
export function decodeSnmp(data: Uint8Array, offset = 0): Snmp {
  return decodeOne(new Snmp(), data, offset);
}
