import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, collectProblems, launchChromium } from "./support/browser.js";
import { patience } from "./support/patience.js";
import { type SiteServer, serveSite } from "./support/server.js";
import { distDir, ensureSite } from "./support/site.js";

describe.runIf(chromiumAvailable())("the site's search (VitePress local search)", () => {
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

  it("finds LambdaLR and opens its API page", async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page, server.origin);
    await page.goto(`${server.origin}/`);
    await page.locator(".VPNavBarSearch button").click();
    const input = page.locator(".VPLocalSearchBox input");
    await input.fill("LambdaLR");
    const results = page.locator(".VPLocalSearchBox .result");
    await expect.poll(() => results.count(), patience).toBeGreaterThan(0);
    const titles = await results.allTextContents();
    expect(titles.some((t) => t.includes("LambdaLR"))).toBe(true);
    await results.filter({ hasText: "LambdaLR" }).first().click();
    await expect.poll(() => page.url(), patience).toContain("LambdaLR");
    expect(problems).toEqual([]);
  });
});
