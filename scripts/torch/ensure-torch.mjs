#!/usr/bin/env node
// Makes sure PyTorch (Debian's python3-torch, CPU, 1.13) is importable for the parity tests.
// - found: prints where and which version;
// - missing, running as root on Debian: installs it with apt-get;
// - still missing: under CI (CI=true) this is a failure, never a silent skip; elsewhere a warning,
//   and the tests that need live PyTorch report themselves skipped.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findTorchPython, resetTorchPython } from "./python.mjs";

const inCI = process.env.CI === "true" || process.env.CI === "1";

function report(found) {
  process.stdout.write(`PyTorch ${found.version} at ${found.python}\n`);
}

let found = findTorchPython();
if (found) {
  report(found);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && existsSync("/etc/debian_version")) {
  process.stdout.write("PyTorch missing: installing Debian's python3-torch (apt-get)...\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status === 0) {
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "python3-torch"], {
      stdio: "inherit",
      env,
    });
  }
  resetTorchPython();
  found = findTorchPython();
  if (found) {
    report(found);
    process.exit(0);
  }
}

const message =
  "PyTorch is not importable by any python3 on PATH (or KINDLING_PYTHON). Install it with " +
  "`apt-get install -y python3-torch` (Debian) and make sure that interpreter is found.";
if (inCI) {
  process.stderr.write(`error: ${message} CI needs it for the parity tests.\n`);
  process.exit(1);
}
process.stderr.write(`warning: ${message} Live-PyTorch tests will be skipped.\n`);
