#!/usr/bin/env node
// Makes sure Chromium (Debian's `chromium` package) is there for the docs site's browser tests,
// which drive it with playwright-core (never a downloaded browser):
// - found: prints where and which version;
// - missing, running as root on Debian: installs it with apt-get;
// - still missing: under CI (CI=true) this is a failure, never a silent skip; elsewhere a warning,
//   and the browser tests report themselves skipped.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const inCI = process.env.CI === "true" || process.env.CI === "1";

function findChromium() {
  for (const path of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (path && existsSync(path)) return path;
  }
  const found = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() !== "" ? found.stdout.trim() : undefined;
}

function report(path) {
  const version = spawnSync(path, ["--version"], { encoding: "utf8" });
  process.stdout.write(`${(version.stdout || "Chromium").trim()} at ${path}\n`);
}

let found = findChromium();
if (found) {
  report(found);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && existsSync("/etc/debian_version")) {
  process.stdout.write("Chromium missing: installing Debian's chromium (apt-get)...\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status === 0) {
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env,
    });
  }
  found = findChromium();
  if (found) {
    report(found);
    process.exit(0);
  }
}

const message =
  "Chromium is not installed (looked for $CHROMIUM, /usr/bin/chromium and chromium on PATH). " +
  "Install it with `apt-get install -y chromium` (Debian).";
if (inCI) {
  process.stderr.write(`error: ${message} CI needs it for the docs site's browser tests.\n`);
  process.exit(1);
}
process.stderr.write(`warning: ${message} The docs site's browser tests will be skipped.\n`);
