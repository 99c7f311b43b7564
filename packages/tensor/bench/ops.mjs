#!/usr/bin/env node
// Kindling's tensor engine beside PyTorch 1.13 on the same workloads: the per-op overhead of a
// 4x4 add, the seed network's train step, 1M-element float32 add/mul/tanh/sum, and float32
// matmul in GFLOP/s at 256, 512 and 1024.
// Each figure is the median of repeated timed rounds after a warm-up. Run with `pnpm bench`
// (turbo builds dist first). PyTorch runs on one thread (torch.set_num_threads(1)); its column is
// filled when a python3 that imports torch is found (scripts/torch/python.mjs, KINDLING_PYTHON
// overrides the interpreter), otherwise it says "n/a".
import { spawnSync } from "node:child_process";
import { median } from "../../../scripts/bench/harness.mjs";
import { findTorchPython } from "../../../scripts/torch/python.mjs";
import { add, manualSeed, matmul, mul, noGrad, rand, randn, sum, tanh } from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
const MATMUL_SIZES = [256, 512, 1024];
const BATCH = 50;

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

/**
 * The seed network (5-4-4-1 MLP: Linear, BatchNorm1d in training mode, tanh, twice, then Linear;
 * MSE loss; plain SGD) as one train step built from tensor ops only. Returns the step function.
 */
function seedNetwork() {
  const param = (shape, scale) => {
    const p = randn(shape).mul(scale);
    p.requiresGrad = true;
    return p;
  };
  const w1 = param([4, 5], 0.4);
  const b1 = param([4], 0.1);
  const g1 = param([4], 1);
  const beta1 = param([4], 0.1);
  const w2 = param([4, 4], 0.5);
  const b2 = param([4], 0.1);
  const g2 = param([4], 1);
  const beta2 = param([4], 0.1);
  const w3 = param([1, 4], 0.5);
  const b3 = param([1], 0.1);
  const params = [w1, b1, g1, beta1, w2, b2, g2, beta2, w3, b3];
  const x = randn([BATCH, 5]);
  const y = randn([BATCH, 1]);
  const linear = (h, w, b) => h.matmul(w.t()).add(b);
  const batchNorm = (h, gamma, beta) => {
    const mean = h.mean(0, true);
    const centered = h.sub(mean);
    const variance = centered.mul(centered).mean(0, true);
    return centered.div(variance.add(1e-5).sqrt()).mul(gamma).add(beta);
  };
  return () => {
    const h1 = tanh(batchNorm(linear(x, w1, b1), g1, beta1));
    const h2 = tanh(batchNorm(linear(h1, w2, b2), g2, beta2));
    const diff = linear(h2, w3, b3).sub(y);
    const loss = diff.mul(diff).mean();
    loss.backward();
    noGrad(() => {
      for (const p of params) {
        p.sub_(p.grad, 0.01);
        p.grad = null;
      }
    });
  };
}

function kindling() {
  manualSeed(0);
  const a4 = rand([4, 4]);
  const b4 = rand([4, 4]);
  const a = rand([1_000_000]);
  const b = rand([1_000_000]);
  const step = seedNetwork();
  const out = {
    add4x4: time(() => add(a4, b4), 100_000),
    trainStep: time(step, 2_000),
    add1M: time(() => add(a, b), 20),
    mul1M: time(() => mul(a, b), 20),
    tanh1M: time(() => tanh(a), 10),
    sum1M: time(() => sum(a), 20),
  };
  for (const n of MATMUL_SIZES) {
    const ma = rand([n, n]);
    const mb = rand([n, n]);
    const reps = Math.max(1, Math.round((256 / n) ** 3 * 4));
    out[`matmul${n}`] = time(() => matmul(ma, mb), reps, Math.min(ROUNDS, 5));
  }
  return out;
}

const TORCH_CODE = `
import json, sys, time, statistics
import torch
torch.set_num_threads(1)
rounds, sizes, batch = int(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])

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

def param(shape, scale):
    return (torch.randn(*shape) * scale).requires_grad_()

w1, b1, g1, beta1 = param([4, 5], 0.4), param([4], 0.1), param([4], 1), param([4], 0.1)
w2, b2, g2, beta2 = param([4, 4], 0.5), param([4], 0.1), param([4], 1), param([4], 0.1)
w3, b3 = param([1, 4], 0.5), param([1], 0.1)
params = [w1, b1, g1, beta1, w2, b2, g2, beta2, w3, b3]
x, y = torch.randn(batch, 5), torch.randn(batch, 1)

def linear(h, w, b):
    return h.matmul(w.t()).add(b)

def batch_norm(h, gamma, beta):
    mean = h.mean(0, True)
    centered = h.sub(mean)
    variance = centered.mul(centered).mean(0, True)
    return centered.div(variance.add(1e-5).sqrt()).mul(gamma).add(beta)

def step():
    h1 = torch.tanh(batch_norm(linear(x, w1, b1), g1, beta1))
    h2 = torch.tanh(batch_norm(linear(h1, w2, b2), g2, beta2))
    diff = linear(h2, w3, b3).sub(y)
    loss = diff.mul(diff).mean()
    loss.backward()
    with torch.no_grad():
        for p in params:
            p.sub_(p.grad, alpha=0.01)
            p.grad = None

out = {"trainStep": bench(step, 2_000)}
with torch.no_grad():
    out.update({
        "add4x4": bench(lambda: torch.add(a4, b4), 100_000),
        "add1M": bench(lambda: torch.add(a, b), 20),
        "mul1M": bench(lambda: torch.mul(a, b), 20),
        "tanh1M": bench(lambda: torch.tanh(a), 10),
        "sum1M": bench(lambda: torch.sum(a), 20),
    })
    for n in sizes:
        ma, mb = torch.rand(n, n), torch.rand(n, n)
        reps = max(1, round((256 / n) ** 3 * 4))
        out[f"matmul{n}"] = bench(lambda: torch.matmul(ma, mb), reps, min(rounds, 5))
out["version"] = torch.__version__
print(json.dumps(out))
`;

function pytorch() {
  const found = findTorchPython();
  if (found === null) return null;
  const run = spawnSync(
    found.python,
    ["-c", TORCH_CODE, String(ROUNDS), JSON.stringify(MATMUL_SIZES), String(BATCH)],
    {
      encoding: "utf8",
      timeout: 600_000,
      env: {
        ...process.env,
        OMP_NUM_THREADS: "1",
        MKL_NUM_THREADS: "1",
        OPENBLAS_NUM_THREADS: "1",
      },
    },
  );
  if (run.status !== 0) {
    process.stderr.write(`PyTorch benchmark failed:\n${run.stderr}\n`);
    return null;
  }
  return JSON.parse(run.stdout);
}

const gflops = (n) => (seconds) => (2 * n ** 3) / seconds / 1e9;
const ROWS = [
  ["4x4 add, per op", "add4x4", "µs", (s) => s * 1e6, false],
  [`seed net train step (batch ${BATCH})`, "trainStep", "µs", (s) => s * 1e6, false],
  ["1M float32 add", "add1M", "ms", (s) => s * 1e3, false],
  ["1M float32 mul", "mul1M", "ms", (s) => s * 1e3, false],
  ["1M float32 tanh", "tanh1M", "ms", (s) => s * 1e3, false],
  ["1M float32 sum", "sum1M", "ms", (s) => s * 1e3, false],
  ...MATMUL_SIZES.map((n) => [`matmul ${n} float32`, `matmul${n}`, "GFLOP/s", gflops(n), true]),
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
