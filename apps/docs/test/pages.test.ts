import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, collectProblems, launchChromium } from "./support/browser.js";
import { type SiteServer, serveSite } from "./support/server.js";
import { distDir, ensureSite, sitePages } from "./support/site.js";

/** True once Vue has hydrated the page (VitePress mounts the app on #app). */
const mounted = () => {
  const app = document.getElementById("app") as (HTMLElement & { __vue_app__?: unknown }) | null;
  return app?.__vue_app__ !== undefined && app.querySelector(".VPContent") !== null;
};

describe.runIf(chromiumAvailable())("every page of the docs site", () => {
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

  it("loads with no console errors, uncaught exceptions or failed requests", async () => {
    const pages = sitePages();
    expect(pages.length).toBeGreaterThan(100);
    const context = await browser.newContext();
    // Save-Data: VitePress then skips prefetching the pages each sidebar links to, which would
    // multiply the requests by the sidebar's length without testing anything more.
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "connection", { value: { saveData: true } });
    });
    const failures: string[] = [];
    const queue = [...pages];
    // A few tabs at once: each page is small, and the machine has two cores.
    const worker = async () => {
      const tab = await context.newPage();
      const problems = collectProblems(tab, server.origin);
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        problems.length = 0;
        const response = await tab.goto(`${server.origin}${path}`, { waitUntil: "load" });
        await tab.waitForFunction(mounted, undefined, { timeout: 10_000 });
        if (response?.status() !== 200) problems.push(`HTTP ${response?.status()}`);
        for (const problem of problems) failures.push(`${path}: ${problem}`);
      }
      await tab.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    await context.close();
    expect(failures).toEqual([]);
  }, 600_000);
});
