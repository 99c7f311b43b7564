import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, collectProblems, launchChromium } from "./support/browser.js";
import { patience } from "./support/patience.js";
import { type SiteServer, serveSite } from "./support/server.js";
import { distDir, ensureSite } from "./support/site.js";

/** Every package of the API reference, with one symbol its pages must document. */
const PACKAGES = [
  ["tensor", "classes/Tensor.html", "Tensor"],
  ["nn", "classes/Linear.html", "Linear"],
  ["optim", "classes/SGD.html", "SGD"],
  ["lr-scheduler", "classes/LambdaLR.html", "LambdaLR"],
  ["data", "classes/DataLoader.html", "DataLoader"],
  ["serialize", "functions/save.html", "save"],
  ["cli", "functions/fitRecSc.html", "fitRecSc"],
] as const;

describe.runIf(chromiumAvailable())("the API reference", () => {
  let server: SiteServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    ensureSite();
    server = await serveSite(distDir);
    browser = await launchChromium();
    page = await browser.newPage();
    problems = collectProblems(page, server.origin);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(PACKAGES)("has the pages of @kindling/%s", async (name, symbolPage, symbol) => {
    await page.goto(`${server.origin}/api/${name}/`);
    await expect
      .poll(() => page.locator("h1").first().textContent(), patience)
      .toContain(`@kindling/${name}`);
    // The package page links to a page per exported symbol, each of them built.
    const links = await page
      .locator(".vp-doc a[href]")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    const members = [...new Set(links.filter((l) => l.startsWith(`/api/${name}/`)))];
    expect(members.length).toBeGreaterThan(name === "cli" ? 2 : 5);
    for (const member of members) expect(existsSync(join(distDir, member)), member).toBe(true);
    // One symbol's page, with its doc comment.
    await page.goto(`${server.origin}/api/${name}/${symbolPage}`);
    await expect.poll(() => page.locator("h1").first().textContent(), patience).toContain(symbol);
    const html = readFileSync(join(distDir, "api", name, symbolPage), "utf8");
    expect(html.length).toBeGreaterThan(2000);
    expect(problems).toEqual([]);
  });

  it("lists every package on its home page", async () => {
    await page.goto(`${server.origin}/api/`);
    for (const [name] of PACKAGES) {
      await expect
        .poll(() => page.locator(`.vp-doc a[href$="/${name}/"]`).count(), patience)
        .toBeGreaterThan(0);
    }
  });
});
