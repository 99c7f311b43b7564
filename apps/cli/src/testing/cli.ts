/**
 * Helpers of the end-to-end tests: they run the BUILT binary (dist/bin.js), rebuilt here when
 * missing or older than the sources.
 */
import { execFileSync, type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package folder (apps/cli). */
export const appDir = fileURLToPath(new URL("../..", import.meta.url));
/** The built binary. */
export const bin = join(appDir, "dist", "bin.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (the tests exercise the built binary). */
export function ensureBuilt(): void {
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestSource(join(appDir, "src"))) return;
  const tsc = join(appDir, "..", "..", "node_modules", ".bin", "tsc");
  execFileSync(tsc, ["-p", join(appDir, "tsconfig.build.json")], { stdio: "inherit" });
}

/** Runs `kindling ...args` to completion, with `input` on standard input. */
export function kindling(
  args: readonly string[],
  options: { input?: string; timeout?: number; cwd?: string } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    timeout: options.timeout ?? 120_000,
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: { ...process.env, NO_COLOR: "1" },
  });
}

/** The lines of standard error, without the trailing empty one. */
export function stderrLines(result: SpawnSyncReturns<string>): string[] {
  return result.stderr.trimEnd().split("\n");
}
