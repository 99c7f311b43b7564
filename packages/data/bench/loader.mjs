#!/usr/bin/env node
// One shuffled pass of a DataLoader over a 1,000,000 x 16 float32 TensorDataset with int64 labels,
// in batches of 256, in million rows per second, beside PyTorch on one thread in the same run:
// PyTorch's DataLoader on the same data, and PyTorch "by hand" (randperm, then indexing both
// tensors with each slice of it). Target (data issue): at least 8 M rows/s. Also the shuffle's own
// cost: the permutation a shuffled pass draws (int32, from block draws) and @kindling/tensor's
// randperm(1,000,000) (int64), beside torch.randperm; and the same pass over a random 70% Subset.
// Kindling and PyTorch are sampled in alternating blocks, so both see the same load.
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
import { DataLoader, RandomSampler, randomSplit, TensorDataset } from "../dist/index.js";

const N = Number(process.env.KINDLING_BENCH_N ?? 1_000_000);
const D = Number(process.env.KINDLING_BENCH_D ?? 16);
const BATCH = Number(process.env.KINDLING_BENCH_BATCH ?? 256);
const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 12);
/** PyTorch's DataLoader takes seconds a pass: fewer rounds of it. */
/** Blocks the rounds are split into, alternating Kindling and PyTorch. */
const BLOCKS = Number(process.env.KINDLING_BENCH_BLOCKS ?? 3);
const TORCH_LOADER_ROUNDS = Number(process.env.KINDLING_BENCH_TORCH_LOADER_ROUNDS ?? 3);
const TARGET = { value: 8, text: "≥ 8 M rows/s" };

/** Seconds per pass of `loader`, checking that every pass gives `rows` rows. */
function passSeconds(loader, rows, rounds) {
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
    { rounds, warmup: 1 },
  );
  if (sink === 0) throw new Error("unreachable");
  return samples;
}

/** Kindling's workloads, built once; `sample(rounds)` times each of them `rounds` times. */
function kindling() {
  const labels = new BigInt64Array(N);
  for (let i = 0; i < N; i++) labels[i] = BigInt(i % 10);
  const ds = new TensorDataset(
    fromTypedArray(filledFloat32(N * D, 1), [N, D]),
    fromTypedArray(labels, [N]),
  );
  manualSeed(0);
  const loader = new DataLoader(ds, { batchSize: BATCH, shuffle: true });
  const [train] = randomSplit(ds, [0.7, 0.3]);
  const subset = new DataLoader(train, { batchSize: BATCH, shuffle: true });
  const sampler = new RandomSampler(ds);
  return {
    subsetRows: train.length,
    sample: (rounds) => ({
      loader: passSeconds(loader, N, rounds),
      subset: passSeconds(subset, train.length, rounds),
      perm: sampleSeconds(() => randperm(N), { rounds, warmup: 1 }),
      shuffle: sampleSeconds(() => sampler.runs().next(), { rounds, warmup: 1 }),
    }),
  };
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
samples = {
    "byHand": bench(by_hand_pass, 1, ROUNDS, 1),
    "perm": bench(lambda: torch.randperm(N), 1, ROUNDS, 1),
}
if LOADER_ROUNDS > 0:
    samples["loader"] = bench(loader_pass, 1, LOADER_ROUNDS, 1)
print(json.dumps({"samples": samples}))
`;

/**
 * Kindling's and PyTorch's samples, taken in `BLOCKS` alternating blocks (Kindling, then PyTorch,
 * and again), so that both sides see the same load on a shared machine.
 */
function sampleBoth() {
  const ours = kindling();
  const per = Math.ceil(ROUNDS / BLOCKS);
  const k = { loader: [], subset: [], perm: [], shuffle: [] };
  const t = { loader: [], byHand: [], perm: [] };
  let torch = {};
  for (let b = 0; b < BLOCKS; b++) {
    for (const [key, values] of Object.entries(ours.sample(per))) k[key].push(...values);
    const loaderRounds = b === 0 ? TORCH_LOADER_ROUNDS : 0;
    torch = runTorchScript(TORCH_SCRIPT, [N, D, BATCH, per, loaderRounds]);
    if (torch.skipped) break;
    for (const [key, values] of Object.entries(torch.samples)) t[key].push(...values);
  }
  return {
    ours: { ...k, subsetRows: ours.subsetRows },
    torch,
    torchSamples: torch.skipped ? {} : t,
  };
}

/** The data suite: shuffled passes of a DataLoader in M rows/s, and randperm's share of them. */
export const suite = {
  name: "data",
  title: `DataLoader: shuffled batches of ${BATCH} from a ${N.toLocaleString("en-US")} x ${D} float32 TensorDataset with int64 labels`,
  run() {
    const { ours, torch, torchSamples } = sampleBoth();
    const rate = (rows) => (s) => rows / s / 1e6;
    const pass = { unit: "M rows/s", better: "higher", convert: rate(N), target: TARGET };
    const rows = [
      row({
        ...pass,
        id: "data.loader",
        label: "DataLoader pass (PyTorch: its DataLoader)",
        kindling: ours.loader,
        pytorch: torchSamples.loader,
      }),
      row({
        ...pass,
        id: "data.loaderVsByHand",
        label: "DataLoader pass (PyTorch: by hand, randperm + index)",
        kindling: ours.loader,
        pytorch: torchSamples.byHand,
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
        id: "data.shuffle",
        label: `a shuffled pass's permutation of ${N.toLocaleString("en-US")} (RandomSampler; PyTorch: randperm)`,
        unit: "ms",
        convert: (s) => s * 1e3,
        kindling: ours.shuffle,
        pytorch: torchSamples.perm,
      }),
      row({
        id: "data.randperm",
        label: `randperm(${N.toLocaleString("en-US")}), int64`,
        unit: "ms",
        convert: (s) => s * 1e3,
        kindling: ours.perm,
        pytorch: torchSamples.perm,
      }),
    ];
    return {
      torch,
      rows,
      notes: [
        `${BLOCKS} alternating blocks of Kindling then PyTorch, ${Math.ceil(ROUNDS / BLOCKS)} timed passes each after one warm-up (PyTorch's DataLoader: ${TORCH_LOADER_ROUNDS} passes in the first block, seconds each).`,
        "Both shuffles draw the same permutation for the same seed; a pass includes drawing it.",
      ],
    };
  },
};

await runSuiteIfMain(import.meta.url, suite);
