#!/usr/bin/env node
// Regenerates every committed PyTorch fixture: runs each scripts/torch/gen_*.py (or the ones named
// on the command line) with the interpreter that imports torch. See scripts/torch/README.md.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findTorchPython } from "./python.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const found = findTorchPython();
if (!found) {
  process.stderr.write("error: PyTorch not found; run `node scripts/torch/ensure-torch.mjs`\n");
  process.exit(1);
}
const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => /^gen_.*\.py$/.test(f))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
for (const script of scripts) {
  process.stdout.write(`torch ${found.version}: ${script}\n`);
  const result = spawnSync(found.python, [join(here, script)], {
    stdio: "inherit",
    cwd: join(here, "../.."),
    env: { ...process.env, OMP_NUM_THREADS: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
