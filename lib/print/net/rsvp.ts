/**
 * RSVP as tcpdump's rsvp_print() writes it: the version, message type and length at
 * `-n`; with `-v` the common header and a line per object, with the bodies of Session,
 * RSVP Hop, Time Values, Style, Sender Template, Filterspec, IntServ Sender
 * TSpec/Flowspec/Adspec, ERO/RRO, Hello, Class Type, Restart Capability, Capability and
 * Generalized UNI objects (the other MPLS-TE and GMPLS objects are not printed yet).
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import { type Rsvp, RSVP_HEADER_LENGTH } from "../../net/rsvp.ts";
import { formatIpv4, formatIpv6 } from "../../address.ts";
import { unknownData } from "../_hex.ts";
import { bitNames } from "../_shared.ts";
import { routeSubobjects, uniSubobjects } from "./_rsvp_subobjects.ts";
import { readUint32 } from "../../_bytes.ts";
import {
  CAPABILITY_FLAGS,
  CTYPES,
  MESSAGES,
  OBJECTS,
  PARAMETERS,
  SERVICES,
  STYLES,
  UNPRINTED,
} from "./_rsvp_names.ts";

/** C's `%.10g`. */
function g10(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const [mantissa, exponentText] = x.toExponential(9).split("e");
  const exponent = Number(exponentText);
  const strip = (t: string) => t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t;
  if (exponent < -4 || exponent >= 10) {
    const sign = exponent < 0 ? "-" : "+";
    return `${strip(mantissa!)}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return strip(x.toFixed(9 - exponent));
}

/** A 32-bit IEEE float divided by 125000 in float arithmetic, as tcpdump's `bw.f / 125000`. */
function megabits(bits: number): number {
  return Math.fround(float32(bits) / 125000);
}

function float32(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits);
  return view.getFloat32(0);
}

/** Thrown where tcpdump's GET macros stop at the captured end. */
class Truncated {}

/**
 * Prints an RSVP message after the IP addresses.
 *
 * @param ctx The print context.
 * @param rsvp The layer.
 */
export function printRsvp(ctx: PrintContext, rsvp: Rsvp): void {
  ctx.done = true;
  const out = ctx.out;
  const d = ctx.data;
  if (rsvp.version !== 1) {
    out.ascii(`ERROR: RSVP version ${rsvp.version} packet not supported`);
    return;
  }
  const type = rsvp.messageType;
  if (ctx.verbose < 1) {
    const length = (ctx.network ? ctx.ipEnd : rsvp.end) - rsvp.offset;
    out.ascii(`RSVPv1 ${MESSAGES.get(type) ?? `unknown (${type})`} Message, length: ${length}`);
    return;
  }
  const header = (
    indent: string,
    r: { flags: number; type: number; length: number; ttl: number; checksum: number },
  ) => {
    out.ascii(`${indent}RSVPv1 ${MESSAGES.get(r.type) ?? `unknown, type: ${r.type}`} Message `);
    out.ascii(
      `(${r.type}), Flags: [${(r.flags & 1) !== 0 ? "Refresh reduction capable" : "none"}], `,
    );
    out.ascii(`length: ${r.length}, ttl: ${r.ttl}, checksum: 0x`);
    out.hex(r.checksum, 4);
  };
  header("\n\t", {
    flags: rsvp.flags,
    type,
    length: rsvp.length,
    ttl: rsvp.sendTtl,
    checksum: rsvp.checksum,
  });
  if (rsvp.length < RSVP_HEADER_LENGTH) {
    out.ascii(`ERROR: common header too short ${rsvp.length} < 8`);
    return;
  }
  const need = (at: number, n: number) => {
    if (at + n > rsvp.end) throw new Truncated();
  };

  /** rsvp_intserv_print(): returns the bytes used, or 0. */
  const intserv = (p: number, left: number): number => {
    if (left < 4) return 0;
    need(p, 4);
    const id = d[p]!;
    const length = ((d[p + 2]! << 8) | d[p + 3]!) << 2;
    out.ascii(
      `\n\t      Parameter ID: ${PARAMETERS.get(id) ?? "unknown"} (${id}), length: ${length}`,
    );
    out.ascii(", Flags: [0x");
    out.hex(d[p + 1]!, 2);
    out.ascii("]");
    if (left < length + 4) return 0;
    const word = (i: number) => {
      need(p + i, 4);
      return readUint32(d, p + i);
    };
    switch (id) {
      case 4:
        if (length === 4) out.ascii(`\n\t\tIS hop count: ${word(4)}`);
        break;
      case 6:
        if (length === 4) out.ascii(`\n\t\tPath b/w estimate: ${g10(megabits(word(4)))} Mbps`);
        break;
      case 8:
        if (length === 4) {
          out.ascii("\n\t\tMinimum path latency: ");
          const latency = word(4);
          out.ascii(latency === 0xffffffff ? "don't care" : `${latency}`);
        }
        break;
      case 10:
        if (length === 4) out.ascii(`\n\t\tComposed MTU: ${word(4)} bytes`);
        break;
      case 127:
        if (length === 20) {
          need(p + 4, 20);
          out.ascii(`\n\t\tToken Bucket Rate: ${g10(megabits(word(4)))} Mbps`);
          out.ascii(`\n\t\tToken Bucket Size: ${g10(float32(word(8)))} bytes`);
          out.ascii(`\n\t\tPeak Data Rate: ${g10(megabits(word(12)))} Mbps`);
          out.ascii(`\n\t\tMinimum Policed Unit: ${word(16)} bytes`);
          out.ascii(`\n\t\tMaximum Packet Size: ${word(20)} bytes`);
        }
        break;
      case 130:
        if (length === 8) {
          need(p + 4, 8);
          out.ascii(`\n\t\tRate: ${g10(megabits(word(4)))} Mbps`);
          out.ascii(`\n\t\tSlack Term: ${word(8)}`);
        }
        break;
      case 133:
      case 134:
      case 135:
      case 136:
        if (length === 4) out.ascii(`\n\t\tValue: ${word(4)}`);
        break;
      default:
        if (ctx.verbose <= 1) {
          unknownData(ctx, p + 4, Math.min(p + 4 + length, rsvp.end) - (p + 4), "\n\t\t");
        }
    }
    return length + 4;
  };

  /** rsvp_obj_print(): returns false after an error. */
  const objects = (at: number, left: number, indent: string): boolean => {
    while (left >= 4) {
      const object = rsvp.objectAt(at);
      if (object === undefined) throw new Truncated();
      const { length, classNum, cType } = object;
      if (length % 4 !== 0) {
        out.ascii(`${indent}ERROR: object header size ${length} not a multiple of 4`);
        return false;
      }
      if (length < 4) {
        out.ascii(`${indent}ERROR: object header too short ${length} < 4`);
        return false;
      }
      const reject = (classNum & 0x80) === 0
        ? "reject"
        : (classNum & 0x40) !== 0
        ? "ignore and forward"
        : "ignore silently";
      out.ascii(
        `${indent}${OBJECTS.get(classNum) ?? "Unknown"} Object (${classNum}) Flags: [${reject}`,
      );
      out.ascii(` if unknown], Class-Type: ${CTYPES.get((classNum << 8) + cType) ?? "Unknown"} `);
      out.ascii(`(${cType}), length: ${length}`);
      if (left < length) {
        out.ascii(`${indent}ERROR: object goes past end of objects TLV`);
        return false;
      }
      need(at, length);
      const p = at + 4;
      const n = length - 4;
      let hexdump = false;
      const short = () => {
        out.ascii(`${indent}ERROR: object is too short`);
        return false;
      };
      switch (classNum) {
        case 1:
          if (cType === 1) {
            if (n < 8) return short();
            out.ascii(`${indent}  IPv4 DestAddress: ${formatIpv4(d, p)}, Protocol ID: 0x`);
            out.hex(d[p + 4]!, 2);
            out.ascii(`${indent}  Flags: [0x`);
            out.hex(d[p + 5]!, 2);
            out.ascii(`], DestPort ${(d[p + 6]! << 8) | d[p + 7]!}`);
          } else if (cType === 2) {
            if (n < 20) return short();
            out.ascii(`${indent}  IPv6 DestAddress: ${formatIpv6(d, p)}, Protocol ID: 0x`);
            out.hex(d[p + 16]!, 2);
            out.ascii(`${indent}  Flags: [0x`);
            out.hex(d[p + 17]!, 2);
            out.ascii(`], DestPort ${(d[p + 18]! << 8) | d[p + 19]!}`);
          } else if (cType === 7) {
            if (n < 12) return short();
            out.ascii(`${indent}  IPv4 Tunnel EndPoint: ${formatIpv4(d, p)}, Tunnel ID: 0x`);
            out.hex((d[p + 6]! << 8) | d[p + 7]!, 4);
            out.ascii(`, Extended Tunnel ID: ${formatIpv4(d, p + 8)}`);
          } else if (cType === 8 || cType === 13 || cType === 14) {
            // Tunnel and P2MP variants: not printed yet.
          } else hexdump = true;
          break;
        case 3:
          if (cType === 1 || cType === 3) {
            if (n < 8) return short();
            out.ascii(
              `${indent}  Previous/Next Interface: ${formatIpv4(d, p)}, Logical Interface `,
            );
            out.ascii("Handle: 0x");
            out.hex(readUint32(d, p + 4), 8);
            if (n > 8) hexdump = true;
          } else if (cType === 2 || cType === 4) {
            if (n < 20) return short();
            out.ascii(
              `${indent}  Previous/Next Interface: ${formatIpv6(d, p)}, Logical Interface `,
            );
            out.ascii("Handle: 0x");
            out.hex(readUint32(d, p + 16), 8);
            hexdump = true;
          } else hexdump = true;
          break;
        case 5:
          if (cType === 1) {
            if (n < 4) return short();
            out.ascii(`${indent}  Refresh Period: ${readUint32(d, p)}ms`);
          } else hexdump = true;
          break;
        case 8:
          if (cType === 1) {
            if (n < 4) return short();
            const style = (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!;
            out.ascii(
              `${indent}  Reservation Style: ${STYLES.get(style) ?? "Unknown"}, Flags: [0x`,
            );
            out.hex(d[p]!, 2);
            out.ascii("]");
          } else hexdump = true;
          break;
        case 10:
        case 11:
          if (cType === 1) {
            if (n < 8) return short();
            out.ascii(`${indent}  Source Address: ${formatIpv4(d, p)}, Source Port: `);
            out.ascii(`${(d[p + 6]! << 8) | d[p + 7]!}`);
          } else if (cType === 2) {
            if (n < 20) return short();
            out.ascii(`${indent}  Source Address: ${formatIpv6(d, p)}, Source Port: `);
            out.ascii(`${(d[p + 18]! << 8) | d[p + 19]!}`);
          } else if (cType === 7) {
            if (n < 8) return short();
            out.ascii(`${indent}  IPv4 Tunnel Sender Address: ${formatIpv4(d, p)}, LSP-ID: 0x`);
            out.hex((d[p + 6]! << 8) | d[p + 7]!, 4);
          } else if (cType === 8 || cType === 12 || cType === 13) {
            // Tunnel and P2MP variants: not printed yet.
          } else hexdump = true;
          break;
        case 9:
        case 12:
        case 13: {
          if (cType !== 2) {
            hexdump = true;
            break;
          }
          if (n < 4) return short();
          out.ascii(
            `${indent}  Msg-Version: ${d[p]! >> 4}, length: ${((d[p + 2]! << 8) | d[p + 3]!) << 2}`,
          );
          let q = p + 4;
          let objectLeft = n - 4;
          while (objectLeft >= 4) {
            need(q, 4);
            let serviceLeft = ((d[q + 2]! << 8) | d[q + 3]!) << 2;
            const service = d[q]!;
            out.ascii(
              `${indent}  Service Type: ${SERVICES[service] ?? "unknown"} (${service}), break bit `,
            );
            out.ascii(
              `${(d[q + 1]! & 0x80) !== 0 ? "" : "not "}set, Service length: ${serviceLeft}`,
            );
            q += 4;
            objectLeft -= 4;
            while (serviceLeft >= 4) {
              const used = intserv(q, objectLeft);
              if (used === 0) break;
              objectLeft -= used;
              serviceLeft -= used;
              q += used;
            }
          }
          break;
        }
        case 20: // ERO
        case 21: // RRO
          if (cType !== 1) {
            hexdump = true;
            break;
          }
          if (!routeSubobjects(ctx, p, n, indent)) return false;
          break;
        case 229: // Generalized UNI
          if (cType !== 1) {
            hexdump = true;
            break;
          }
          if (n < 4) return short();
          {
            const uni = uniSubobjects(ctx, p, n, indent);
            if (uni === undefined) return false;
            hexdump ||= uni;
          }
          break;
        case 22: // Hello
          if (cType === 1 || cType === 2) {
            if (n < 8) return short();
            out.ascii(`${indent}  Source Instance: 0x`);
            out.hex(readUint32(d, p), 8);
            out.ascii(", Destination Instance: 0x");
            out.hex(readUint32(d, p + 4), 8);
          } else hexdump = true;
          break;
        case 66: // Class Type
        case 125: // Class Type (old)
          if (cType === 1) {
            if (n < 4) return short();
            out.ascii(`${indent}  CT: ${readUint32(d, p) & 7}`);
          } else hexdump = true;
          break;
        case 131: // Restart Capability
          if (cType === 1) {
            if (n < 8) return short();
            out.ascii(`${indent}  Restart  Time: ${readUint32(d, p)}ms, `);
            out.ascii(`Recovery Time: ${readUint32(d, p + 4)}ms`);
          } else hexdump = true;
          break;
        case 134: // Capability
          if (cType === 1) {
            if (n < 4) return short();
            const word = readUint32(d, p);
            if (word >>> 3 !== 0) {
              out.ascii(`${indent}  [reserved=0x`);
              out.hex((word & ~7) >>> 0, 8);
              out.ascii(" must be zero]");
            }
            out.ascii(`${indent}  Flags: [${bitNames(CAPABILITY_FLAGS, word & 7)}]`);
          } else hexdump = true;
          break;
        case 7:
        case 14:
        case 37:
        case 130:
          if (ctx.verbose <= 1) unknownData(ctx, p, n, "\n\t    ");
          break;
        default:
          if (!UNPRINTED.has(classNum) && ctx.verbose <= 1) {
            unknownData(ctx, p, n, "\n\t    ");
          }
      }
      if (ctx.verbose > 1 || hexdump) unknownData(ctx, p, n, "\n\t    ");
      at += length;
      left -= length;
    }
    return true;
  };

  try {
    const start = rsvp.offset + RSVP_HEADER_LENGTH;
    const left = rsvp.length - RSVP_HEADER_LENGTH;
    if (type === 12) {
      let at = start;
      let remaining = left;
      while (remaining > 0) {
        need(at, RSVP_HEADER_LENGTH);
        const version = d[at]! >> 4;
        if (version !== 1) {
          out.ascii(`ERROR: RSVP version ${version} packet not supported`);
          return;
        }
        const length = (d[at + 6]! << 8) | d[at + 7]!;
        header("\n\t  ", {
          flags: d[at]! & 0x0f,
          type: d[at + 1]!,
          length,
          ttl: d[at + 4]!,
          checksum: (d[at + 2]! << 8) | d[at + 3]!,
        });
        if (length < RSVP_HEADER_LENGTH) {
          out.ascii(`ERROR: common header too short ${length} < 8`);
          return;
        }
        if (remaining < length) {
          out.ascii(`ERROR: common header too large ${length} > ${remaining}`);
          return;
        }
        if (!objects(at + 8, length - 8, "\n\t    ")) return;
        at += length;
        remaining -= length;
      }
    } else if (MESSAGES.has(type)) {
      objects(start, left, "\n\t  ");
    } else {
      unknownData(ctx, start, Math.min(start + left, rsvp.end) - start, "\n\t    ");
    }
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    markTruncated(ctx, "rsvp");
  }
}
