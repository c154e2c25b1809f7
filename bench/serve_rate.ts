/**
 * The live packet rate the serve.ts page keeps up with. As root: two namespaces joined by a
 * veth pair (bench/_live_net.ts), trafgen sending 60-byte UDP frames from one end at each
 * rate, `scripts/serve.ts -i` capturing on the other, and Debian's chromium (headless,
 * driven by puppeteer-core, both in the capture namespace) showing the page with "Follow"
 * on. The page's socket messages are watched: a packet is known to the page when its row
 * (its summary) reached it, so that the user can scroll to it. The page keeps up at a rate
 * when every packet serve.ts took is known to it, each status arrives with the rows it
 * counts (the list's length is the captured count), no status came more than one update
 * interval late (no gap over two intervals while packets came), and no update was skipped.
 * Prints, per rate, the packets sent, taken by serve.ts and known to the page, the statuses
 * that came without their rows, the largest gap between statuses, the updates skipped,
 * and the highest rate the page kept up with. Removes the namespaces at the end.
 *
 * ```sh
 * deno run -A bench/serve_rate.ts [--rates 100,1000,5000,10000,20000,50000] [--seconds 4]
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import puppeteer from "npm:puppeteer-core@24.43.1";
import { CAPTURE_IFACE, runTrafgen, TestNetwork, trafgenConfig } from "./_live_net.ts";
import { startServe } from "./_serve_process.ts";
import { has } from "./_tools.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rates: { type: "string", default: "100,1000,5000,10000,20000,50000" },
    seconds: { type: "string", default: "4" },
  },
});
const rates = values.rates.split(",").map(Number);
const seconds = Number(values.seconds);
if (!rates.every((rate) => Number.isInteger(rate) && rate > 0) || !(seconds > 0)) {
  console.error("serve_rate.ts: --rates must be positive integers, --seconds positive");
  Deno.exit(2);
}
for (const tool of ["trafgen", "ip", "ethtool", "timeout", "chromium"]) {
  if (!(await has(tool))) {
    console.error(`Cannot run: ${tool} is missing (apt-get install netsniff-ng chromium)`);
    Deno.exit(1);
  }
}
if (Deno.uid() !== 0) {
  console.error("Cannot run: the namespaces and trafgen need root");
  Deno.exit(1);
}

const network = new TestNetwork(`serve${Deno.pid}`);
const config = await Deno.makeTempFile({ suffix: ".cfg" });
const wrapper = await Deno.makeTempFile({ suffix: ".sh" });

/**
 * The highest rate asked of trafgen's `--gap` (evenly spaced, but it sends about 7,000
 * frames/s at most here); above, its `--rate` reaches the rate but in bursts (a page that
 * keeps up with even spacing may not keep up with them).
 */
const GAP_MAX = 20000;

/**
 * Sends at `rate` frames a second for `seconds`: up to {@linkcode GAP_MAX} evenly spaced,
 * with trafgen's `--gap` (its `--rate` sends each second's frames in one burst at rates
 * this low); above, with its `--rate` (bench/_live_net.ts' `runTrafgen()`).
 */
async function send(rate: number): Promise<{ sent: number; seconds: number }> {
  return await runTrafgen(network, { config, seconds, rate, gap: rate <= GAP_MAX });
}

/** The page's status line, parsed: packets taken and updates skipped. */
const STATUS = `(() => {
  const text = document.getElementById("status").textContent;
  return {
    total: Number(text.match(/^(\\d+) packets/)?.[1] ?? 0),
    skipped: Number(text.match(/(\\d+) updates skipped/)?.[1] ?? 0),
  };
})()`;

/** The server's update interval (lib/serve/server.ts' status timer), in milliseconds. */
const INTERVAL = 200;

/**
 * Watches, in the page, the socket's messages before the page handles them: the packet
 * numbers of the rows received (the packets the page knows), the statuses that came while
 * a row they count was still unknown, and the times of the statuses that counted new
 * packets.
 */
const WATCH_SOCKET = `
  window.watch = { known: new Set(), behind: 0, times: [], last: 0 };
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const message = JSON.parse(event.data);
        const watch = window.watch;
        if (message.type === "rows") {
          for (const row of message.rows) watch.known.add(row[0]);
        } else if (message.type === "status") {
          if (watch.known.size < message.endRow - message.firstRow) watch.behind++;
          if (message.total > watch.last) watch.times.push(performance.now());
          watch.last = message.total;
        }
      });
    }
  };
`;

/** What the page saw: packets known, statuses behind, the largest gap between statuses. */
const WATCHED = `(() => {
  const { known, behind, times } = window.watch;
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i] - times[i - 1]);
  return { known: known.size, behind, gap: Math.round(gap) };
})()`;

interface Row {
  rate: number;
  achieved: number;
  sent: number;
  taken: number;
  known: number;
  behind: number;
  gap: number;
  skipped: number;
}

const rows: Row[] = [];
try {
  await Deno.writeTextFile(config, trafgenConfig(60));
  await Deno.writeTextFile(
    wrapper,
    `#!/bin/sh\nexec ip netns exec ${network.capture} /usr/bin/chromium "$@"\n`,
  );
  await Deno.chmod(wrapper, 0o755);
  await network.create();
  await new Deno.Command("ip", { args: ["-n", network.capture, "link", "set", "lo", "up"] })
    .output();
  // Chromium runs in the namespace (serve.ts listens on its loopback); puppeteer talks to
  // it over a pipe, which crosses namespaces.
  const browser = await puppeteer.launch({
    executablePath: wrapper,
    pipe: true,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    for (const rate of rates) {
      await using serve = await startServe(["-i", CAPTURE_IFACE, "udp"], {
        namespace: network.capture,
      });
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 1280, height: 800 });
        await page.evaluateOnNewDocument(WATCH_SOCKET);
        await page.goto(serve.url);
        await page.waitForFunction(
          `document.getElementById("status").textContent.includes("live")`,
        );
        const sent = await send(rate);
        // Wait for the page to settle: the count stops changing for a second.
        let last = -1;
        for (let i = 0; i < 30; i++) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const { total } = await page.evaluate(STATUS) as { total: number };
          if (total === last) break;
          last = total;
        }
        const { total, skipped } = await page.evaluate(STATUS) as {
          total: number;
          skipped: number;
        };
        const { known, behind, gap } = await page.evaluate(WATCHED) as {
          known: number;
          behind: number;
          gap: number;
        };
        const achieved = Math.round(sent.sent / sent.seconds);
        rows.push({ rate, achieved, sent: sent.sent, taken: total, known, behind, gap, skipped });
        console.error(
          `${rate} pkt/s (${achieved} achieved): sent ${sent.sent}, taken ${total}, ` +
            `known ${known}, statuses behind ${behind}, gap ${gap} ms, skipped ${skipped}`,
        );
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
} finally {
  await network.remove();
  await Deno.remove(config).catch(() => {});
  await Deno.remove(wrapper).catch(() => {});
}

console.log(
  "| asked (pkt/s) | sent (pkt/s) | sent | taken by serve.ts | known to the page | " +
    "statuses behind | largest status gap (ms) | updates skipped |",
);
console.log("| --: | --: | --: | --: | --: | --: | --: | --: |");
for (const row of rows) {
  console.log(
    `| ${row.rate} | ${row.achieved} | ${row.sent} | ${row.taken} | ${row.known} | ${row.behind} | ${row.gap} | ${row.skipped} |`,
  );
}
const kept = rows.filter((row) =>
  row.taken > 0 && row.known === row.taken && row.behind === 0 && row.skipped === 0 &&
  row.gap <= 2 * INTERVAL
);
console.log(
  kept.length === 0
    ? "The page kept up at none of these rates."
    : `Highest rate the page kept up with: ${
      Math.max(...kept.map((row) => row.achieved))
    } pkt/s (sent)`,
);
