import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distDir, ensureSite, sitePages } from "./support/site.js";

/** The file a site path is served from (`/guide/` → index.html, `/x` → x.html), if any. */
function fileOf(path: string): string | undefined {
  const candidates = path.endsWith("/")
    ? [`${path}index.html`]
    : [path, `${path}.html`, `${path}/index.html`];
  return candidates.map((c) => join(distDir, decodeURIComponent(c))).find((f) => existsSync(f));
}

const ids = new Map<string, Set<string>>();
/** The element ids of a built page, for checking `#anchor` links. */
function idsOf(file: string): Set<string> {
  let found = ids.get(file);
  if (found === undefined) {
    const html = readFileSync(file, "utf8");
    found = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    ids.set(file, found);
  }
  return found;
}

describe("links between the built pages", () => {
  beforeAll(ensureSite, 300_000);

  it("every internal link and asset reference finds its page, file and anchor", () => {
    const broken: string[] = [];
    const pages = sitePages();
    expect(pages.length).toBeGreaterThan(100);
    for (const page of pages) {
      const html = readFileSync(join(distDir, page), "utf8");
      for (const [, raw] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const href = raw!.replaceAll("&amp;", "&");
        if (/^([a-z]+:|\/\/|data:)/i.test(href)) continue; // another site, mailto:, data: URLs
        const [beforeHash, hash = ""] = href.split("#", 2);
        const pathname = (beforeHash ?? "").split("?", 1)[0] ?? "";
        const target = pathname === "" ? page : posix.resolve(posix.dirname(page), pathname);
        const file = fileOf(target);
        if (file === undefined) {
          broken.push(`${page}: ${href} (no such page or file)`);
        } else if (
          hash !== "" &&
          file.endsWith(".html") &&
          !idsOf(file).has(decodeURIComponent(hash))
        ) {
          broken.push(`${page}: ${href} (no #${hash} there)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
