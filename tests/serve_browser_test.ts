// The page of scripts/serve.ts in a real headless browser: Debian's chromium, driven by
// puppeteer-core (npm). serve.ts runs as a user runs it, on testdata/namespaces.pcap; the
// test reads the virtualised list by scrolling it, filters it, opens a packet's layers and
// hex dump, and saves screenshots (to $WIREKIT_ARTIFACTS, else a temporary folder removed
// afterwards) that it checks are not blank. Skipped when chromium is not installed (dev.sh installs it).

import assert from "node:assert/strict";
import type { Page } from "npm:puppeteer-core@24.43.1";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { hasCommand } from "./_shared.ts";
import { hasChromium, launchChromium } from "./_chromium.ts";
import { inkShare, screenshotFolder, SERVE_FILE, sniffLines, startServe } from "./_serve.ts";

/** Scrolls the list from top to bottom, reading each row's number and tcpdump line. */
async function readList(page: Page): Promise<string[]> {
  const lines = new Map<number, string>();
  await page.$eval("#list", (list) => {
    list.scrollTop = 0;
    list.dispatchEvent(new Event("scroll"));
  });
  for (let pass = 0; pass < 1000; pass++) {
    await page.waitForFunction(
      `[...document.querySelectorAll("#rows .row")].every((row) => row.hasAttribute("data-number"))`,
    );
    const rows = await page.$$eval("#rows .row", (elements) =>
      elements.map((row) =>
        [
          Number(row.getAttribute("data-number")),
          row.querySelector(".line")!.textContent!,
        ] as [number, string]
      ));
    for (const [number, line] of rows) lines.set(number, line);
    const more = await page.$eval("#list", (list) => {
      const before = list.scrollTop;
      list.scrollTop += list.clientHeight - 20;
      // The scroll event comes at the next frame: draw the new rows now.
      list.dispatchEvent(new Event("scroll"));
      return list.scrollTop > before;
    });
    if (!more) break;
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

Deno.test({
  name: "serve.ts page shows, filters and details the packets of a file",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  await using artifacts = await screenshotFolder();
  await using serve = await startServe(["-r", SERVE_FILE]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(String(error)));
    await page.goto(serve.url);
    await page.waitForFunction(
      `document.getElementById("status").textContent.includes("end of capture")`,
    );
    const all = sniffLines();
    assert.deepEqual(await readList(page), all);
    assert.match(await page.$eval("#status", (e) => e.textContent!), /^46 packets · 46 shown/);
    // Virtualised: far fewer rows in the DOM than packets would be in a long capture.
    const inDom = await page.$$eval("#rows .row", (rows) => rows.length);
    assert.ok(inDom > 0 && inDom <= 46, `${inDom} rows in the DOM`);
    await page.$eval("#list", (list) => (list.scrollTop = 0));
    const shot = `${artifacts.path}/serve-list.png`;
    await page.screenshot({ path: shot });
    assert.ok(await inkShare(await Deno.readFile(shot)) > 0.01, "the list screenshot is blank");

    // A filter narrows the list to what sniff.ts prints with it.
    await page.type("#filter", "icmp");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      `document.getElementById("status").textContent.includes("(filter: icmp)")`,
    );
    const icmp = sniffLines(["icmp"]);
    assert.ok(icmp.length > 0 && icmp.length < all.length);
    assert.deepEqual(await readList(page), icmp);
    const href = await page.$eval("#download", (a) => a.getAttribute("href")!);
    assert.equal(href, "download.pcapng?filter=icmp");
    await using reader = await openCapture(
      ReadableStream.from([await (await fetch(new URL(href, serve.url))).bytes()]),
    );
    assert.equal((await Array.fromAsync(reader)).length, icmp.length);

    // A bad filter says why, on one line.
    await page.click("#filter", { clickCount: 3 });
    await page.type("#filter", "port nope");
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.getElementById("error").textContent !== ""`);
    assert.match(await page.$eval("#error", (e) => e.textContent!), /^Cannot filter: /);
    await page.click("#filter", { clickCount: 3 });
    await page.type("#filter", "icmp");
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.getElementById("error").textContent === ""`);

    // The detail pane: the layers, and the selected layer's bytes highlighted.
    await page.$eval("#list", (list) => (list.scrollTop = 0));
    await page.waitForSelector("#rows .row[data-number]");
    await page.click("#rows .row[data-number]");
    await page.waitForSelector("#tree details.layer");
    assert.deepEqual(
      await page.$$eval(
        "#tree details.layer",
        (layers) => layers.map((layer) => layer.getAttribute("data-kind")),
      ),
      ["ethernet", "ipv4", "icmp"],
    );
    const highlighted = () =>
      page.$$eval(
        "#hex span.hl",
        (spans) => spans.map((s) => Number(s.getAttribute("data-i"))),
      );
    await page.click('#tree details[data-kind="ipv4"] > summary');
    assert.deepEqual(await highlighted(), Array.from({ length: 20 }, (_, i) => 14 + i));
    // A field highlights its own bytes: ICMP's checksum is bytes 2-3 of its header.
    await page.$eval(
      '#tree details[data-kind="icmp"]',
      (d) => d.setAttribute("open", ""),
    );
    await page.click('#tree details[data-kind="icmp"] > ul > li[data-field="checksum"]');
    assert.deepEqual(await highlighted(), [36, 37]);
    const detailShot = `${artifacts.path}/serve-detail.png`;
    await page.screenshot({ path: detailShot });
    assert.ok(await inkShare(await Deno.readFile(detailShot)) > 0.01);

    // Pause and resume.
    await page.click("#pause");
    assert.equal(await page.$eval("#pause", (b) => b.textContent), "Resume");
    await page.waitForFunction(`document.getElementById("status").textContent.endsWith("paused")`);
    await page.click("#pause");
    assert.equal(await page.$eval("#pause", (b) => b.textContent), "Pause");

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

const root = Deno.uid() === 0;
const ping = await hasCommand("ping");

Deno.test({
  name: "serve.ts page shows live packets captured on loopback",
  ignore: !hasChromium || !root || !ping,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  await using artifacts = await screenshotFolder();
  // Only this test's pings: an ICMP identifier is the pinging process's, so filter on the
  // address 127.0.0.77, which nothing else on this host talks to.
  await using serve = await startServe(["-i", "lo", "icmp", "and", "host", "127.0.0.77"]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(String(error)));
    await page.goto(serve.url);
    await page.waitForFunction(`document.getElementById("status").textContent.includes("live")`);
    const pinged = await new Deno.Command("ping", {
      args: ["-n", "-c", "3", "-i", "0.2", "127.0.0.77"],
      stdout: "null",
      stderr: "null",
    }).output();
    assert.equal(pinged.code, 0);
    await page.waitForFunction(
      `document.querySelectorAll("#rows .row[data-number]").length === 6`,
    );
    const lines = await page.$$eval("#rows .row .line", (rows) => rows.map((r) => r.textContent!));
    assert.equal(lines.filter((line) => / ICMP echo request, /.test(line)).length, 3);
    assert.equal(lines.filter((line) => / ICMP echo reply, /.test(line)).length, 3);
    assert.ok(lines.every((line) => /^IP 127\.0\.0\.\d+ > 127\.0\.0\.\d+: ICMP echo/.test(line)));
    // The dashboard follows: 127.0.0.77 talks, in one ICMP flow of 6 packets, and the chart draws.
    await page.waitForFunction(
      `[...document.querySelectorAll("#talkers td")].some((td) => td.textContent === "127.0.0.77") &&
        [...document.querySelectorAll("#flows tr")].some((tr) =>
          tr.cells[1]?.textContent === "icmp" && tr.cells[2]?.textContent === "6") &&
        document.querySelector("#chart-packets canvas") !== null`,
    );
    const shot = `${artifacts.path}/serve-live.png`;
    await page.screenshot({ path: shot });
    assert.ok(await inkShare(await Deno.readFile(shot)) > 0.01);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

Deno.test({
  name: "serve.ts page scrolls a million packets with only the visible rows in the DOM",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const PACKETS = 1000000;
  const frame = new Uint8Array(60);
  frame.fill(0xff, 0, 6);
  frame.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12); // an ARP request
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(
      file,
      pcapBytes(Array.from({ length: PACKETS }, (_, i) => ({
        timestamp: BigInt(i) * 1000n,
        data: frame,
      }))),
    );
    await using serve = await startServe(["-r", file, "--keep", String(PACKETS)]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(serve.url);
      await page.waitForFunction(
        `document.getElementById("status").textContent.startsWith("${PACKETS} packets")`,
        { timeout: 120000 },
      );
      for (const fraction of [0.5, 0.999, 0.1]) {
        const wanted = await page.$eval("#list", (list, f) => {
          list.scrollTop = Math.floor((list.scrollHeight - list.clientHeight) * f);
          return Math.floor(list.scrollTop / 20) + 1;
        }, fraction);
        await page.waitForFunction(
          `document.querySelector("#rows .row")?.dataset.number === "${wanted}"`,
        );
        const numbers = await page.$$eval(
          "#rows .row",
          (rows) => rows.map((row) => Number(row.getAttribute("data-number"))),
        );
        assert.ok(numbers.length > 10 && numbers.length < 100, `${numbers.length} rows in the DOM`);
        assert.deepEqual(numbers, numbers.map((_, i) => wanted + i));
      }
    } finally {
      await browser.close();
    }
  } finally {
    await Deno.remove(file);
  }
});
