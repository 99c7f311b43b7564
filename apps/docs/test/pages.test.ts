import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, collectProblems, launchChromium } from "./support/browser.js";
import { type SiteServer, serveSite } from "./support/server.js";
import { distDir, ensureSite, sitePages } from "./support/site.js";

/** True once Vue has hydrated the page (VitePress mounts the app on #app). */
const mounted = () => {
  const app = document.getElementById("app") as (HTMLElement & { __vue_app__?: unknown }) | null;
  return app?.__vue_app__ !== undefined && app.querySelector(".VPContent") !== null;
};

/**
 * The pages a full load covers: every guide page, and per package its index and the first page of
 * each kind (class, function, interface, type alias, variable), i.e. every page template the API
 * reference uses. Every page, these included, is also rendered by the router (the second test).
 */
function fullLoadPages(pages: readonly string[]): string[] {
  const seen = new Set<string>();
  return pages.filter((path) => {
    const api = /^\/api\/([^/]+)\/([^/]+)\//.exec(path);
    if (api === null) return true;
    const kind = `${api[1]}/${api[2]}`;
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
}

describe.runIf(chromiumAvailable())("every page of the docs site", () => {
  let server: SiteServer;
  let browser: Browser;
  let pages: string[];
  beforeAll(async () => {
    ensureSite();
    server = await serveSite(distDir);
    browser = await launchChromium();
    pages = sitePages();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A tab with Save-Data on: VitePress then skips prefetching the pages each sidebar links to. */
  async function newTab(): Promise<{ tab: Page; problems: string[] }> {
    const tab = await browser.newPage();
    await tab.addInitScript(() => {
      Object.defineProperty(navigator, "connection", { value: { saveData: true } });
    });
    return { tab, problems: collectProblems(tab, server.origin) };
  }

  it("loads (server-rendered HTML, then hydration) with no console errors or failed requests", async () => {
    const chosen = fullLoadPages(pages);
    expect(chosen.length).toBeGreaterThan(30);
    const { tab, problems } = await newTab();
    const failures: string[] = [];
    for (const path of chosen) {
      problems.length = 0;
      const response = await tab.goto(`${server.origin}${path}`, { waitUntil: "load" });
      await tab.waitForFunction(mounted, undefined, { timeout: 10_000 });
      if (response?.status() !== 200) problems.push(`HTTP ${response?.status()}`);
      for (const problem of problems) failures.push(`${path}: ${problem}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("renders every page through the site's router with no console errors", async () => {
    expect(pages.length).toBeGreaterThan(100);
    const { tab, problems } = await newTab();
    await tab.goto(`${server.origin}/`);
    await tab.waitForFunction(mounted);
    const failures: string[] = [];
    for (const path of pages) {
      problems.length = 0;
      // VitePress's router, as a click on a link uses it: load the page's chunk, render it.
      const shown = await tab.evaluate(async (target) => {
        type VueApp = { _context: { provides: Record<symbol, unknown> } };
        const app = (document.getElementById("app") as HTMLElement & { __vue_app__: VueApp })
          .__vue_app__;
        const provides = app._context.provides;
        const router = Object.getOwnPropertySymbols(provides)
          .map((key) => provides[key] as { go?: unknown } | undefined)
          .find((value) => typeof value?.go === "function") as { go(to: string): Promise<void> };
        await router.go(target);
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        const notFound = document.querySelector(".NotFound") !== null;
        return { path: location.pathname, notFound };
      }, path);
      if (shown.path !== path.replace(/index\.html$/, "")) problems.push(`shown at ${shown.path}`);
      if (shown.notFound) problems.push("rendered the 404 page");
      for (const problem of problems) failures.push(`${path}: ${problem}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
