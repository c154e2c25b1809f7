/**
 * ICMP as tcpdump's icmp_print() writes it, with `-v` a bad checksum and the quoted
 * datagram of an error message.
 *
 * @module
 */

import { readUint32 } from "../../_bytes.ts";
import type { PrintContext } from "../context.ts";
import type { Icmp } from "../../net/icmp.ts";
import { decode } from "../../decode.ts";
import { LinkType } from "../../link_type.ts";
import { foldChecksum, sumWords } from "../../checksum.ts";
import { expectedChecksum, two } from "../_shared.ts";
import { printError } from "../_undecoded.ts";

/**
 * Prints an ICMP message.
 *
 * @param ctx The print context.
 * @param icmp The layer.
 */
export function printIcmp(ctx: PrintContext, icmp: Icmp): void {
  const out = ctx.out;
  ctx.done = true;
  const length = ctx.network ? ctx.ipEnd - icmp.offset : icmp.end - icmp.offset;
  out.ascii("ICMP ");
  out.ascii(icmpText(icmp));
  out.ascii(", length ");
  out.uint(length);

  if (ctx.verbose > 0 && !ctx.fragment && ctx.ipEnd <= ctx.end) {
    const sum = foldChecksum(sumWords(icmp.data, icmp.offset, ctx.ipEnd, 0));
    if (sum !== 0) {
      out.ascii(" (wrong icmp cksum ");
      out.hex(icmp.checksum);
      out.ascii(" (->");
      out.hex(expectedChecksum(icmp.checksum, sum));
      out.ascii(")!)");
    }
  }
  const type = icmp.type;
  if (
    ctx.verbose > 0 && (type === 3 || type === 4 || type === 5 || type === 11 || type === 12)
  ) {
    quoted(ctx, icmp);
  }
}

/** With -v, tcpdump prints the IP datagram that an ICMP error quotes. */
function quoted(ctx: PrintContext, icmp: Icmp): void {
  const out = ctx.out;
  const data = ctx.data;
  const start = ctx.start;
  const end = ctx.end;
  const linkEnd = ctx.linkEnd;
  const originalLength = ctx.originalLength;
  const ipEnd = ctx.ipEnd;
  const inner = decode(LinkType.IPV4, icmp.data.subarray(icmp.offset + 8, icmp.end));
  out.ascii("\n\t");
  ctx.data = inner.data;
  ctx.start = 0;
  ctx.end = inner.data.length;
  ctx.linkEnd = -1;
  ctx.originalLength = Infinity;
  ctx.done = false;
  ctx.printLayers(inner.layers, 0, inner.count);
  if (!ctx.done && inner.error !== undefined) printError(ctx, inner.error);
  ctx.done = true;
  ctx.data = data;
  ctx.start = start;
  ctx.end = end;
  ctx.linkEnd = linkEnd;
  ctx.originalLength = originalLength;
  ctx.ipEnd = ipEnd;
}

function icmpText(icmp: Icmp): string {
  const { type, code } = icmp;
  switch (type) {
    case 0:
    case 8:
      return `echo ${
        type === 0 ? "reply" : "request"
      }, id ${icmp.identifier}, seq ${icmp.sequenceNumber}`;
    case 3: {
      const original = icmp.original;
      if (original === undefined) return "unreachable";
      const inner = original.ip;
      switch (code) {
        case 0:
          return `net ${inner.destination} unreachable`;
        case 1:
          return `host ${inner.destination} unreachable`;
        case 2:
          return `${inner.destination} protocol ${inner.protocol} unreachable`;
        case 3: {
          const port = original.destinationPort;
          if (port === undefined) return `${inner.destination} port unreachable`;
          if (inner.protocol === 6) return `${inner.destination} tcp port ${port} unreachable`;
          if (inner.protocol === 17) return `${inner.destination} udp port ${port} unreachable`;
          return `${inner.destination} protocol ${inner.protocol} port ${port} unreachable`;
        }
        case 4:
          return `${inner.destination} unreachable - need to frag (mtu ${icmp.nextHopMtu})`;
        case 5:
          return `${inner.destination} unreachable - source route failed`;
        case 6:
          return `${inner.destination} unreachable - unknown net`;
        case 7:
          return `${inner.destination} unreachable - unknown host`;
        case 9:
          return `net ${inner.destination} unreachable - admin prohibited`;
        case 10:
          return `host ${inner.destination} unreachable - admin prohibited`;
        case 13:
          return `${inner.destination} unreachable - admin prohibited filter`;
        default:
          return `${inner.destination} unreachable - #${code}`;
      }
    }
    case 4:
      return "source quench";
    case 5: {
      const original = icmp.original;
      const kinds = ["net", "host", "tos-net", "tos-host"];
      const target = original?.ip.destination ?? "?";
      return `redirect ${target} to ${kinds[code] ?? `#${code}`} ${icmp.gateway}`;
    }
    case 9: {
      const lifetime = (icmp.data[icmp.offset + 6]! << 8) | icmp.data[icmp.offset + 7]!;
      const entries = (icmp.routerAddresses ?? [])
        .map((entry) => `{${entry.address} ${entry.preference >>> 0}}`).join(" ");
      const time = lifetime < 60
        ? `${lifetime}`
        : lifetime < 3600
        ? `${Math.floor(lifetime / 60)}:${two(lifetime % 60)}`
        : `${Math.floor(lifetime / 3600)}:${two(Math.floor(lifetime / 60) % 60)}:${
          two(lifetime % 60)
        }`;
      return `router advertisement lifetime ${time} ${icmp.addressCount}: ${entries}`;
    }
    case 10:
      return "router solicitation";
    case 11:
      return code === 1 ? "ip reassembly time exceeded" : "time exceeded in-transit";
    case 12:
      return code === 0
        ? `parameter problem - octet ${icmp.pointer}`
        : `parameter problem - code ${code}`;
    case 13:
      return `time stamp query id ${icmp.identifier} seq ${icmp.sequenceNumber}`;
    case 15:
      return "information request";
    case 16:
      return "information reply";
    case 17:
      return "address mask request";
    case 18: {
      const d = icmp.data;
      const at = icmp.offset + 8;
      const mask = at + 4 > icmp.end ? 0 : readUint32(d, at);
      return `address mask is 0x${mask.toString(16).padStart(8, "0")}`;
    }
    default:
      return `type-#${type}`;
  }
}
