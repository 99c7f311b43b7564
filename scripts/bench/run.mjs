#!/usr/bin/env node
// `pnpm bench`: runs every benchmark suite (packages/*/bench/*.mjs and apps/*/bench/*.mjs that
// export `suite`), each in its own process so that one suite's heap and JIT state never colour
// another's, and prints one table of Kindling beside PyTorch from the same run.
//
//   pnpm bench                       every suite, the table on stdout
//   pnpm bench --json                the same as one JSON document (machine, suites, rows)
//   pnpm bench --write               also regenerates BENCHMARKS.md from this run
//   pnpm bench --filter tensor,nn    only the suites named
//
// Expects built packages (`pnpm bench` builds them first). Speed never fails anything: the exit
// code is non-zero only when a suite crashes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LEGEND, markdownTable, tableRows } from "./harness.mjs";
import { describeMachine, machineLines } from "./machine.mjs";
import { benchmarksMarkdown } from "./report.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const json = args.includes("--json");
const write = args.includes("--write");
const filterAt = args.indexOf("--filter");
const only = filterAt === -1 ? null : new Set(args[filterAt + 1]?.split(",") ?? []);

/** Every suite file, in the order packages build (tensor first), apps last. */
function suiteFiles() {
  const order = ["tensor", "nn", "optim", "lr-scheduler", "data", "serialize"];
  const files = [];
  for (const group of ["packages", "apps"]) {
    const dirs = readdirSync(join(root, group), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    for (const dir of dirs) {
      const bench = join(root, group, dir, "bench");
      if (!existsSync(bench)) continue;
      for (const name of readdirSync(bench).sort()) {
        if (!name.endsWith(".mjs") || name.startsWith("_")) continue;
        const file = join(bench, name);
        if (/export const suite\b/.test(readFileSync(file, "utf8"))) files.push(file);
      }
    }
  }
  return files;
}

const scratch = mkdtempSync(join(tmpdir(), "kindling-bench-"));
const results = [];
let failed = 0;
for (const file of suiteFiles()) {
  const out = join(scratch, `${results.length}.json`);
  const name = relative(root, file);
  if (only !== null && ![...only].some((o) => name.includes(`/${o}/`))) continue;
  if (!json) process.stderr.write(`running ${name} ...\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [file, "--json-out", out], {
    cwd: join(file, "..", ".."),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    // One thread unless a row asks for more (setNumThreads), as PyTorch runs beside it.
    env: { ...process.env, KINDLING_NUM_THREADS: process.env.KINDLING_NUM_THREADS ?? "1" },
  });
  if (run.status !== 0 || !existsSync(out)) {
    failed++;
    process.stderr.write(`${name} failed:\n${run.stderr}${run.stdout}\n`);
    continue;
  }
  const result = JSON.parse(readFileSync(out, "utf8"));
  results.push({ ...result, file: name, seconds: (Date.now() - started) / 1000 });
}
rmSync(scratch, { recursive: true, force: true });

const machine = describeMachine(results.find((r) => r.torch?.version)?.torch?.version);
if (json) {
  process.stdout.write(`${JSON.stringify({ machine, suites: results }, null, 1)}\n`);
} else {
  console.log(machineLines(machine).join("\n"));
  console.log(`\n${markdownTable(tableRows(results))}\n\n${LEGEND}`);
  for (const result of results) {
    for (const note of result.notes ?? []) console.log(`- ${result.name}: ${note}`);
    if (result.torch?.skipped)
      console.log(`- ${result.name}: PyTorch skipped (${result.torch.skipped})`);
  }
}
if (write) {
  writeFileSync(join(root, "BENCHMARKS.md"), benchmarksMarkdown(machine, results));
  process.stderr.write("wrote BENCHMARKS.md\n");
}
process.exitCode = failed === 0 ? 0 : 1;
