/**
 * The pictures of a capture's overview as SVG: traffic over time by protocol, top
 * talkers, the packet-size histogram and flow durations. They are drawn by Observable Plot
 * (`@observablehq/plot`) into linkedom's DOM, so no browser is needed; this module, and
 * only it, loads those two packages (it is not exported by `mod.ts`).
 *
 * @module
 */

import * as Plot from "npm:@observablehq/plot@0.6.17";
import { parseHTML } from "npm:linkedom@0.18.15";
import type { CaptureOverview } from "../stats/capture_overview.ts";

/** The charts {@linkcode drawChart} draws. */
export type ChartName = "traffic" | "talkers" | "sizes" | "durations";

/** Every {@linkcode ChartName}. */
export const CHART_NAMES: readonly ChartName[] = ["traffic", "talkers", "sizes", "durations"];

const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 760;

/** What this module reads of the elements Plot returns (the DOM types are not loaded). */
interface SvgElement {
  tagName: string;
  outerHTML: string;
  querySelector(selector: string): SvgElement | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
}

/** A DOM for Plot: a fresh linkedom document. */
function plotDocument(): never {
  const window = parseHTML("<!DOCTYPE html><html><body></body></html>") as unknown as {
    document: unknown;
  };
  return window.document as never;
}

/** The SVG text of a Plot result, as a standalone document element. */
function svgText(node: SvgElement): string {
  const svg = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg");
  if (svg === null) throw new Error("Cannot draw chart: Plot returned no SVG element");
  if (!svg.hasAttribute("xmlns")) svg.setAttribute("xmlns", SVG_NS);
  return svg.outerHTML;
}

/** The protocols drawn apart in the traffic chart: the busiest six, the rest as `other`. */
function mainProtocols(overview: CaptureOverview): Set<string> {
  const bytes = new Map<string, number>();
  for (const point of overview.traffic) {
    bytes.set(point.protocol, (bytes.get(point.protocol) ?? 0) + point.bytes);
  }
  return new Set([...bytes].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name]) => name));
}

/**
 * Draws one chart of a capture's overview as an SVG document.
 *
 * - `traffic`: bytes per second, one row per protocol (the busiest six, then `other`).
 * - `talkers`: the ten IP endpoints that sent and received the most bytes.
 * - `sizes`: how many packets have each length on the wire (a histogram).
 * - `durations`: how many flows lasted how long (a histogram, in seconds).
 *
 * @param name The chart.
 * @param overview The capture's overview, from `captureOverview()`.
 * @returns The SVG text (`<svg xmlns=...>...</svg>`).
 *
 * @example Draw the packet sizes of a test capture
 * ```ts
 * import { drawChart } from "./charts.ts";
 * import { captureOverview } from "../stats/capture_overview.ts";
 * import assert from "node:assert/strict";
 *
 * const overview = await captureOverview(new URL("../../testdata/namespaces.pcap", import.meta.url));
 * const svg = drawChart("sizes", overview);
 * assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
 * assert.match(svg, /<rect/);
 * ```
 */
export function drawChart(name: ChartName, overview: CaptureOverview): string {
  const document = plotDocument();
  const common = { document, width: WIDTH, style: { background: "white" } };
  switch (name) {
    case "traffic": {
      const main = mainProtocols(overview);
      const data = overview.traffic.map((point) => ({
        ...point,
        protocol: main.has(point.protocol) ? point.protocol : "other",
      }));
      return svgText(Plot.plot({
        ...common,
        height: 40 + 90 * new Set(data.map((point) => point.protocol)).size,
        marginLeft: 60,
        marginRight: 90,
        x: { label: "seconds from the first packet" },
        y: { label: "bytes/s", grid: true },
        fy: { label: null },
        marks: [
          Plot.rectY(data, {
            x: "second",
            interval: 1,
            y: "bytes",
            fy: "protocol",
            fill: "protocol",
          }),
          Plot.frame(),
        ],
      }) as unknown as SvgElement);
    }
    case "talkers": {
      const data = overview.endpoints
        .map((e) => ({ address: e.address, bytes: e.txBytes + e.rxBytes }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 10);
      return svgText(Plot.plot({
        ...common,
        marginLeft: 220,
        x: { label: "bytes sent and received", grid: true },
        y: { label: null },
        marks: [
          Plot.barX(data, { x: "bytes", y: "address", sort: { y: "-x" }, fill: "steelblue" }),
          Plot.ruleX([0]),
        ],
      }) as unknown as SvgElement);
    }
    case "sizes":
      return svgText(Plot.plot({
        ...common,
        x: { label: "packet length on the wire (bytes)" },
        y: { label: "packets", grid: true },
        marks: [
          Plot.rectY([...overview.sizes], {
            ...Plot.binX({ y: "count" }, { x: (d: number) => d }),
            fill: "steelblue",
          }),
          Plot.ruleY([0]),
        ],
      }) as unknown as SvgElement);
    case "durations":
      return svgText(Plot.plot({
        ...common,
        x: { label: "flow duration (seconds)" },
        y: { label: "flows", grid: true },
        marks: [
          Plot.rectY(
            overview.flows.map((flow) => flow.duration),
            { ...Plot.binX({ y: "count" }, { x: (d: number) => d }), fill: "darkorange" },
          ),
          Plot.ruleY([0]),
        ],
      }) as unknown as SvgElement);
  }
}
