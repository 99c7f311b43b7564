#!/usr/bin/env node
// Kindling's tensor engine beside PyTorch 1.13 on the same workloads: the per-op overhead of a
// 4x4 add, 1M-element float32 add/mul/tanh/sum, and a 1024x1024 float32 matmul in GFLOP/s.
// Each figure is the median of repeated timed rounds after a warm-up. Run with `pnpm bench`
// (turbo builds dist first). PyTorch runs on one thread (torch.set_num_threads(1)); its column is
// filled when a python3 that imports torch is found (scripts/torch/python.mjs, KINDLING_PYTHON
// overrides the interpreter), otherwise it says "n/a".
import { spawnSync } from "node:child_process";
import { findTorchPython } from "../../../scripts/torch/python.mjs";
import { add, manualSeed, matmul, mul, rand, sum, tanh } from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
const MATMUL_N = 1024;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Median seconds per call of `fn`, timing `reps` calls per round after one warm-up round. */
function time(fn, reps, rounds = ROUNDS) {
  for (let i = 0; i < reps; i++) fn();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9 / reps);
  }
  return median(samples);
}

function kindling() {
  manualSeed(0);
  const a4 = rand([4, 4]);
  const b4 = rand([4, 4]);
  const a = rand([1_000_000]);
  const b = rand([1_000_000]);
  const ma = rand([MATMUL_N, MATMUL_N]);
  const mb = rand([MATMUL_N, MATMUL_N]);
  return {
    add4x4: time(() => add(a4, b4), 100_000),
    add1M: time(() => add(a, b), 20),
    mul1M: time(() => mul(a, b), 20),
    tanh1M: time(() => tanh(a), 10),
    sum1M: time(() => sum(a), 20),
    matmul: time(() => matmul(ma, mb), 1, Math.min(ROUNDS, 5)),
  };
}

const TORCH_CODE = `
import json, sys, time, statistics
import torch
torch.set_num_threads(1)
rounds, n = int(sys.argv[1]), int(sys.argv[2])

def bench(fn, reps, rounds=rounds):
    for _ in range(reps):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - start) / reps)
    return sorted(samples)[len(samples) // 2]

torch.manual_seed(0)
a4, b4 = torch.rand(4, 4), torch.rand(4, 4)
a, b = torch.rand(1_000_000), torch.rand(1_000_000)
ma, mb = torch.rand(n, n), torch.rand(n, n)
with torch.no_grad():
    out = {
        "add4x4": bench(lambda: torch.add(a4, b4), 100_000),
        "add1M": bench(lambda: torch.add(a, b), 20),
        "mul1M": bench(lambda: torch.mul(a, b), 20),
        "tanh1M": bench(lambda: torch.tanh(a), 10),
        "sum1M": bench(lambda: torch.sum(a), 20),
        "matmul": bench(lambda: torch.matmul(ma, mb), 1, min(rounds, 5)),
    }
out["version"] = torch.__version__
print(json.dumps(out))
`;

function pytorch() {
  const found = findTorchPython();
  if (found === null) return null;
  const run = spawnSync(found.python, ["-c", TORCH_CODE, String(ROUNDS), String(MATMUL_N)], {
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" },
  });
  if (run.status !== 0) {
    process.stderr.write(`PyTorch benchmark failed:\n${run.stderr}\n`);
    return null;
  }
  return JSON.parse(run.stdout);
}

const gflops = (seconds) => (2 * MATMUL_N ** 3) / seconds / 1e9;
const ROWS = [
  ["4x4 add, per op", "add4x4", "µs", (s) => s * 1e6, false],
  ["1M float32 add", "add1M", "ms", (s) => s * 1e3, false],
  ["1M float32 mul", "mul1M", "ms", (s) => s * 1e3, false],
  ["1M float32 tanh", "tanh1M", "ms", (s) => s * 1e3, false],
  ["1M float32 sum", "sum1M", "ms", (s) => s * 1e3, false],
  [`matmul ${MATMUL_N} float32`, "matmul", "GFLOP/s", gflops, true],
];

const ours = kindling();
const theirs = pytorch();

const format = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const table = [
  ["workload", "unit", "Kindling", theirs ? `PyTorch ${theirs.version}` : "PyTorch", "ratio"],
];
for (const [label, key, unit, convert, higherIsBetter] of ROWS) {
  const k = convert(ours[key]);
  const p = theirs ? convert(theirs[key]) : null;
  // The ratio is Kindling's cost over PyTorch's: below 1 means Kindling is faster.
  const ratio = p === null ? "n/a" : `${(higherIsBetter ? p / k : k / p).toFixed(2)}x`;
  table.push([label, unit, format(k), p === null ? "n/a" : format(p), ratio]);
}
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
for (const [i, row] of table.entries()) {
  console.log(
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "),
  );
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
console.log(
  "\nratio: Kindling's time over PyTorch's (for GFLOP/s, PyTorch's rate over Kindling's); below 1 is faster.",
);
if (theirs === null)
  console.log("PyTorch not found: set KINDLING_PYTHON to a python3 that imports torch.");
