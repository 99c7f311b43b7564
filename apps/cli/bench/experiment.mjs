#!/usr/bin/env node
// The seed's experiment end to end, Kindling beside PyTorch on one thread: the data (seed 420,
// 1000 rows, split 70/30, batches of 50), then three runs of net_class2 (seed 24, tanh, BN 'pre')
// for 60 epochs with per-epoch evaluation of train and test MSE: LambdaLR(0.95 ** epoch) at 0.05,
// constant 0.03 and constant 0.01. Target (benchmarks issue): at least 5x faster than PyTorch.
// Needs a build (`pnpm bench` builds first).
//
//   KINDLING_BENCH_ROUNDS=3 node apps/cli/bench/experiment.mjs
import { fileURLToPath } from "node:url";
import {
  row,
  runSuiteIfMain,
  runTorchScript,
  sampleSeconds,
} from "../../../scripts/bench/harness.mjs";
import { makeData, runExperiment } from "../dist/demo/experiment.js";
import { RUNS } from "../dist/demo/settings.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 5);
const THREE = RUNS.slice(0, 3);

function experiment() {
  const data = makeData();
  let sink = 0;
  for (const spec of THREE) sink += runExperiment(spec, data).train.at(-1);
  return sink;
}

const TORCH_SCRIPT = `
import sys
sys.path.insert(0, sys.argv[2])
import torch.nn as nn
from torch.optim import SGD, lr_scheduler
from course import fit_rec, net_class2, split_loader, tensorGenReg
ROUNDS = int(sys.argv[1])
def experiment():
    torch.manual_seed(420)
    features, labels = tensorGenReg(w=[2, -1, 3, 1, 2], bias=False, deg=2)
    train, test = split_loader(features, labels, batch_size=50)
    sink = 0.0
    for lr, scheduled in ((0.05, True), (0.03, False), (0.01, False)):
        torch.manual_seed(24)
        net = net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
        opt = SGD(net.parameters(), lr=lr)
        sched = lr_scheduler.LambdaLR(opt, lambda epoch: 0.95 ** epoch) if scheduled else None
        tr, _ = fit_rec(net, nn.MSELoss(), opt, train, test, 60, sched, [])
        sink += tr[-1]
    return sink
samples = bench(experiment, reps=1, rounds=ROUNDS, warmup=1)
print(json.dumps({"experiment": samples}))
`;

/** The benchmark suite (scripts/bench/run.mjs runs it with the others). */
export const suite = {
  name: "cli",
  title: "The seed experiment end to end",
  run() {
    const kindling = sampleSeconds(experiment, { reps: 1, rounds: ROUNDS, warmup: 1 });
    const torchDir = fileURLToPath(new URL("../../../scripts/torch/", import.meta.url));
    const torch = runTorchScript(TORCH_SCRIPT, [ROUNDS, torchDir]);
    return {
      torch,
      notes: [
        "3 runs × 60 epochs of net_class2 (5-4-4-1, tanh, BatchNorm 'pre'), SGD, batches of 50, train and test MSE after every epoch, data generation included.",
      ],
      rows: [
        row({
          id: "seed-experiment",
          label: "seed experiment: 3 runs × 60 epochs with evaluation",
          unit: "s",
          kindling,
          pytorch: torch.experiment,
          target: { speedup: 5, text: "≥ 5×" },
        }),
      ],
    };
  },
};

await runSuiteIfMain(import.meta.url, suite);
