// Headless chromium (Debian's, driven by puppeteer-core) as the serve.ts browser tests
// launch it; they skip when it is not installed (dev.sh installs it).

import puppeteer, { type Browser } from "npm:puppeteer-core@24.43.1";
import { hasCommand } from "./_shared.ts";

/** Whether chromium is installed. */
export const hasChromium: boolean = await hasCommand("chromium");

/**
 * Launches headless chromium.
 *
 * @returns The browser (close it when done).
 */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
}
