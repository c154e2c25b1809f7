// The dashboard of the page: packets and bytes per second by protocol (uPlot, served by
// serve.ts from node_modules), the top talkers and the top flows, from the server's
// "stats" messages. Without uPlot the charts say so and the rest of the page works.

const COLORS = ["#2f6fd6", "#1a8a3a", "#d6572f", "#7b1fa2", "#c49000", "#0e8f8f", "#8a8a8a"];
const charts = { packets: undefined, bytes: undefined, protocols: "" };

function chartBox(id) {
  return document.getElementById(id);
}

/** Draws one chart, made again when the set of protocols changed. */
function draw(name, title, protocols, data) {
  const box = chartBox(`chart-${name}`);
  const width = Math.max(200, box.clientWidth);
  if (charts[name] === undefined || charts.protocols !== protocols.join(",")) {
    charts[name]?.destroy();
    box.replaceChildren();
    charts[name] = new uPlot(
      {
        title,
        width,
        // Besides the plot: its title and its legend (about 20px a line, about four series each).
        height: Math.max(80, box.clientHeight - 20 - 20 * Math.ceil(protocols.length / 4)),
        legend: { live: false },
        cursor: { show: false },
        scales: { x: { time: true } },
        series: [
          {},
          ...protocols.map((label, i) => ({
            label,
            stroke: COLORS[i % COLORS.length],
            width: 1.5,
          })),
        ],
      },
      data,
      box,
    );
  } else {
    charts[name].setData(data);
    if (charts[name].width !== width) charts[name].setSize({ width, height: charts[name].height });
  }
}

function table(id, head, rows) {
  const element = document.getElementById(id);
  const header = document.createElement("tr");
  for (const text of head) {
    const th = document.createElement("th");
    th.textContent = text;
    header.append(th);
  }
  const body = rows.map((cells) => {
    const tr = document.createElement("tr");
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = String(text);
      tr.append(td);
    }
    return tr;
  });
  element.replaceChildren(header, ...body);
}

/** Whether the charting library loaded; when not, says so in the charts' place. */
export function chartsAvailable() {
  if (typeof uPlot === "function") return true;
  chartBox("charts").replaceChildren(
    "Charts are not available: the npm package uplot is not installed (run npm ci in the wirekit folder).",
  );
  chartBox("charts").classList.add("missing");
  return false;
}

/** Shows a "stats" message: the charts (when uPlot loaded) and the two panels. */
export function showStats(stats) {
  if (chartsAvailable()) {
    const top = stats.protocols.slice(0, COLORS.length - 1);
    const rest = stats.protocols.length > top.length;
    const protocols = rest ? [...top, "other"] : top;
    for (const [name, title] of [["packets", "packets/s"], ["bytes", "bytes/s"]]) {
      const series = stats[name].slice(0, top.length);
      if (rest) {
        series.push(
          stats.seconds.map((_, i) =>
            stats[name].slice(top.length).reduce((sum, values) => sum + values[i], 0)
          ),
        );
      }
      draw(name, title, protocols, [stats.seconds, ...series]);
    }
    charts.protocols = protocols.join(",");
  }
  // At their flow limit the server's tables start over: say how often that happened.
  const restarts = stats.resets > 0 ? ` (tables restarted ${stats.resets}×)` : "";
  table(
    "talkers",
    [`Talker${restarts}`, "Packets", "Bytes"],
    stats.talkers.map((t) => [t.address, t.packets, t.bytes]),
  );
  table(
    "flows",
    ["Flow", "Protocol", "Packets", "Bytes"],
    stats.flows.map((f) => [`${f.a} ↔ ${f.b}`, f.protocol, f.packets, f.bytes]),
  );
}
