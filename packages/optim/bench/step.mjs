// Times optimizer.step() over 1M float32 parameters (one tensor), for SGD with momentum and Adam,
// and the same in PyTorch on one thread when a python3 imports torch (KINDLING_PYTHON overrides). Prints the median
// over repeated runs, in milliseconds per step. Needs a build first: `pnpm build`.
//
//   node bench/step.mjs            (or `pnpm bench` in packages/optim)
//   KINDLING_BENCH_N=100000 KINDLING_BENCH_RUNS=5 node bench/step.mjs
import { fromTypedArray } from "@kindling/tensor";
import { filledFloat32, median, runTorchScript } from "../../../scripts/bench/harness.mjs";
import { Adam, SGD } from "../dist/index.js";

const N = Number(process.env.KINDLING_BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.KINDLING_BENCH_RUNS ?? 9);
const STEPS = Number(process.env.KINDLING_BENCH_STEPS ?? 10);
const WARMUP = Number(process.env.KINDLING_BENCH_WARMUP ?? 10);

const CASES = [
  { name: "SGD (momentum 0.9)", key: "sgd", make: (p) => new SGD(p, { lr: 1e-3, momentum: 0.9 }) },
  { name: "Adam", key: "adam", make: (p) => new Adam(p, { lr: 1e-3 }) },
];

function benchKindling(make) {
  const param = fromTypedArray(filledFloat32(N, 1), [N]).requiresGrad_();
  param.grad = fromTypedArray(filledFloat32(N, 2), [N]);
  const opt = make([param]);
  for (let i = 0; i < WARMUP; i++) opt.step();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < STEPS; i++) opt.step();
    times.push(Number(process.hrtime.bigint() - start) / 1e6 / STEPS);
  }
  return median(times);
}

const TORCH_SCRIPT = `
import json, statistics, sys, time
import torch
torch.set_num_threads(1)
N, RUNS, STEPS, WARMUP = (int(a) for a in sys.argv[1:5])
g = torch.Generator().manual_seed(0)
def bench(make):
    p = torch.nn.Parameter(torch.rand(N, generator=g) * 2 - 1)
    p.grad = torch.rand(N, generator=g) * 2 - 1
    opt = make([p])
    for _ in range(WARMUP):
        opt.step()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(STEPS):
            opt.step()
        times.append((time.perf_counter() - start) * 1000 / STEPS)
    return statistics.median(times)
print(json.dumps({
    "version": torch.__version__,
    "sgd": bench(lambda ps: torch.optim.SGD(ps, lr=1e-3, momentum=0.9)),
    "adam": bench(lambda ps: torch.optim.Adam(ps, lr=1e-3)),
}))
`;

function benchTorch() {
  return runTorchScript(TORCH_SCRIPT, [String(N), String(RUNS), String(STEPS), String(WARMUP)]);
}

const ours = Object.fromEntries(CASES.map((c) => [c.key, benchKindling(c.make)]));
const torch = benchTorch();

const fmt = (x) => (x === undefined ? "—" : x.toFixed(3));
const rows = [
  [
    "optimizer",
    "Kindling ms/step",
    `PyTorch${torch.version ? ` ${torch.version}` : ""} ms/step (1 thread)`,
    "ratio",
  ],
  ...CASES.map((c) => {
    const theirs = torch[c.key];
    return [
      c.name,
      fmt(ours[c.key]),
      fmt(theirs),
      theirs === undefined ? "—" : `${(ours[c.key] / theirs).toFixed(2)}×`,
    ];
  }),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log(
  `step() over ${N.toLocaleString("en-US")} float32 parameters, median of ${RUNS} runs × ${STEPS} steps (node ${process.version})`,
);
for (const [i, row] of rows.entries()) {
  console.log(
    row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("  "),
  );
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
if (torch.skipped) console.log(`(PyTorch column skipped: ${torch.skipped})`);
