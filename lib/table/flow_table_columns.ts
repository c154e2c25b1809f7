/**
 * {@linkcode flowColumns}: the `flows` table of a `FlowTable`'s result.
 *
 * @module
 */

import { ColumnBuilder } from "./_column_builder.ts";
import type { ColumnarTable } from "./columnar_table.ts";
import { FLOW_SCHEMA } from "./flow_schema.ts";
import { flowRelativeStart, type FlowSummary, tcpFlowState } from "../stats/flows.ts";

/**
 * Builds the `flows` table ({@linkcode FLOW_SCHEMA}) of one file's flows, in the order of
 * `summary.flows`.
 *
 * @param file The value of the `file` column.
 * @param summary The flows and totals, from `FlowTable.prototype.result()`.
 * @returns The table.
 *
 * @example The flows of a UDP exchange
 * ```ts
 * import { flowColumns } from "./flow_table_columns.ts";
 * import { columnValue } from "./columnar_table.ts";
 * import { FlowTable } from "../stats/flows.ts";
 * import { PacketParser } from "../decode.ts";
 * import { buildEthernet, buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const segment = buildUdp({ source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 5353, destinationPort: 53 });
 * const ip = buildIpv4({ source: "10.0.0.1", destination: "10.0.0.2", protocol: 17, payload: segment });
 * const frame = buildEthernet({
 *   source: "02:00:00:00:00:01", destination: "02:00:00:00:00:02", etherType: 0x0800, payload: ip,
 * });
 * const parser = new PacketParser();
 * const flows = new FlowTable();
 * parser.parse(1, frame);
 * flows.add(parser, 100, 0, frame.length);
 * const table = flowColumns("a.pcap", flows.result());
 * assert.equal(table.length, 1);
 * assert.equal(columnValue(table.columns[2]!, 0), "udp");
 * assert.equal(columnValue(table.columns[7]!, 0), 53);
 * ```
 */
export function flowColumns(file: string, summary: FlowSummary): ColumnarTable {
  const c = FLOW_SCHEMA.columns.map((column) => new ColumnBuilder(column.type));
  const reference = summary.totals.firstTimestamp ?? 0n;
  for (const flow of summary.flows) {
    let k = 0;
    c[k++]!.string(file);
    c[k++]!.number(flow.ipVersion);
    c[k++]!.string(flow.protocol);
    c[k++]!.number(flow.protocolNumber);
    c[k++]!.string(flow.addressA);
    if (flow.portA === null) c[k++]!.null();
    else c[k++]!.number(flow.portA);
    c[k++]!.string(flow.addressB);
    if (flow.portB === null) c[k++]!.null();
    else c[k++]!.number(flow.portB);
    c[k++]!.number(flow.packetsAToB);
    c[k++]!.number(flow.bytesAToB);
    c[k++]!.number(flow.packetsBToA);
    c[k++]!.number(flow.bytesBToA);
    for (const time of [flow.firstTimestamp, flow.lastTimestamp]) {
      c[k++]!.number(Number(time / 1000n));
      c[k++]!.wide(Number(time >> 32n), Number(time & 0xffffffffn));
    }
    c[k++]!.number(flow.duration);
    c[k++]!.number(flowRelativeStart(flow, reference));
    if (flow.tcp === undefined) c[k++]!.null();
    else c[k++]!.string(tcpFlowState(flow.tcp));
  }
  return {
    schema: FLOW_SCHEMA,
    length: summary.flows.length,
    columns: c.map((column) => column.finish()),
  };
}
