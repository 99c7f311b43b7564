// Iterates a 1,000,000 x 16 float32 TensorDataset (with int64 labels) in shuffled batches of 256
// with DataLoader, and the same in PyTorch on one thread when a python3 imports torch
// (KINDLING_PYTHON overrides): PyTorch's DataLoader, and PyTorch "by hand" (randperm + index).
// Prints the median over repeated passes, in million rows per second. Needs a build first:
// `pnpm build`.
//
//   node bench/loader.mjs            (or `pnpm bench` in packages/data)
//   KINDLING_BENCH_N=100000 KINDLING_BENCH_RUNS=3 node bench/loader.mjs
import { fromTypedArray, manualSeed } from "@kindling/tensor";
import { filledFloat32, median, runTorchScript } from "../../../scripts/bench/harness.mjs";
import { DataLoader, TensorDataset } from "../dist/index.js";

const N = Number(process.env.KINDLING_BENCH_N ?? 1_000_000);
const D = Number(process.env.KINDLING_BENCH_D ?? 16);
const BATCH = Number(process.env.KINDLING_BENCH_BATCH ?? 256);
const RUNS = Number(process.env.KINDLING_BENCH_RUNS ?? 3);
const WARMUP = Number(process.env.KINDLING_BENCH_WARMUP ?? 1);

function benchKindling() {
  const labels = new BigInt64Array(N);
  for (let i = 0; i < N; i++) labels[i] = BigInt(i % 10);
  const ds = new TensorDataset(
    fromTypedArray(filledFloat32(N * D, 1), [N, D]),
    fromTypedArray(labels, [N]),
  );
  manualSeed(0);
  const loader = new DataLoader(ds, { batchSize: BATCH, shuffle: true });
  let sink = 0;
  const pass = () => {
    let rows = 0;
    for (const [xb, yb] of loader) {
      rows += xb.shape[0];
      sink += yb.shape[0];
    }
    if (rows !== N) throw new Error(`a pass gave ${rows} rows, not ${N}`);
  };
  for (let i = 0; i < WARMUP; i++) pass();
  const rates = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    pass();
    rates.push(N / (Number(process.hrtime.bigint() - start) / 1e9) / 1e6);
  }
  if (sink === 0) throw new Error("unreachable");
  return median(rates);
}

const TORCH_SCRIPT = `
import json, statistics, sys, time
import torch
from torch.utils.data import DataLoader, TensorDataset
torch.set_num_threads(1)
N, D, BATCH, RUNS, WARMUP = (int(a) for a in sys.argv[1:6])
torch.manual_seed(0)
x = torch.rand(N, D) * 2 - 1
y = torch.arange(N) % 10
def rate(one_pass):
    for _ in range(WARMUP):
        one_pass()
    rates = []
    for _ in range(RUNS):
        start = time.perf_counter()
        one_pass()
        rates.append(N / (time.perf_counter() - start) / 1e6)
    return statistics.median(rates)
loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, shuffle=True)
def loader_pass():
    for xb, yb in loader:
        pass
def by_hand_pass():
    perm = torch.randperm(N)
    for s in range(0, N, BATCH):
        idx = perm[s:s + BATCH]
        xb, yb = x[idx], y[idx]
print(json.dumps({
    "version": torch.__version__,
    "loader": rate(loader_pass),
    "byHand": rate(by_hand_pass),
}))
`;

function benchTorch() {
  return runTorchScript(TORCH_SCRIPT, [
    String(N),
    String(D),
    String(BATCH),
    String(RUNS),
    String(WARMUP),
  ]);
}

const ours = benchKindling();
const torch = benchTorch();

const fmt = (x) => (x === undefined ? "n/a" : x.toFixed(2));
const ratio = (theirs) => (theirs === undefined ? "n/a" : `${(ours / theirs).toFixed(2)}×`);
const rows = [
  [
    "loader",
    "Kindling M rows/s",
    `PyTorch${torch.version ? ` ${torch.version}` : ""} M rows/s (1 thread)`,
    "ratio",
  ],
  ["DataLoader (shuffle)", fmt(ours), fmt(torch.loader), ratio(torch.loader)],
  ["PyTorch by hand (randperm + index)", fmt(ours), fmt(torch.byHand), ratio(torch.byHand)],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log(
  `${N.toLocaleString("en-US")} x ${D} float32 rows + int64 labels, shuffled batches of ${BATCH}, median of ${RUNS} passes (node ${process.version})`,
);
for (const [i, row] of rows.entries()) {
  console.log(
    `| ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(" | ")} |`,
  );
  if (i === 0)
    console.log(
      `| ${widths.map((w, j) => (j === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
    );
}
if (torch.skipped) console.log(`(PyTorch column skipped: ${torch.skipped})`);
