// Times one training step's forward + MSE + backward + zeroGrad of the seed network (the course
// MLP: 5-4-4-1, tanh, BatchNorm before the activation, manualSeed(24)) on a batch of 50, and the same
// network in PyTorch on one thread when a python3 imports torch (KINDLING_PYTHON overrides). Prints
// the median over repeated runs, in microseconds per step. Needs a build first: `pnpm build`.
//
//   node bench/forward.mjs            (or `pnpm bench` in packages/nn)
//   KINDLING_BENCH_RUNS=5 KINDLING_BENCH_STEPS=100 node bench/forward.mjs
import { manualSeed, randn, tanh } from "@kindling/tensor";
import { median, runTorchScript } from "../../../scripts/bench/harness.mjs";
import { MSELoss, netClass2 } from "../dist/index.js";

const BATCH = Number(process.env.KINDLING_BENCH_BATCH ?? 50);
const RUNS = Number(process.env.KINDLING_BENCH_RUNS ?? 9);
const STEPS = Number(process.env.KINDLING_BENCH_STEPS ?? 200);
const WARMUP = Number(process.env.KINDLING_BENCH_WARMUP ?? 200);

function benchKindling() {
  manualSeed(24);
  const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
  const lossFn = new MSELoss();
  const x = randn([BATCH, 5]);
  const y = randn([BATCH, 1]);
  const step = () => {
    const loss = lossFn.call(net.call(x), y);
    loss.backward();
    net.zeroGrad();
  };
  for (let i = 0; i < WARMUP; i++) step();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < STEPS; i++) step();
    times.push(Number(process.hrtime.bigint() - start) / 1e3 / STEPS);
  }
  return median(times);
}

const TORCH_SCRIPT = `
import json, statistics, sys, time
import torch
from torch import nn
torch.set_num_threads(1)
BATCH, RUNS, STEPS, WARMUP = (int(a) for a in sys.argv[1:5])
torch.manual_seed(24)
net = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.Tanh(), nn.Linear(4, 4), nn.BatchNorm1d(4), nn.Tanh(), nn.Linear(4, 1))
loss_fn = nn.MSELoss()
x, y = torch.randn(BATCH, 5), torch.randn(BATCH, 1)
def step():
    loss = loss_fn(net(x), y)
    loss.backward()
    net.zero_grad(set_to_none=False)
for _ in range(WARMUP):
    step()
times = []
for _ in range(RUNS):
    start = time.perf_counter()
    for _ in range(STEPS):
        step()
    times.append((time.perf_counter() - start) * 1e6 / STEPS)
print(json.dumps({"version": torch.__version__, "step": statistics.median(times)}))
`;

const ours = benchKindling();
const torch = runTorchScript(TORCH_SCRIPT, [BATCH, RUNS, STEPS, WARMUP]);
const rows = [
  [
    "network",
    "Kindling µs/step",
    `PyTorch${torch.version ? ` ${torch.version}` : ""} µs/step (1 thread)`,
    "ratio",
  ],
  [
    "5-4-4-1 tanh, BN pre, batch 50: forward + MSE + backward + zeroGrad",
    ours.toFixed(1),
    torch.step === undefined ? "n/a" : torch.step.toFixed(1),
    torch.step === undefined ? "n/a" : `${(ours / torch.step).toFixed(2)}×`,
  ],
];
console.log(`median of ${RUNS} runs × ${STEPS} steps (node ${process.version})`);

const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const [i, row] of rows.entries()) {
  console.log(
    `| ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(" | ")} |`,
  );
  if (i === 0) {
    console.log(
      `| ${widths.map((w, j) => (j === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
    );
  }
}
if (torch.skipped) console.log(`(PyTorch column skipped: ${torch.skipped})`);
