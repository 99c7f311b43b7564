#!/usr/bin/env node
// The whole test command: every check a change must pass, in one place, in the order that fails
// fastest. `pnpm test` runs it; `.ci/run` runs the README's test command, which ends here.
import { spawnSync } from "node:child_process";

const steps = [
  [
    "PyTorch reference (installs python3-torch when missing, as root on Debian)",
    "node",
    ["scripts/torch/ensure-torch.mjs"],
  ],
  [
    "Chromium for the docs tests (installs Debian's chromium when missing, as root on Debian)",
    "node",
    ["apps/docs/scripts/ensure-chromium.mjs"],
  ],
  ["lint and format (biome)", "pnpm", ["exec", "biome", "ci", "--colors=off", "."]],
  [
    "build every package (turbo)",
    "pnpm",
    ["exec", "turbo", "run", "build", "--concurrency=2", "--output-logs=errors-only"],
  ],
  [
    "typecheck (turbo)",
    "pnpm",
    ["exec", "turbo", "run", "typecheck", "--concurrency=2", "--output-logs=errors-only"],
  ],
  ["package checks (publint, attw)", "node", ["scripts/check-packages.mjs"]],
  [
    "docs site (typedoc API and VitePress; an undocumented export or a dead link fails)",
    "pnpm",
    ["exec", "turbo", "run", "docs", "--output-logs=errors-only"],
  ],
  ["unit, property and PyTorch-parity tests (vitest)", "pnpm", ["exec", "vitest", "run"]],
];

for (const [title, command, args] of steps) {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n=== FAILED: ${title} (${seconds} s)\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`=== ok: ${title} (${seconds} s)\n`);
}
