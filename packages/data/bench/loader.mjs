#!/usr/bin/env node
// One shuffled pass of a DataLoader over a 1,000,000 x 16 float32 TensorDataset with int64 labels,
// in batches of 256, in million rows per second, beside PyTorch on one thread in the same run:
// PyTorch's DataLoader on the same data, and PyTorch "by hand" (randperm, then indexing both
// tensors with each slice of it). Target (data issue): at least 8 M rows/s. Also the shuffle's own
// cost, randperm(1,000,000), on both sides, and the same pass over a random 70% Subset.
// Run with `pnpm bench` here (builds dist first) or from the root for every suite.
//
//   KINDLING_BENCH_ROUNDS=5 KINDLING_BENCH_N=100000 node bench/loader.mjs
import { fromTypedArray, manualSeed, randperm } from "@kindling/tensor";
import {
  filledFloat32,
  row,
  runSuiteIfMain,
  runTorchScript,
  sampleSeconds,
} from "../../../scripts/bench/harness.mjs";
import { DataLoader, randomSplit, TensorDataset } from "../dist/index.js";

const N = Number(process.env.KINDLING_BENCH_N ?? 1_000_000);
const D = Number(process.env.KINDLING_BENCH_D ?? 16);
const BATCH = Number(process.env.KINDLING_BENCH_BATCH ?? 256);
const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
/** PyTorch's DataLoader takes seconds a pass: fewer rounds of it. */
const TORCH_LOADER_ROUNDS = Number(process.env.KINDLING_BENCH_TORCH_LOADER_ROUNDS ?? 3);
const TARGET = { value: 8, text: "≥ 8 M rows/s" };

/** Seconds per pass of `loader`, checking that every pass gives `rows` rows. */
function passSeconds(loader, rows) {
  let sink = 0;
  const samples = sampleSeconds(
    () => {
      let seen = 0;
      for (const [xb, yb] of loader) {
        seen += xb.shape[0];
        sink += yb.shape[0];
      }
      if (seen !== rows) throw new Error(`a pass gave ${seen} rows, not ${rows}`);
    },
    { rounds: ROUNDS, warmup: 1 },
  );
  if (sink === 0) throw new Error("unreachable");
  return samples;
}

function kindling() {
  const labels = new BigInt64Array(N);
  for (let i = 0; i < N; i++) labels[i] = BigInt(i % 10);
  const ds = new TensorDataset(
    fromTypedArray(filledFloat32(N * D, 1), [N, D]),
    fromTypedArray(labels, [N]),
  );
  manualSeed(0);
  const loader = passSeconds(new DataLoader(ds, { batchSize: BATCH, shuffle: true }), N);
  const [train] = randomSplit(ds, [0.7, 0.3]);
  const subset = passSeconds(
    new DataLoader(train, { batchSize: BATCH, shuffle: true }),
    train.length,
  );
  const perm = sampleSeconds(() => randperm(N), { rounds: ROUNDS, warmup: 1 });
  return { loader, subset, perm, subsetRows: train.length };
}

const TORCH_SCRIPT = `
from torch.utils.data import DataLoader, TensorDataset
N, D, BATCH, ROUNDS, LOADER_ROUNDS = (int(a) for a in sys.argv[1:6])
torch.manual_seed(0)
x = torch.rand(N, D) * 2 - 1
y = torch.arange(N) % 10
loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, shuffle=True)
def loader_pass():
    for xb, yb in loader:
        pass
def by_hand_pass():
    perm = torch.randperm(N)
    for s in range(0, N, BATCH):
        idx = perm[s:s + BATCH]
        xb, yb = x[idx], y[idx]
print(json.dumps({"samples": {
    "loader": bench(loader_pass, 1, LOADER_ROUNDS, 1),
    "byHand": bench(by_hand_pass, 1, ROUNDS, 1),
    "perm": bench(lambda: torch.randperm(N), 1, ROUNDS, 1),
}}))
`;

/** The data suite: shuffled passes of a DataLoader in M rows/s, and randperm's share of them. */
export const suite = {
  name: "data",
  title: `DataLoader: shuffled batches of ${BATCH} from a ${N.toLocaleString("en-US")} x ${D} float32 TensorDataset with int64 labels`,
  run() {
    const ours = kindling();
    const torch = runTorchScript(TORCH_SCRIPT, [N, D, BATCH, ROUNDS, TORCH_LOADER_ROUNDS]);
    const rate = (rows) => (s) => rows / s / 1e6;
    const pass = { unit: "M rows/s", better: "higher", convert: rate(N), target: TARGET };
    const rows = [
      row({
        ...pass,
        id: "data.loader",
        label: "DataLoader pass (PyTorch: its DataLoader)",
        kindling: ours.loader,
        pytorch: torch.samples?.loader,
      }),
      row({
        ...pass,
        id: "data.loaderVsByHand",
        label: "DataLoader pass (PyTorch: by hand, randperm + index)",
        kindling: ours.loader,
        pytorch: torch.samples?.byHand,
      }),
      row({
        id: "data.subset",
        label: "DataLoader pass over a random 70% Subset",
        unit: "M rows/s",
        better: "higher",
        convert: rate(ours.subsetRows),
        kindling: ours.subset,
        pytorch: null,
      }),
      row({
        id: "data.randperm",
        label: `randperm(${N.toLocaleString("en-US")}), int64`,
        unit: "ms",
        convert: (s) => s * 1e3,
        kindling: ours.perm,
        pytorch: torch.samples?.perm,
      }),
    ];
    return {
      torch,
      rows,
      notes: [
        `Kindling: ${ROUNDS} passes after one warm-up; PyTorch: ${TORCH_LOADER_ROUNDS} passes of its DataLoader (seconds each), ${ROUNDS} of the rest.`,
        "Both shuffles draw the same permutation for the same seed; a pass includes drawing it.",
      ],
    };
  },
};

await runSuiteIfMain(import.meta.url, suite);
