import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, collectProblems, launchChromium } from "./support/browser.js";
import { patience } from "./support/patience.js";
import { type SiteServer, serveSite } from "./support/server.js";
import { distDir, ensureSite } from "./support/site.js";

/** The `d` of every line the chart draws (one per schedule). */
const curves = (page: Page) =>
  page
    .locator('[data-testid="lr-chart"] svg [aria-label="line"] path')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute("d") ?? ""));

describe.runIf(chromiumAvailable())("the scheduler playground", () => {
  let server: SiteServer;
  let browser: Browser;
  beforeAll(async () => {
    ensureSite();
    server = await serveSite(distDir);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("redraws when an option changes, and reads its state back from the shared URL", async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page, server.origin);
    await page.goto(`${server.origin}/playground.html`);
    await expect.poll(() => curves(page), patience).toHaveLength(1);
    const [first] = await curves(page);

    // Change StepLR's stepSize: the curve redraws at once, and the URL follows.
    await page.locator('[data-testid="schedule-a"] [data-option="stepSize"]').fill("10");
    await expect.poll(async () => (await curves(page))[0], patience).not.toBe(first);
    await expect.poll(() => page.url(), patience).toContain("a.stepSize=10");

    // Compare with a second schedule, and choose it.
    await page.locator('[data-testid="compare"]').check();
    await page
      .locator('[data-testid="schedule-b"] [data-testid="scheduler"]')
      .selectOption("OneCycleLR");
    await page.locator('[data-testid="schedule-b"] [data-option="maxLr"]').fill("0.5");
    await expect.poll(() => curves(page), patience).toHaveLength(2);
    await expect.poll(() => page.url(), patience).toContain("b.maxLr=0.5");
    const drawn = await curves(page);
    const shared = await page.locator('[data-testid="share-link"]').getAttribute("href");
    expect(shared).toBe(page.url());

    // A fresh page at the shared URL shows the same state and the same curves.
    const other = await browser.newPage();
    const otherProblems = collectProblems(other, server.origin);
    await other.goto(shared ?? "");
    await expect.poll(() => curves(other), patience).toEqual(drawn);
    const option = (id: string, name: string) =>
      other.locator(`[data-testid="schedule-${id}"] [data-option="${name}"]`).inputValue();
    expect(await option("a", "stepSize")).toBe("10");
    expect(
      await other.locator('[data-testid="schedule-b"] [data-testid="scheduler"]').inputValue(),
    ).toBe("OneCycleLR");
    expect(await option("b", "maxLr")).toBe("0.5");

    // An invalid option shows the package's own message instead of a curve.
    await other.locator('[data-testid="schedule-a"] [data-option="stepSize"]').fill("0");
    await expect.poll(() => other.locator('[data-testid="curve-error"]').count(), patience).toBe(1);
    expect([...problems, ...otherProblems]).toEqual([]);
  });
});
