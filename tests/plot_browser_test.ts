// scripts/plot.ts's SVG and HTML report, checked in a real headless browser: Debian's
// chromium driven by puppeteer-core. The report must load offline with no console error
// and show its four charts; a screenshot of each is taken and its non-blank area measured
// (in the browser, through a canvas). Skips when chromium is not installed.

import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import puppeteer, { type Browser, type Page } from "npm:puppeteer-core@24.43.1";
import { runScript } from "./_shared.ts";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
});

/** The share of a PNG's pixels that are not white, measured in the page's own canvas. */
async function inkShare(page: Page, png: Uint8Array): Promise<number> {
  const url = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  // A string, as the test is type-checked without the DOM library.
  const share = await page.evaluate(`(async (source) => {
    const image = new Image();
    image.src = source;
    await image.decode();
    const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) ink++;
    }
    return ink / (data.length / 4);
  })(${JSON.stringify(url)})`);
  return share as number;
}

/** Opens a file in a new page, collecting console errors and page errors. */
async function open(browser: Browser, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 700 });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  // Offline: any request that leaves the file fails the test.
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("file:") || url.startsWith("data:")) return void request.continue();
    errors.push(`request to ${url}`);
    return void request.abort();
  });
  await page.goto(`file://${path}`);
  return { page, errors };
}

Deno.test({
  name: "scripts/plot.ts --html writes a report that chromium shows offline with four charts",
  ignore: CHROMIUM === undefined,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const report = `${dir}/report.html`;
      const svg = `${dir}/sizes.svg`;
      const run = (args: string[]) => {
        const result = runScript("scripts/plot.ts", args);
        assert.equal(result.stderr, "");
        assert.equal(result.code, 0);
      };
      // runScript grants --allow-read only: writing needs --allow-write, so write via stdout.
      const html = runScript("scripts/plot.ts", ["--html", "testdata/namespaces.pcap"]);
      assert.equal(html.code, 0, html.stderr);
      Deno.writeTextFileSync(report, html.stdout);
      const chart = runScript("scripts/plot.ts", ["-c", "sizes", "testdata/namespaces.pcap"]);
      assert.equal(chart.code, 0, chart.stderr);
      Deno.writeTextFileSync(svg, chart.stdout);
      run(["-c", "durations", "testdata/namespaces.pcap"]);

      const browser = await puppeteer.launch({
        executablePath: CHROMIUM ?? "",
        args: ["--no-sandbox", "--disable-gpu"],
      });
      try {
        const { page, errors } = await open(browser, report);
        assert.equal(await page.title(), "namespaces.pcap: wirekit report");
        const charts = await page.$$("section.chart svg");
        assert.equal(charts.length, 4);
        for (const chart of charts) {
          const box = await chart.boundingBox();
          assert.ok(box !== null && box.width > 300 && box.height > 100, JSON.stringify(box));
          const share = await inkShare(page, (await chart.screenshot()) as Uint8Array);
          assert.ok(share > 0.01, `chart nearly blank: ${share}`);
        }
        const whole = await inkShare(
          page,
          (await page.screenshot({ fullPage: true })) as Uint8Array,
        );
        assert.ok(whole > 0.02, `report nearly blank: ${whole}`);
        const text = await page.$eval("body", (body) => body.textContent ?? "");
        assert.match(text, /Top flows[\s\S]*10\.77\.0\.1:47282/);
        assert.deepEqual(errors, []);

        const picture = await open(browser, svg);
        const share = await inkShare(picture.page, (await picture.page.screenshot()) as Uint8Array);
        assert.ok(share > 0.01, `SVG nearly blank: ${share}`);
        assert.deepEqual(picture.errors, []);
      } finally {
        await browser.close();
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "scripts/plot.ts names missing permissions and rejects a bad chart",
  permissions: { read: true, run: true },
  fn() {
    const missing = runScript("scripts/plot.ts", ["testdata/namespaces.pcap"], false);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^Cannot run scripts\/plot\.ts: missing permission --allow-read\n/,
    );
    const write = runScript("scripts/plot.ts", ["-o", "/tmp/x.svg", "testdata/namespaces.pcap"]);
    assert.equal(write.code, 2);
    assert.match(write.stderr, /missing permission --allow-write/);
    const bad = runScript("scripts/plot.ts", ["-c", "pie", "testdata/namespaces.pcap"]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, "Unknown chart: pie (traffic, talkers, sizes, durations)\n");
    const svg = runScript("scripts/plot.ts", ["-c", "talkers", "testdata/namespaces.pcap"]);
    assert.equal(svg.code, 0);
    assert.match(
      svg.stdout,
      /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*10\.77\.0\.1/,
    );
  },
});
