/**
 * A one-file HTML report of a capture: its summary, protocol hierarchy, the four charts of
 * `charts.ts` inline as SVG, the top flows and the top DNS names. Everything is in the one
 * file (no script, no stylesheet or font from elsewhere), so it opens offline.
 *
 * @module
 */

import { CHART_NAMES, type ChartName, drawChart } from "./charts.ts";
import type { CaptureOverview } from "../stats/capture_overview.ts";
import { formatEndpoint, tcpFlowState } from "../stats/flows.ts";
import type { ProtocolNode } from "../stats/protocol_hierarchy.ts";

/** What {@linkcode htmlReport} writes about. */
export interface HtmlReportInput {
  /** The capture's name, for the title. */
  title: string;
  /** Its overview, from `captureOverview()`. */
  overview: CaptureOverview;
  /** Its protocol hierarchy, from `ProtocolHierarchy`. */
  protocols: readonly ProtocolNode[];
  /** How many flows and DNS names to list (default 20). */
  top?: number;
}

const CHART_TITLES: Readonly<Record<ChartName, string>> = {
  traffic: "Traffic over time by protocol",
  talkers: "Top talkers",
  sizes: "Packet sizes",
  durations: "Flow durations",
};

/** Escapes text for HTML. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = (row: readonly (string | number)[], tag: string) =>
    `<tr>${row.map((cell) => `<${tag}>${escape(`${cell}`)}</${tag}>`).join("")}</tr>`;
  return `<table>${cells(header, "th")}${rows.map((row) => cells(row, "td")).join("")}</table>`;
}

function hierarchyRows(nodes: readonly ProtocolNode[], depth = 0): (string | number)[][] {
  return nodes.flatMap((node) => [
    [`${"\u00a0\u00a0".repeat(depth)}${node.name}`, node.frames, node.bytes],
    ...hierarchyRows(node.children, depth + 1),
  ]);
}

/**
 * Writes the report.
 *
 * @param input The capture's title, overview and protocol hierarchy.
 * @returns The HTML document.
 *
 * @example A report of a test capture
 * ```ts
 * import { htmlReport } from "./html_report.ts";
 * import { captureOverview } from "../stats/capture_overview.ts";
 * import { captureStatistics } from "../stats/tshark_statistics.ts";
 * import assert from "node:assert/strict";
 *
 * const url = new URL("../../testdata/namespaces.pcap", import.meta.url);
 * const [phs] = await captureStatistics(url, [{ kind: "io,phs" }]);
 * const protocols = phs !== undefined && "protocols" in phs ? phs.protocols : [];
 * const html = htmlReport({ title: "namespaces.pcap", overview: await captureOverview(url), protocols });
 * assert.match(html, /^<!DOCTYPE html>/);
 * assert.equal(html.match(/<svg/g)?.length, 4);
 * assert.doesNotMatch(html, /<script|<link|https?:\/\/(?!www\.w3\.org)/);
 * ```
 */
export function htmlReport(input: HtmlReportInput): string {
  const { overview, title } = input;
  const top = input.top ?? 20;
  const first = overview.firstTimestamp === null
    ? "-"
    : new Date(Number(overview.firstTimestamp / 1_000_000n)).toISOString();
  const summary = table(["", ""], [
    ["Packets", overview.packets],
    ["Bytes", overview.bytes],
    ["First packet", first],
    ["Duration (s)", overview.duration.toFixed(6)],
    ["Flows", overview.flows.length],
    ["IP endpoints", overview.endpoints.length],
  ]);
  const charts = CHART_NAMES.map((name) =>
    `<section class="chart" id="chart-${name}"><h2>${CHART_TITLES[name]}</h2>` +
    `${drawChart(name, overview)}</section>`
  ).join("\n");
  const reference = overview.firstTimestamp ?? 0n;
  const flows = table(
    ["Proto", "A", "B", "Packets", "Bytes", "Start (s)", "Duration (s)", "TCP"],
    overview.flows.slice(0, top).map((flow) => [
      flow.protocol,
      formatEndpoint(flow.addressA, flow.portA),
      formatEndpoint(flow.addressB, flow.portB),
      flow.packetsAToB + flow.packetsBToA,
      flow.bytesAToB + flow.bytesBToA,
      (Number(flow.firstTimestamp - reference) / 1e9).toFixed(6),
      flow.duration.toFixed(4),
      flow.tcp === undefined ? "" : tcpFlowState(flow.tcp),
    ]),
  );
  const dns = overview.dnsNames.length === 0
    ? "<p>No DNS queries.</p>"
    : table(["Name", "Queries"], overview.dnsNames.slice(0, top).map((d) => [d.name, d.queries]));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}: wirekit report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; background: white; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; font-variant-numeric: tabular-nums; }
section.chart svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<h2>Summary</h2>
${summary}
<h2>Protocol hierarchy</h2>
${table(["Protocol", "Frames", "Bytes"], hierarchyRows(input.protocols))}
${charts}
<h2>Top flows</h2>
${flows}
<h2>Top DNS names</h2>
${dns}
</body>
</html>
`;
}
