/**
 * A small reader of ASN.1 BER elements (X.690), as SNMP needs them: one element's tag,
 * length and value, read the way tcpdump's asn1_parse() reads them, so that problems are
 * reported with the same words. Private to `lib/app/`.
 *
 * @module
 */

/** What a BER element holds, as tcpdump's `struct be` types it. */
export type BerType =
  | "any"
  | "null"
  | "octets"
  | "oid"
  | "integer"
  | "unsigned"
  | "string"
  | "sequence"
  | "ipAddress"
  | "pdu"
  | "unsigned64"
  | "noSuchObject"
  | "noSuchInstance"
  | "endOfMibView";

/** The number of tags in each class that tcpdump knows (universal, application, context, private). */
const CLASS_SIZES = [18, 7, 9, 1];

/** Tag names in each class, as tcpdump names them in its messages. */
export const BER_TAG_NAMES: readonly (readonly string[])[] = [
  [
    "U-0",
    "Boolean",
    "Integer",
    "Bitstring",
    "String",
    "Null",
    "ObjID",
    "ObjectDes",
    "U-8",
    "U-9",
    "U-10",
    "U-11",
    "U-12",
    "U-13",
    "U-14",
    "U-15",
    "Sequence",
    "Set",
  ],
  ["IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64"],
  [
    "GetRequest",
    "GetNextRequest",
    "GetResponse",
    "SetRequest",
    "Trap",
    "GetBulk",
    "Inform",
    "V2Trap",
    "Report",
  ],
  ["P-0"],
];

/** One decoded BER element. */
export interface BerElement {
  /** The tag class: 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: number;
  /** Whether the element is constructed. */
  readonly constructed: boolean;
  /** The tag number. */
  readonly tag: number;
  /** What it holds. */
  readonly type: BerType;
  /** The value's length. */
  readonly length: number;
  /** Offset of the value in the packet bytes. */
  readonly valueOffset: number;
  /** Header and value length: how far the next element is. */
  readonly size: number;
  /** A signed 32-bit integer value (type `integer`), else 0. */
  readonly integer: number;
  /** An unsigned 32-bit value (type `unsigned`), else 0. */
  readonly unsigned: number;
  /** An unsigned 64-bit value (type `unsigned64`), else 0n. */
  readonly unsigned64: bigint;
  /**
   * What tcpdump says about a tag it reads without using (`[P/U/Bitstring]`, `C/x/Set`),
   * before the element's value.
   */
  readonly note: string;
}

/** The result of reading one element: the element, a problem, or the end of the capture. */
export type BerResult =
  | { readonly element: BerElement; readonly problem?: undefined; readonly cut?: undefined }
  | { readonly problem: string; readonly element?: undefined; readonly cut?: undefined }
  | {
    /** `"header"`: the capture ends inside the tag or length; `"value"`: inside the value. */
    readonly cut: "header" | "value";
    readonly element?: undefined;
    readonly problem?: undefined;
  };

/**
 * Reads the BER element at `at`, with `length` bytes left in its enclosing element (on
 * the wire) and the captured bytes ending at `captured`.
 *
 * @param data The packet bytes.
 * @param at Where the element starts.
 * @param length The bytes left for it.
 * @param captured Where the captured bytes end.
 * @returns The element, or the problem (in tcpdump's words), or where the capture ends.
 */
export function readBer(data: Uint8Array, at: number, length: number, captured: number): BerResult {
  if (length < 1) return { problem: "[nothing to parse]" };
  if (at >= captured) return { cut: "header" };
  const first = data[at]!;
  let id = first & 0x1f;
  const constructed = (first & 0x20) !== 0;
  const tagClass = (first & 0xc0) >> 6;
  let p = at + 1;
  let len = length - 1;
  if (id === 0x1f) {
    id = 0;
    for (;;) {
      if (p >= captured) return { cut: "header" };
      const b = data[p]!;
      if ((b & 0x80) === 0) break;
      if (len < 1) return { problem: "[Xtagfield?]" };
      id = ((id << 7) | (b & 0x7f)) & 0xff;
      len--;
      p++;
    }
    if (len < 1) return { problem: "[Xtagfield?]" };
    id = ((id << 7) | data[p]!) & 0xff;
    len--;
    p++;
  }
  if (len < 1) return { problem: "[no asnlen]" };
  if (p >= captured) return { cut: "header" };
  let asnLength = data[p]!;
  p++;
  len--;
  if ((asnLength & 0x80) !== 0) {
    const octets = asnLength & 0x7f;
    asnLength = 0;
    if (len < octets) return { problem: `[asnlen? ${len}<${octets}]` };
    if (p + octets > captured) return { cut: "value" };
    for (let i = 0; i < octets; i++) {
      asnLength = ((asnLength * 256) + data[p]!) >>> 0;
      p++;
      len--;
    }
  }
  if (len < asnLength) return { problem: `[len${len}<asnlen${asnLength}]` };
  if (id >= CLASS_SIZES[tagClass]!) {
    return { problem: `[id?${constructed ? "C" : "P"}/x/${id}]` };
  }
  if (p + asnLength > captured) return { cut: "value" };
  let type: BerType = "any";
  let note = "";
  let integer = 0;
  let unsigned = 0;
  let unsigned64 = 0n;
  const name = BER_TAG_NAMES[tagClass]![id]!;
  if (!constructed) {
    if (tagClass === 0) {
      if (id === 4) type = "string";
      else if (id === 2) {
        if (asnLength === 0) return { problem: "[asnlen=0]" };
        type = "integer";
        integer = (data[p]! & 0x80) !== 0 ? -1 : 0;
        for (let i = 0; i < asnLength; i++) integer = (integer << 8) | data[p + i]!;
      } else if (id === 6) type = "oid";
      else if (id === 5) type = "null";
      else {
        type = "octets";
        note = `[P/U/${name}]`;
      }
    } else if (tagClass === 1) {
      if (id === 0) type = "ipAddress";
      else if (id === 1 || id === 2 || id === 3) {
        type = "unsigned";
        for (let i = 0; i < asnLength; i++) unsigned = ((unsigned << 8) + data[p + i]!) >>> 0;
      } else if (id === 6) {
        type = "unsigned64";
        for (let i = 0; i < asnLength; i++) {
          unsigned64 = ((unsigned64 << 8n) + BigInt(data[p + i]!)) & 0xffffffffffffffffn;
        }
      } else {
        type = "octets";
        note = `[P/A/${name}]`;
      }
    } else if (tagClass === 2) {
      if (id === 0) type = "noSuchObject";
      else if (id === 1) type = "noSuchInstance";
      else if (id === 2) type = "endOfMibView";
    } else {
      type = "octets";
      note = `[P/x/${name}]`;
    }
  } else if (tagClass === 0) {
    if (id === 16) type = "sequence";
    else {
      type = "octets";
      note = `C/U/${name}`;
    }
  } else if (tagClass === 2) {
    type = "pdu";
  } else {
    type = "octets";
    note = `C/x/${name}`;
  }
  return {
    element: {
      tagClass,
      constructed,
      tag: id,
      type,
      length: asnLength,
      valueOffset: p,
      size: p + asnLength - at,
      integer,
      unsigned,
      unsigned64,
      note,
    },
  };
}

/**
 * The numbers of an OBJECT IDENTIFIER's value, the first two split from the first
 * sub-identifier as tcpdump splits them (the first at most 2). A last sub-identifier whose
 * continuation bit is still set is left out.
 */
export function berOid(data: Uint8Array, element: BerElement): number[] {
  const numbers: number[] = [];
  let o = 0;
  const end = element.valueOffset + element.length;
  for (let i = element.valueOffset; i < end; i++) {
    const b = data[i]!;
    o = ((o << 7) + (b & 0x7f)) | 0;
    if ((b & 0x80) !== 0) continue;
    if (numbers.length === 0) {
      const s = Math.min(2, Math.trunc(o / 40));
      numbers.push(s);
      o -= s * 40;
    }
    numbers.push(o >>> 0);
    o = 0;
  }
  return numbers;
}
