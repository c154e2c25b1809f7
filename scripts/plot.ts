/**
 * plot: pictures of a capture file as SVG, drawn without a browser (Observable Plot over
 * linkedom), or a one-file HTML report that opens offline:
 *
 * ```sh
 * deno run --allow-read --allow-write scripts/plot.ts [-c CHART] [-o OUT] FILE
 * deno run --allow-read --allow-write scripts/plot.ts --html [-o OUT] FILE
 * ```
 *
 * - `-c CHART`, `--chart CHART`: `traffic` (bytes per second by protocol, the default),
 *   `talkers` (the top ten IP endpoints by bytes), `sizes` (packet-size histogram) or
 *   `durations` (flow durations).
 * - `--html`: the report: summary, protocol hierarchy, the four charts, top flows, top DNS
 *   names.
 * - `-o OUT`: write there (needs `--allow-write`); without it, to standard output (then
 *   `--allow-read` alone is enough).
 *
 * @module
 */

import { requirePermissions } from "./_permissions.ts";
import { parseOrExit, reportUnreadable } from "./_cli.ts";
import { CHART_NAMES, type ChartName, drawChart } from "../lib/plot/charts.ts";
import { htmlReport } from "../lib/plot/html_report.ts";
import { captureOverview } from "../lib/stats/capture_overview.ts";
import { captureStatistics } from "../lib/stats/tshark_statistics.ts";

const USAGE = "[-c CHART | --html] [-o OUT] FILE";

async function main(args: string[]): Promise<number> {
  const usage = `Usage: deno run --allow-read --allow-write scripts/plot.ts ${USAGE}`;
  const { values, positionals } = parseOrExit(
    args,
    {
      chart: { type: "string", short: "c", default: "traffic" },
      html: { type: "boolean", default: false },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h", default: false },
    },
    usage,
    [
      { flags: "-c, --chart CHART", text: `${CHART_NAMES.join(", ")} (default traffic)` },
      { flags: "--html", text: "a one-file HTML report of the capture instead of one chart" },
      { flags: "-o, --output OUT", text: "write to OUT (default: standard output)" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  if (positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  if (!(CHART_NAMES as readonly string[]).includes(values.chart)) {
    console.error(`Unknown chart: ${values.chart} (${CHART_NAMES.join(", ")})`);
    return 2;
  }
  const file = positionals[0]!;
  const output = values.output;
  requirePermissions({
    script: "scripts/plot.ts",
    usage: USAGE,
    needs: [
      { name: "read", path: file },
      ...(output === undefined ? [] : [{ name: "write" as const, path: output }]),
    ],
  });
  let text: string;
  try {
    const overview = await captureOverview(file);
    if (values.html) {
      const [phs] = await captureStatistics(file, [{ kind: "io,phs" }]);
      const protocols = phs !== undefined && "protocols" in phs ? phs.protocols : [];
      text = htmlReport({ title: file.split("/").at(-1)!, overview, protocols });
    } else {
      text = drawChart(values.chart as ChartName, overview) + "\n";
    }
  } catch (error) {
    reportUnreadable(file, error);
    return 1;
  }
  if (output === undefined) {
    Deno.stdout.writeSync(new TextEncoder().encode(text));
    return 0;
  }
  try {
    Deno.writeTextFileSync(output, text);
  } catch (error) {
    console.error(`Cannot write ${output}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
