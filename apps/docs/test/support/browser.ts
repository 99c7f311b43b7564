import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * The system's Chromium (Debian's `chromium` package; `CHROMIUM` overrides the path). The tests
 * never download a browser. `undefined` when there is none: under CI that is a failure, elsewhere
 * the browser tests are skipped (scripts/ensure-chromium.mjs installs it as root on Debian).
 */
export function findChromium(): string | undefined {
  const candidates = [process.env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const found = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
    return found === "" ? undefined : found;
  } catch {
    return undefined;
  }
}

const inCI = process.env["CI"] === "true" || process.env["CI"] === "1";

/** Whether the browser tests can run here; throws under CI when Chromium is missing. */
export function chromiumAvailable(): boolean {
  if (findChromium() !== undefined) return true;
  if (inCI) throw new Error("Chromium is missing: CI needs it for the docs tests");
  return false;
}

/** Headless Chromium, driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error("Chromium is not installed");
  return chromium.launch({ executablePath, headless: true, args: ["--headless", "--no-sandbox"] });
}

/** What went wrong while a page was open: console errors, uncaught exceptions, failed requests. */
export function collectProblems(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("response", (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    // Leaving a page cancels its link prefetches: that is not a failure.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return problems;
}
