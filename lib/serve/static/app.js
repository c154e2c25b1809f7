// The page of scripts/serve.ts: a virtualised packet list (only the visible rows are in the
// DOM; rows are pulled from the server as they scroll into view, and pushed by it with each
// status while the list follows the capture), the layer tree and hex
// dump of the selected packet (a field's bytes highlighted when it is selected), a tcpdump
// filter applied by the server, pause and download; charts and top lists in charts.js.

import { chartsAvailable, showStats } from "./charts.js";

const ROW = 20;
const $ = (id) => document.getElementById(id);
const list = $("list");
const rowsBox = $("rows");
const spacer = $("spacer");
const socket = new WebSocket(
  `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/socket${location.search}`,
);

const state = {
  firstRow: 0,
  endRow: 0,
  status: undefined,
  paused: false,
  cache: new Map(),
  pending: new Set(),
  selected: undefined,
  filter: "",
  following: false,
};
const CACHE_LIMIT = 20000;

const send = (message) => {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
};

function timeText(seconds) {
  const date = new Date(seconds * 1000);
  const micro = String(Math.floor((seconds % 1) * 1e6 + 0.5) % 1e6).padStart(6, "0");
  return `${date.toISOString().slice(11, 19)}.${micro}`;
}

function span(text, className) {
  const element = document.createElement("span");
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** Draws the rows in view, asking the server for those it has not sent. */
function render() {
  const total = state.endRow - state.firstRow;
  spacer.style.height = `${total * ROW}px`;
  const top = list.scrollTop;
  const first = state.firstRow + Math.floor(top / ROW);
  const visible = Math.ceil(list.clientHeight / ROW) + 1;
  const last = Math.min(first + visible, state.endRow);
  const missing = [];
  for (let i = first; i < last; i++) if (!state.cache.has(i)) missing.push(i);
  if (missing.length > 0) {
    const from = missing[0];
    const key = `${from}:${last}`;
    if (!state.pending.has(key)) {
      state.pending.add(key);
      send({ type: "rows", from, count: last - from + visible });
    }
  }
  rowsBox.style.transform = `translateY(${(first - state.firstRow) * ROW}px)`;
  const children = [];
  for (let i = first; i < last; i++) {
    const row = state.cache.get(i);
    const element = document.createElement("div");
    element.className = "row";
    if (row === undefined) {
      element.append(span("…"));
    } else {
      const [number, time, source, destination, protocol, length, line] = row;
      element.dataset.number = String(number);
      element.className = `row p-${protocol}`;
      if (number === state.selected) element.classList.add("selected");
      element.append(
        span(String(number)),
        span(timeText(time)),
        span(source),
        span(destination),
        span(protocol),
        span(String(length)),
        span(line, "line"),
      );
    }
    children.push(element);
  }
  rowsBox.replaceChildren(...children);
}

const atBottom = () => list.scrollTop + list.clientHeight >= list.scrollHeight - ROW;

/** Tells the server whether to push new rows: while following the tail, unpaused. */
function updateFollow() {
  const on = !state.paused && $("follow").checked && atBottom();
  if (on === state.following) return;
  state.following = on;
  send({ type: "follow", on });
}

function applyStatus(status) {
  state.status = status;
  // A reply the server skipped while this page was slow is asked for again.
  state.pending.clear();
  const following = atBottom();
  if (!state.paused) {
    state.firstRow = status.firstRow;
    state.endRow = status.endRow;
    for (const key of state.cache.keys()) if (key < status.firstRow) state.cache.delete(key);
  }
  const shown = state.endRow - state.firstRow;
  $("status").textContent = [
    `${status.total} packets`,
    `${shown} shown${state.filter === "" ? "" : ` (filter: ${state.filter})`}`,
    `${status.evicted} not kept (ring of ${status.capacity})`,
    `${status.skipped} updates skipped`,
    status.finished ? "end of capture" : "live",
    state.paused ? "paused" : "",
  ].filter((part) => part !== "").join(" · ");
  render();
  if (!state.paused && $("follow").checked && following) {
    list.scrollTop = list.scrollHeight;
  }
}

/** The tree of a layer's fields; each item's `data-field` is its path (`options.0`). */
function fieldItems(value, prefix = "") {
  const ul = document.createElement("ul");
  for (const [key, field] of Object.entries(value)) {
    const li = document.createElement("li");
    li.dataset.field = prefix + key;
    if (field !== null && typeof field === "object") {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = key;
      details.append(summary, fieldItems(field, `${prefix}${key}.`));
      li.append(details);
    } else {
      li.textContent = `${key}: ${field}`;
    }
    ul.append(li);
  }
  return ul;
}

function hexDump(hex) {
  const pre = $("hex");
  const lines = [];
  const count = hex.length / 2;
  for (let at = 0; at < count; at += 16) {
    const line = document.createElement("div");
    line.append(at.toString(16).padStart(4, "0") + "  ");
    let ascii = "";
    for (let i = at; i < Math.min(at + 16, count); i++) {
      const byte = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      const b = span(hex.slice(i * 2, i * 2 + 2));
      b.dataset.i = String(i);
      line.append(b, i % 16 === 7 ? "  " : " ");
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
    }
    const n = Math.min(16, count - at);
    line.append(" ".repeat((16 - n) * 3 + (n <= 7 ? 2 : 1)) + ascii);
    lines.push(line);
  }
  pre.replaceChildren(...lines);
}

function highlight(start, end, item) {
  for (const b of $("hex").querySelectorAll("span[data-i]")) {
    const i = Number(b.dataset.i);
    b.classList.toggle("hl", i >= start && i < end);
  }
  for (const active of $("tree").querySelectorAll(".active")) active.classList.remove("active");
  item.classList.add("active");
}

function showDetail(detail) {
  if (detail.number !== state.selected) return;
  hexDump(detail.bytes);
  const tree = $("tree");
  const items = detail.layers.map((layer) => {
    const details = document.createElement("details");
    details.className = "layer";
    details.dataset.kind = layer.kind;
    const summary = document.createElement("summary");
    summary.textContent = `${layer.kind} (bytes ${layer.offset}–${
      layer.offset + layer.headerLength - 1
    })`;
    const fields = fieldItems(layer.fields);
    details.append(summary, fields);
    const start = layer.offset;
    const end = layer.offset + layer.headerLength;
    summary.addEventListener("click", () => highlight(start, end, details));
    // A field's bytes as the server placed them; else its parent's; else the header's.
    for (const li of fields.querySelectorAll("li")) {
      li.addEventListener("click", (event) => {
        event.stopPropagation();
        const path = li.dataset.field.split(".");
        while (path.length > 0 && layer.ranges[path.join(".")] === undefined) path.pop();
        const [from, to] = path.length > 0 ? layer.ranges[path.join(".")] : [start, end];
        highlight(from, to, li);
      });
    }
    return details;
  });
  if (detail.error) {
    const error = document.createElement("div");
    error.textContent = `error: ${detail.error}`;
    items.push(error);
  }
  tree.replaceChildren(...items);
}

socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "status") applyStatus(message);
  else if (message.type === "stats") showStats(message);
  else if (message.type === "rows") {
    state.pending.clear();
    message.rows.forEach((row, i) => state.cache.set(message.from + i, row));
    // The oldest rows cached go first (a Map keeps insertion order).
    for (const key of state.cache.keys()) {
      if (state.cache.size <= CACHE_LIMIT) break;
      state.cache.delete(key);
    }
    render();
  } else if (message.type === "detail") showDetail(message);
  else if (message.type === "filter") {
    state.filter = message.expression;
    $("filter").classList.remove("bad");
    $("error").textContent = "";
    const query = new URLSearchParams(location.search);
    if (state.filter !== "") query.set("filter", state.filter);
    $("download").href = `download.pcapng?${query}`;
  } else if (message.type === "error") {
    $("filter").classList.add("bad");
    $("error").textContent = message.message;
  }
});
socket.addEventListener("open", () => updateFollow());
socket.addEventListener("close", () => {
  $("status").textContent = `disconnected · ${$("status").textContent}`;
});

$("filter-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.cache.clear();
  state.pending.clear();
  state.firstRow = state.endRow = 0;
  list.scrollTop = 0;
  send({ type: "filter", expression: $("filter").value });
});
$("pause").addEventListener("click", () => {
  state.paused = !state.paused;
  $("pause").textContent = state.paused ? "Resume" : "Pause";
  if (state.status) applyStatus(state.status);
  updateFollow();
});
$("follow").addEventListener("change", () => updateFollow());
list.addEventListener("scroll", () => {
  render();
  updateFollow();
});
rowsBox.addEventListener("click", (event) => {
  const row = event.target.closest(".row");
  if (!row?.dataset.number) return;
  state.selected = Number(row.dataset.number);
  render();
  send({ type: "detail", number: state.selected });
});
new ResizeObserver(() => render()).observe(list);
chartsAvailable();
