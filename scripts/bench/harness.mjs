// Shared pieces of the benchmarks (packages/*/bench/*.mjs, apps/*/bench/*.mjs): repeated timings
// and their statistics, repeatable input data, running the same workload in PyTorch on one thread,
// and the one table format every suite prints.
//
// A suite is a module that exports `suite = { name, title, run }`, where `run()` returns
// `{ notes?: string[], torch?: { version } | { skipped }, rows: Row[] }` and a Row is
//   { id, label, unit, better: "lower" | "higher", kindling: Stats, pytorch: Stats | null,
//     peer?: string, target?: { speedup?: number, value?: number, text: string } }
// where `pytorch` holds the compared figures: PyTorch's, or those of `peer` when a row names one
// (TensorFlow.js's backends, packages/tensor/bench/tfjs*.mjs).
// (Stats: { median, min, max, n } in `unit`). Run directly, a suite prints its table
// (`runSuiteIfMain`); scripts/bench/run.mjs runs every suite, each in its own process, and prints
// one table (or JSON with --json).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findTorchPython } from "../torch/python.mjs";

/** The median of `values` (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min, max and count of `samples`, each first mapped through `convert`. */
export function stats(samples, convert = (x) => x) {
  const values = samples.map(convert);
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  };
}

/**
 * Seconds per call of `fn`: `rounds` samples, each timing `reps` calls, after `warmup` untimed calls
 * (default: one round's worth).
 */
export function sampleSeconds(fn, { reps = 1, rounds = 9, warmup = reps } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9 / reps);
  }
  return samples;
}

/** The same as {@link sampleSeconds} for an async `fn`, one call per sample. */
export async function sampleSecondsAsync(fn, { rounds = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return samples;
}

/** `n` deterministic float32 values in [-1, 1) from a 32-bit LCG: repeatable without a RNG. */
export function filledFloat32(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Python run before every PyTorch benchmark script: one thread, and `bench(fn, reps, rounds,
 * warmup)` returning the list of seconds per call (the same sampling as {@link sampleSeconds}).
 */
export const TORCH_PRELUDE = `
import json, sys, time
import torch
torch.set_num_threads(1)
def bench(fn, reps=1, rounds=9, warmup=None):
    for _ in range(reps if warmup is None else warmup):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - start) / reps)
    return samples
`;

/**
 * The directories of Debian's `libblas.so.3` builds that PyTorch can be pointed at with
 * `LD_LIBRARY_PATH`: `reference`, the reference BLAS that Debian's python3-torch is installed
 * with (PyTorch "as Debian ships it"), and `openblas`, OpenBLAS when it is installed
 * (`apt-get install libopenblas0-pthread`); null where missing. Installing OpenBLAS makes it the
 * system's default libblas.so.3, so the reference runs name their directory too.
 */
export function blasDirs() {
  const found = { reference: null, openblas: null };
  let triplets = [];
  try {
    triplets = readdirSync("/usr/lib").filter((d) => d.endsWith("-linux-gnu"));
  } catch {
    return found;
  }
  for (const t of triplets) {
    const has = (d) => existsSync(`/usr/lib/${t}/${d}/libblas.so.3`);
    if (found.reference === null && has("blas")) found.reference = `/usr/lib/${t}/blas`;
    for (const d of ["openblas-pthread", "openblas-openmp", "openblas-serial"]) {
      if (found.openblas === null && has(d)) found.openblas = `/usr/lib/${t}/${d}`;
    }
  }
  return found;
}

/** How to install what a PyTorch run asked for, when it is missing. */
const MISSING_BLAS = {
  openblas: "OpenBLAS is not installed (apt-get install libopenblas0-pthread)",
};

/**
 * Runs `script` (after {@link TORCH_PRELUDE}) with the Python that imports torch (KINDLING_PYTHON
 * overrides the search), passing `args`; returns the JSON its last stdout line prints, with
 * `version` added, or `{ skipped: reason }`. `blas` picks the libblas.so.3 PyTorch loads
 * ({@link blasDirs}: "reference" by default, the one it ships with, or "openblas"), `threads`
 * the threads OpenBLAS may use (the script itself sets PyTorch's own to one).
 */
export function runTorchScript(script, args = [], { cwd, blas = "reference", threads = 1 } = {}) {
  const torch = findTorchPython();
  if (torch === null) return { skipped: "no python3 that imports torch (set KINDLING_PYTHON)" };
  const dir = blasDirs()[blas];
  if (dir === null && MISSING_BLAS[blas]) return { skipped: MISSING_BLAS[blas] };
  const libraryPath = [dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  const result = spawnSync(torch.python, ["-c", TORCH_PRELUDE + script, ...args.map(String)], {
    encoding: "utf8",
    timeout: 900_000,
    maxBuffer: 64 * 1024 * 1024,
    cwd,
    env: {
      ...process.env,
      ...(libraryPath ? { LD_LIBRARY_PATH: libraryPath } : {}),
      OMP_NUM_THREADS: "1",
      MKL_NUM_THREADS: "1",
      OPENBLAS_NUM_THREADS: String(threads),
    },
  });
  if (result.status !== 0) {
    const last = (result.stderr ?? "").trim().split("\n").pop();
    return { skipped: `PyTorch benchmark failed: ${last || result.error?.message || "no output"}` };
  }
  return { version: torch.version, ...JSON.parse(result.stdout.trim().split("\n").pop()) };
}

/** The peer of rows beside PyTorch with OpenBLAS as its BLAS. */
export const PYTORCH_OPENBLAS = "PyTorch+OpenBLAS";

/**
 * How many times faster Kindling is than PyTorch on a row (above 1: Kindling is faster), or null
 * without a PyTorch figure.
 */
export function speedup(row) {
  if (row.pytorch === null || row.pytorch === undefined) return null;
  return row.better === "higher"
    ? row.kindling.median / row.pytorch.median
    : row.pytorch.median / row.kindling.median;
}

/** Whether a row meets its target: true, false, or null when it has none (or lacks PyTorch). */
export function targetMet(row) {
  const target = row.target;
  if (target === undefined) return null;
  let met = true;
  if (target.speedup !== undefined) {
    const s = speedup(row);
    if (s === null) return null;
    met &&= s >= target.speedup;
  }
  if (target.value !== undefined) {
    met &&=
      row.better === "higher"
        ? row.kindling.median >= target.value
        : row.kindling.median <= target.value;
  }
  return met;
}

/** A figure with three significant digits (no exponent for the magnitudes benchmarks see). */
export function formatFigure(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/** "median (min–max)" of a Stats, or "n/a". */
export function formatStats(s) {
  if (s === null || s === undefined) return "n/a";
  if (s.n <= 1 || s.min === s.max) return formatFigure(s.median);
  return `${formatFigure(s.median)} (${formatFigure(s.min)}–${formatFigure(s.max)})`;
}

/** The default comparison of a row: PyTorch on one thread. */
export const PYTORCH = "PyTorch";

/**
 * The rows of a Markdown table for `results` (an array of suite results). The comparison column
 * is named after the rows' peer (PyTorch unless a row sets `peer`, e.g. "TF.js wasm"); when the
 * rows compare with different peers it is named "peer" and each figure says whose it is.
 */
export function tableRows(results) {
  const peers = new Set(results.flatMap((r) => r.rows.map((row) => row.peer ?? PYTORCH)));
  const header = peers.size === 1 ? [...peers][0] : "peer";
  const rows = [["suite", "workload", "unit", "Kindling", header, "speed-up", "target", "met"]];
  for (const result of results) {
    for (const row of result.rows) {
      const s = speedup(row);
      const met = targetMet(row);
      const peer = peers.size === 1 ? "" : ` [${row.peer ?? PYTORCH}]`;
      rows.push([
        result.name,
        row.label,
        row.unit,
        formatStats(row.kindling),
        `${formatStats(row.pytorch)}${peer}`,
        s === null ? "n/a" : `${formatFigure(s)}×`,
        row.target?.text ?? "",
        met === null ? "" : met ? "yes" : "no",
      ]);
    }
  }
  return rows;
}

/** A Markdown table, columns padded; the first column left-aligned, figures right-aligned. */
export function markdownTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const left = new Set([0, 1, 6]);
  const line = (row) =>
    `| ${row.map((cell, c) => (left.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ")} |`;
  const rule = `| ${widths.map((w, c) => (left.has(c) ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/** The explanation printed under every table. */
export const LEGEND =
  "Figures are medians of repeated rounds, (min–max) their spread. speed-up: how many times faster " +
  "Kindling is than the compared column (PyTorch unless the table names TensorFlow.js) on the same " +
  "machine in the same run (above 1: Kindling is faster). PyTorch runs on one thread.";

/** Prints one suite's result: title, table, notes. */
export function printSuite(result) {
  console.log(`## ${result.title}\n`);
  console.log(markdownTable(tableRows([result])));
  for (const note of result.notes ?? []) console.log(`\n${note}`);
  if (result.torch?.skipped) console.log(`\n(PyTorch column skipped: ${result.torch.skipped})`);
}

/**
 * When the module at `moduleUrl` is the script node was started with, runs `suite` and prints its
 * table; with `--json-out FILE`, writes the result there as JSON instead (scripts/bench/run.mjs).
 */
export async function runSuiteIfMain(moduleUrl, suite) {
  if (process.argv[1] === undefined || resolve(process.argv[1]) !== fileURLToPath(moduleUrl))
    return;
  const result = { name: suite.name, title: suite.title, ...(await suite.run()) };
  const at = process.argv.indexOf("--json-out");
  if (at !== -1) {
    writeFileSync(process.argv[at + 1], `${JSON.stringify(result)}\n`);
    return;
  }
  printSuite(result);
  console.log(`\n${LEGEND}`);
}

/**
 * A row from Kindling and PyTorch samples (seconds per call, or any raw figure), both converted to
 * the row's unit by `convert`.
 */
export function row({
  id,
  label,
  unit,
  better = "lower",
  kindling,
  pytorch,
  convert,
  target,
  peer = PYTORCH,
}) {
  return {
    id,
    label,
    unit,
    better,
    kindling: stats(kindling, convert),
    pytorch: pytorch === undefined || pytorch === null ? null : stats(pytorch, convert),
    ...(peer === PYTORCH ? {} : { peer }),
    ...(target === undefined ? {} : { target }),
  };
}
