/**
 * sFlow as tcpdump's sflow_print() writes it: the agent and length at `-n`; with `-v` the
 * header's counts, each sample and its flow or counter records.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import { markTruncated } from "../_truncation.ts";
import type { Sflow } from "../../app/sflow.ts";
import { unknownData } from "../_hex.ts";

const SAMPLE_FORMATS = [
  undefined,
  "flow sample",
  "counter sample",
  "expanded flow sample",
  "expanded counter sample",
];
const FLOW_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "Raw packet"],
  [2, "Ethernet frame"],
  [3, "IPv4 Data"],
  [4, "IPv6 Data"],
  [1001, "Extended Switch data"],
  [1002, "Extended Router data"],
  [1003, "Extended Gateway data"],
  [1004, "Extended User data"],
  [1005, "Extended URL data"],
  [1006, "Extended MPLS data"],
  [1007, "Extended NAT data"],
  [1008, "Extended MPLS tunnel"],
  [1009, "Extended MPLS VC"],
  [1010, "Extended MPLS FEC"],
  [1011, "Extended MPLS LVP FEC"],
  [1012, "Extended VLAN tunnel"],
]);
/** The flow record types tcpdump names but prints nothing of. */
const SILENT_FLOWS = new Set([
  3,
  4,
  1002,
  1003,
  1004,
  1005,
  1006,
  1007,
  1008,
  1009,
  1010,
  1011,
  1012,
]);
const COUNTER_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "Generic counter"],
  [2, "Ethernet counter"],
  [3, "Token ring counter"],
  [4, "100 BaseVG counter"],
  [5, "Vlan counter"],
  [1001, "Processor counter"],
]);
const DIRECTIONS = ["unknown", "full-duplex", "half-duplex", "in", "out"];
const RAW_PROTOCOLS: ReadonlyMap<number, string> = new Map([
  [1, "Ethernet"],
  [11, "IPv4"],
  [12, "IPv6"],
]);

/** Thrown where tcpdump's GET macros stop at the captured end. */
class Truncated {}

/** Thrown where tcpdump's sample printers find a length too short (" (invalid)"). */
class Invalid {}

/**
 * Prints an sFlow datagram after its UDP header.
 *
 * @param ctx The print context.
 * @param sflow The layer.
 */
export function printSflow(ctx: PrintContext, sflow: Sflow): void {
  ctx.done = true;
  const out = ctx.out;
  const length = sflow.wireLength;
  const w = (at: number): number => {
    const value = sflow.word(at);
    if (value === undefined) throw new Truncated();
    return value;
  };
  const q = (at: number): bigint => {
    const value = sflow.word64(at);
    if (value === undefined) throw new Truncated();
    return value;
  };
  const line = (parts: () => string) => out.ascii(parts());
  let at = 0;
  let left = 0;
  try {
    const type = sflow.addressType;
    if ((length < 28 && type === 1) || (length < 40 && type === 2)) {
      out.ascii(`sFlowv${sflow.version} [length ${length} < 28] (invalid)`);
      return;
    }
    if (sflow.end - sflow.offset < 28) throw new Truncated();
    if (sflow.version !== 5) {
      out.ascii(`sFlow version ${sflow.version} packet not supported`);
      return;
    }
    const agent = sflow.agent;
    const counts = sflow.counts;
    if (ctx.verbose < 1) {
      if (agent === undefined || counts === undefined) throw new Truncated();
      out.ascii(`sFlowv5, ${type === 1 ? "IPv4" : "IPv6"} agent ${agent}, agent-id `);
      out.ascii(`${counts.agentId}, length ${length}`);
      return;
    }
    if (agent === undefined || counts === undefined) throw new Truncated();
    out.ascii(`sFlowv5, ${type === 1 ? "IPv4" : "IPv6"} agent ${agent}, agent-id `);
    out.ascii(`${counts.agentId}, seqnum ${counts.sequence}, uptime ${counts.uptime}, `);
    out.ascii(`samples ${counts.samples}, length ${length}`);
    at = sflow.headerSize;
    left = length - at;
    let samples = counts.samples;
    while (samples > 0 && left > 0) {
      const format = w(at) & 0x0fff;
      const sampleLength = w(at + 4);
      if (left < 8) throw new Invalid();
      at += 8;
      left -= 8;
      out.ascii(`\n\t${SAMPLE_FORMATS[format] ?? "Unknown"} (${format}), length ${sampleLength},`);
      if (format === 0 || sampleLength === 0) return;
      if (left < sampleLength) throw new Invalid();
      if (sflow.offset + at + sampleLength > sflow.end) throw new Truncated();
      let bad = false;
      if (format === 1 || format === 3) bad = flowSample(format === 3, at, left);
      else if (format === 2 || format === 4) bad = counterSample(format === 4, at, left);
      else if (ctx.verbose <= 1) {
        unknownData(
          ctx,
          sflow.offset + at,
          sflow.offset + at + sampleLength - (sflow.offset + at),
          "\n\t    ",
        );
      }
      if (bad) throw new Invalid();
      at += sampleLength;
      left -= sampleLength;
      samples--;
    }
  } catch (error) {
    if (error instanceof Invalid) {
      out.ascii(" (invalid)");
      if (sflow.offset + at + left <= sflow.end) return;
      markTruncated(ctx, "sflow");
      return;
    }
    if (!(error instanceof Truncated)) throw error;
    markTruncated(ctx, "sflow");
  }

  /** sflow_print_flow_sample() and the expanded one: returns whether invalid. */
  function flowSample(expanded: boolean, p: number, n: number): boolean {
    const size = expanded ? 44 : 32;
    if (n < size) return true;
    const records = w(p + size - 4);
    if (expanded) {
      line(() =>
        ` seqnum ${w(p)}, type ${w(p + 4)}, idx ${w(p + 8)}, rate ${w(p + 12)}, ` +
        `pool ${w(p + 16)}, drops ${w(p + 20)}, records ${records}`
      );
    } else {
      line(() =>
        ` seqnum ${w(p)}, type ${w(p + 4) >>> 24}, idx ${w(p + 4) & 0xffffff}, ` +
        `rate ${w(p + 8)}, pool ${w(p + 12)}, drops ${w(p + 16)}, input ${w(p + 20)} ` +
        `output ${w(p + 24)} records ${records}`
      );
    }
    p += size;
    n -= size;
    for (let i = 0; i < records; i++) {
      if (n < 8) return true;
      const format = w(p);
      const type = format & 0x0fff;
      const enterprise = format >>> 12;
      const recordLength = w(p + 4);
      const name = enterprise === 0 ? FLOW_TYPES.get(type) ?? "Unknown" : "Unknown";
      out.ascii(`\n\t    enterprise ${enterprise} ${name} (${type}) length ${recordLength}`);
      p += 8;
      n -= 8;
      if (n < recordLength) return true;
      if (enterprise === 0) {
        if (type === 1) {
          if (n < 16) return true;
          line(() =>
            `\n\t      protocol ${RAW_PROTOCOLS.get(w(p)) ?? "Unknown"} (${w(p)}), ` +
            `length ${w(p + 4)}, stripped bytes ${w(p + 8)}, header_size ${w(p + 12)}`
          );
        } else if (type === 1001) {
          if (n < 16) return true;
          line(() =>
            `\n\t      src vlan ${w(p)}, src pri ${w(p + 4)}, dst vlan ${w(p + 8)}, ` +
            `dst pri ${w(p + 12)}`
          );
        } else if (type === 2) {
          if (n < 24) return true;
          line(() => `\n\t      frame len ${w(p)}, type ${w(p + 20)}`);
        } else if (!SILENT_FLOWS.has(type) && ctx.verbose <= 1) {
          const from = sflow.offset + p;
          unknownData(ctx, from, Math.min(from + recordLength, sflow.end) - from, "\n\t\t");
        }
      }
      p += recordLength;
      n -= recordLength;
    }
    return false;
  }

  /** sflow_print_counter_sample() and the expanded one: returns whether invalid. */
  function counterSample(expanded: boolean, p: number, n: number): boolean {
    const size = expanded ? 16 : 12;
    if (n < size) return true;
    const records = w(p + size - 4);
    if (expanded) {
      line(() => ` seqnum ${w(p)}, type ${w(p + 4)}, idx ${w(p + 8)}, records ${records}`);
    } else {
      line(() =>
        ` seqnum ${w(p)}, type ${w(p + 4) >>> 24}, idx ${w(p + 4) & 0xffffff}, ` +
        `records ${records}`
      );
    }
    p += size;
    n -= size;
    for (let i = 0; i < records; i++) {
      if (n < 8) return true;
      const format = w(p);
      const type = format & 0x0fff;
      const enterprise = format >>> 20;
      const recordLength = w(p + 4);
      const name = enterprise === 0 ? COUNTER_TYPES.get(type) ?? "Unknown" : "Unknown";
      out.ascii(`\n\t    enterprise ${enterprise}, ${name} (${type}) length ${recordLength}`);
      p += 8;
      n -= 8;
      if (n < recordLength) return true;
      if (enterprise === 0 && counter(type, p, n, recordLength)) return true;
      p += recordLength;
      n -= recordLength;
    }
    return false;
  }

  /** The counter record printers: returns whether invalid. */
  function counter(type: number, p: number, n: number, recordLength: number): boolean {
    const t = "\n\t      ";
    switch (type) {
      case 1: {
        if (n < 88) return true;
        const direction = w(p + 16);
        line(() =>
          `${t}ifindex ${w(p)}, iftype ${w(p + 4)}, ifspeed ${q(p + 8)}, ifdirection ` +
          `${direction} (${DIRECTIONS[direction] ?? "Unknown"})`
        );
        line(() => {
          const status = w(p + 20);
          return `${t}ifstatus ${status}, adminstatus: ${(status & 1) !== 0 ? "up" : "down"}, ` +
            `operstatus: ${((status >>> 1) & 1) !== 0 ? "up" : "down"}`;
        });
        line(() =>
          `${t}In octets ${q(p + 24)}, unicast pkts ${w(p + 32)}, multicast pkts ` +
          `${w(p + 36)}, broadcast pkts ${w(p + 40)}, discards ${w(p + 44)}`
        );
        line(() => `${t}In errors ${w(p + 48)}, unknown protos ${w(p + 52)}`);
        line(() =>
          `${t}Out octets ${q(p + 56)}, unicast pkts ${w(p + 64)}, multicast pkts ` +
          `${w(p + 68)}, broadcast pkts ${w(p + 72)}, discards ${w(p + 76)}`
        );
        line(() => `${t}Out errors ${w(p + 80)}, promisc mode ${w(p + 84)}`);
        return false;
      }
      case 2:
        if (n < 52) return true;
        line(() =>
          `${t}align errors ${w(p)}, fcs errors ${w(p + 4)}, single collision ${w(p + 8)}, ` +
          `multiple collision ${w(p + 12)}, test error ${w(p + 16)}`
        );
        line(() =>
          `${t}deferred ${w(p + 20)}, late collision ${w(p + 24)}, excessive collision ` +
          `${w(p + 28)}, mac trans error ${w(p + 32)}`
        );
        line(() =>
          `${t}carrier error ${w(p + 36)}, frames too long ${w(p + 40)}, mac receive errors ` +
          `${w(p + 44)}, symbol errors ${w(p + 48)}`
        );
        return false;
      case 3:
        return false;
      case 4:
        if (n < 80) return true;
        line(() => `${t}in high prio frames ${w(p)}, in high prio octets ${q(p + 4)}`);
        line(() => `${t}in norm prio frames ${w(p + 12)}, in norm prio octets ${q(p + 16)}`);
        line(() =>
          `${t}in ipm errors ${w(p + 24)}, oversized ${w(p + 28)}, in data errors ` +
          `${w(p + 32)}, null addressed frames ${w(p + 36)}`
        );
        line(() =>
          `${t}out high prio frames ${w(p + 40)}, out high prio octets ${q(p + 44)}, ` +
          `trans into frames ${w(p + 52)}`
        );
        line(() =>
          `${t}in hc high prio octets ${q(p + 56)}, in hc norm prio octets ${q(p + 64)}, ` +
          `out hc high prio octets ${q(p + 72)}`
        );
        return false;
      case 5:
        if (n < 28) return true;
        line(() =>
          `${t}vlan_id ${w(p)}, octets ${q(p + 4)}, unicast_pkt ${w(p + 12)}, ` +
          `multicast_pkt ${w(p + 16)}, broadcast_pkt ${w(p + 20)}, discards ${w(p + 24)}`
        );
        return false;
      case 1001:
        if (n < 28) return true;
        // tcpdump names the free memory "total_mem" too.
        line(() =>
          `${t}5sec ${w(p)}, 1min ${w(p + 4)}, 5min ${w(p + 8)}, total_mem ${q(p + 12)}, ` +
          `total_mem ${q(p + 20)}`
        );
        return false;
    }
    if (ctx.verbose <= 1) {
      const from = sflow.offset + p;
      unknownData(ctx, from, Math.min(from + recordLength, sflow.end) - from, "\n\t\t");
    }
    return false;
  }
}
