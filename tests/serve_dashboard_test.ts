// The dashboard and the field highlight of scripts/serve.ts's page, in headless chromium
// (puppeteer-core): the uPlot charts draw their series, the top talkers are tshark's IP
// endpoints, selecting a field highlights that field's bytes, and without the charting
// library the page says so and keeps working. Screenshots go to $WIREKIT_ARTIFACTS (else
// a temporary folder removed afterwards). Skipped when chromium is not installed (dev.sh installs it).

import assert from "node:assert/strict";
import type { Browser, Page } from "npm:puppeteer-core@24.43.1";
import { hasTshark } from "./_tshark.ts";
import { hasChromium, launchChromium } from "./_chromium.ts";
import { inkShare, screenshotFolder, SERVE_FILE, startServe } from "./_serve.ts";

const tshark = await hasTshark();

async function openPage(browser: Browser, url: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(url);
  await page.waitForFunction(
    `document.getElementById("status").textContent.includes("end of capture")`,
  );
  return page;
}

/** tshark's IPv4 and IPv6 endpoints: `address packets bytes` lines, sorted. */
async function tsharkEndpoints(): Promise<string[]> {
  const output = await new Deno.Command("tshark", {
    args: ["-n", "-r", SERVE_FILE, "-q", "-z", "endpoints,ip", "-z", "endpoints,ipv6"],
    stdout: "piped",
    stderr: "null",
  }).output();
  const lines = new TextDecoder().decode(output.stdout).split("\n");
  return lines.map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length === 7 && /^[\d.:a-f]+$/.test(cells[0]!))
    .map((cells) => cells.slice(0, 3).join(" "))
    .sort();
}

/** Pixels of a canvas in a colour (`rgb(r, g, b)` as the series stroke). */
function pixelsOf(page: Page, selector: string, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    const [r, g, b] = ${JSON.stringify(rgb)};
    let count = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b) count++;
    }
    return count;
  })()`) as Promise<number>;
}

/** The hex dump's highlighted bytes, as text: `0a 4d 00 01`. */
function highlightedHex(page: Page): Promise<string> {
  return page.$$eval("#hex span.hl", (spans) => spans.map((s) => s.textContent).join(" "));
}

/** Opens every branch of the detail tree and selects the field at `path` of a layer. */
async function selectField(page: Page, kind: string, path: string): Promise<void> {
  await page.$$eval("#tree details", (all) => all.forEach((d) => d.setAttribute("open", "")));
  const item = `#tree details[data-kind="${kind}"] li[data-field="${path}"]`;
  const target = await page.$(`${item} > details > summary`) ?? await page.$(item);
  assert.ok(target !== null, `no field ${path} in ${kind}`);
  await target.click();
}

Deno.test({
  name: "serve.ts page draws charts, lists top talkers and highlights a field's bytes",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  await using artifacts = await screenshotFolder();
  await using serve = await startServe(["-r", SERVE_FILE]);
  const browser = await launchChromium();
  try {
    const problems: string[] = [];
    const page = await openPage(browser, serve.url, problems);
    await page.waitForFunction(
      `document.querySelectorAll("#chart-packets canvas, #chart-bytes canvas").length === 2 &&
        document.querySelectorAll("#talkers tr").length > 1`,
    );
    // Each chart draws its first series (the commonest protocol) in the first colour.
    for (const chart of ["#chart-packets canvas", "#chart-bytes canvas"]) {
      assert.ok(await pixelsOf(page, chart, [0x2f, 0x6f, 0xd6]) > 20, `${chart} has no line`);
    }
    const legend = await page.$$eval(
      "#chart-packets .u-legend .u-label",
      (labels) => labels.map((l) => l.textContent),
    );
    assert.ok(legend.includes("icmp") && legend.includes("tcp"), legend.join(","));
    const dashboard = `${artifacts.path}/serve-dashboard.png`;
    await (await page.$("#dashboard"))!.screenshot({ path: dashboard });
    assert.ok(await inkShare(await Deno.readFile(dashboard)) > 0.01, "the dashboard is blank");

    // Top talkers: the IP endpoints tshark counts, with their packets and bytes.
    // (A snapshot is sent each second: wait for one taken after the whole file.)
    const readTalkers = () =>
      page.$$eval(
        "#talkers tr",
        (rows) => rows.slice(1).map((row) => [...row.cells].map((c) => c.textContent).join(" ")),
      );
    let talkers = await readTalkers();
    if (tshark) {
      const expected = await tsharkEndpoints();
      for (let i = 0; i < 30 && talkers.toSorted().join() !== expected.join(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        talkers = await readTalkers();
      }
      assert.deepEqual(talkers.toSorted(), expected);
    }
    assert.ok(talkers.length >= 2);
    const flows = await page.$$eval("#flows tr", (rows) => rows.length - 1);
    assert.ok(flows > 0, "no flows listed");

    // A TCP SYN: its MSS option, the IPv4 source and the TCP flags each light their bytes.
    await page.type("#filter", "tcp[tcpflags] == tcp-syn");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      `document.getElementById("status").textContent.includes("(filter: tcp[") &&
        [...document.querySelectorAll("#rows .row")].every((row) => row.matches(".p-tcp"))`,
    );
    await page.click("#rows .row[data-number]");
    await page.waitForSelector('#tree details[data-kind="tcp"]');
    await selectField(page, "tcp", "options.0");
    assert.equal(await highlightedHex(page), "02 04 05 b4"); // MSS 1460
    await selectField(page, "ipv4", "source");
    assert.equal(await highlightedHex(page), "0a 4d 00 01"); // 10.77.0.1
    await selectField(page, "tcp", "flags");
    assert.equal(await highlightedHex(page), "a0 02"); // data offset 10, SYN
    const detail = `${artifacts.path}/serve-field.png`;
    await page.screenshot({ path: detail });
    assert.ok(await inkShare(await Deno.readFile(detail)) > 0.01);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

Deno.test({
  name: "serve.ts page says when the charting library is missing and keeps working",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  await using serve = await startServe(["-r", SERVE_FILE]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/vendor/")) {
        void request.respond({ status: 404, contentType: "text/plain", body: "not installed" });
      } else void request.continue();
    });
    await page.goto(serve.url);
    await page.waitForFunction(
      `document.getElementById("status").textContent.includes("end of capture") &&
        document.querySelectorAll("#talkers tr").length > 1`,
    );
    assert.match(
      await page.$eval("#charts", (e) => e.textContent!),
      /^Charts are not available: the npm package uplot is not installed/,
    );
    assert.ok(await page.$$eval("#rows .row[data-number]", (rows) => rows.length) > 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
