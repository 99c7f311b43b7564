import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The docs package's folder, and the built site inside it. */
export const siteRoot = fileURLToPath(new URL("../..", import.meta.url));
export const distDir = join(siteRoot, "dist");

const lockDir = join(siteRoot, ".vitepress", "build.lock");

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Makes sure the site is built: the test command builds it before vitest (`turbo run docs`), so
 * this only builds when dist/ is missing, e.g. in a fresh checkout running vitest alone. Test
 * files run in parallel workers: one builds (holding a lock folder), the others wait for it.
 */
export function ensureSite(): void {
  const built = () => existsSync(join(distDir, "index.html"));
  if (built()) return;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      sleep(500);
      if (built()) return;
    }
  }
  try {
    if (built()) return;
    const result = spawnSync(process.execPath, ["scripts/build.mjs"], {
      cwd: siteRoot,
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error("the docs build failed: see its output above");
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Every HTML page of the built site, as a URL path (`/guide/tutorial.html`), 404 page excepted. */
export function sitePages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "assets") walk(path);
      } else if (name.endsWith(".html") && path !== join(distDir, "404.html")) {
        pages.push(`/${relative(distDir, path).split(sep).join("/")}`);
      }
    }
  };
  walk(distDir);
  return pages.sort();
}
