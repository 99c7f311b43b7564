#!/usr/bin/env node
// Train steps of whole networks built from @kindling/nn, beside the same networks in PyTorch on one
// thread: the seed network (the course MLP 5-4-4-1, tanh, BatchNorm before the activation,
// batch 50: forward + MSE + backward + zeroGrad) and a larger MLP (784-256-256-10, ReLU,
// cross-entropy, batch 128: forward + loss + backward + an SGD update + zeroGrad).
// Run with `pnpm bench` here (builds dist first) or from the root for every suite.
//
//   KINDLING_BENCH_ROUNDS=3 node bench/forward.mjs
import {
  getNumThreads,
  manualSeed,
  noGrad,
  randint,
  randn,
  setNumThreads,
  tanh,
} from "@kindling/tensor";
import {
  PYTORCH_OPENBLAS,
  row,
  runSuiteIfMain,
  runTorchScript,
  sampleSeconds,
} from "../../../scripts/bench/harness.mjs";
import { CrossEntropyLoss, Linear, MSELoss, netClass2, ReLU, Sequential } from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
const SEED_BATCH = 50;
const SEED_STEPS = Number(process.env.KINDLING_BENCH_STEPS ?? 200);
// Steps run before timing, on both sides: V8 needs on the order of a thousand steps to compile the
// whole step with its optimizing tier (the first rounds after 200 steps cost 4-6x the steady
// state), and the seed experiment runs thousands. PyTorch warms up the same number of steps.
const SEED_WARMUP = Number(process.env.KINDLING_BENCH_WARMUP ?? 3000);
const MLP_BATCH = 128;
const MLP_STEPS = Number(process.env.KINDLING_BENCH_MLP_STEPS ?? 12);
// Steps run before timing the larger MLP, on both sides: its first steps run while V8 is still
// compiling (5 steps of warm-up measured 5.5 ms a step where 100 give 4.3).
const MLP_WARMUP = Number(process.env.KINDLING_BENCH_MLP_WARMUP ?? 100);
/** Threads in the MLP's second pair of rows: Kindling's default on a two-core machine. */
const MLP_THREADS = 2;
const LR = 0.01;

function seedStep() {
  manualSeed(24);
  const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
  const lossFn = new MSELoss();
  const x = randn([SEED_BATCH, 5]);
  const y = randn([SEED_BATCH, 1]);
  return () => {
    const loss = lossFn.call(net.call(x), y);
    loss.backward();
    net.zeroGrad();
  };
}

function mlpStep() {
  manualSeed(0);
  const net = new Sequential(
    new Linear(784, 256),
    new ReLU(),
    new Linear(256, 256),
    new ReLU(),
    new Linear(256, 10),
  );
  const params = [...net.parameters()];
  const lossFn = new CrossEntropyLoss();
  const x = randn([MLP_BATCH, 784]);
  const y = randint(0, 10, [MLP_BATCH]);
  return () => {
    const loss = lossFn.call(net.call(x), y);
    loss.backward();
    noGrad(() => {
      for (const p of params) p.sub_(p.grad, LR);
    });
    net.zeroGrad();
  };
}

const TORCH_SCRIPT = `
from torch import nn
rounds, seed_batch, seed_steps, mlp_batch, mlp_steps, lr, seed_warmup, mlp_warmup = (float(a) for a in sys.argv[1:9])
only_mlp = sys.argv[9] == "mlp"
threads = int(sys.argv[10])
torch.set_num_threads(threads)
rounds, seed_batch, seed_steps, mlp_batch, mlp_steps, seed_warmup, mlp_warmup = (int(v) for v in (rounds, seed_batch, seed_steps, mlp_batch, mlp_steps, seed_warmup, mlp_warmup))
torch.manual_seed(24)
net = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.Tanh(), nn.Linear(4, 4), nn.BatchNorm1d(4), nn.Tanh(), nn.Linear(4, 1))
mse = nn.MSELoss()
x, y = torch.randn(seed_batch, 5), torch.randn(seed_batch, 1)
def seed_step():
    loss = mse(net(x), y)
    loss.backward()
    net.zero_grad(set_to_none=False)
torch.manual_seed(0)
mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
ce = nn.CrossEntropyLoss()
opt = torch.optim.SGD(mlp.parameters(), lr=lr)
mx, my = torch.randn(mlp_batch, 784), torch.randint(0, 10, (mlp_batch,))
def mlp_step():
    loss = ce(mlp(mx), my)
    loss.backward()
    opt.step()
    opt.zero_grad(set_to_none=False)
samples = {} if only_mlp else {"seedStep": bench(seed_step, seed_steps, rounds, seed_warmup)}
samples["mlpStep"] = bench(mlp_step, mlp_steps, rounds, mlp_warmup)
print(json.dumps({"samples": samples}))
`;

/** The nn suite: train steps of whole networks. */
export const suite = {
  name: "nn",
  title: "Train steps of whole networks",
  run() {
    const ours = {
      seedStep: sampleSeconds(seedStep(), {
        reps: SEED_STEPS,
        rounds: ROUNDS,
        warmup: SEED_WARMUP,
      }),
      mlpStep: sampleSeconds(mlpStep(), { reps: MLP_STEPS, rounds: ROUNDS, warmup: MLP_WARMUP }),
    };
    setNumThreads(MLP_THREADS);
    const threadsInEffect = getNumThreads();
    try {
      ours.mlpStepThreads = sampleSeconds(mlpStep(), {
        reps: MLP_STEPS,
        rounds: ROUNDS,
        warmup: MLP_WARMUP,
      });
    } finally {
      setNumThreads(1);
    }
    const args = [
      ROUNDS,
      SEED_BATCH,
      SEED_STEPS,
      MLP_BATCH,
      MLP_STEPS,
      LR,
      SEED_WARMUP,
      MLP_WARMUP,
    ];
    const torch = runTorchScript(TORCH_SCRIPT, [...args, "all", 1]);
    // The second bar for the larger MLP: PyTorch with OpenBLAS (one thread) as its BLAS.
    const openblas = runTorchScript(TORCH_SCRIPT, [...args, "mlp", 1], { blas: "openblas" });
    const torchThreads = runTorchScript(TORCH_SCRIPT, [...args, "mlp", MLP_THREADS]);
    const openblasThreads = runTorchScript(TORCH_SCRIPT, [...args, "mlp", MLP_THREADS], {
      blas: "openblas",
      threads: MLP_THREADS,
    });
    const us = (s) => s * 1e6;
    const ms = (s) => s * 1e3;
    /** The larger MLP's step, beside each PyTorch. */
    const mlp = {
      label: `MLP 784-256-256-10 ReLU, CE, batch ${MLP_BATCH}: train step with SGD`,
      unit: "ms",
      kindling: ours.mlpStep,
      convert: ms,
    };
    /** The same step on {@link MLP_THREADS} threads, beside each PyTorch on as many. */
    const threadedMlp = {
      ...mlp,
      label: `${mlp.label}, ${MLP_THREADS} threads`,
      kindling: ours.mlpStepThreads,
    };
    return {
      torch,
      rows: [
        row({
          id: "nn.seedStep",
          label: `seed net 5-4-4-1 tanh BN, batch ${SEED_BATCH}: forward+MSE+backward+zeroGrad`,
          unit: "µs",
          kindling: ours.seedStep,
          pytorch: torch.samples?.seedStep,
          convert: us,
          target: { speedup: 5, text: "≥ 5×" },
        }),
        row({
          ...mlp,
          id: "nn.mlpStep",
          pytorch: torch.samples?.mlpStep,
          target: { speedup: 1, text: "≥ 1× (Debian's PyTorch)" },
        }),
        row({
          ...mlp,
          id: "nn.mlpStepOpenblas",
          pytorch: openblas.samples?.mlpStep,
          peer: PYTORCH_OPENBLAS,
          target: { speedup: 0.5, text: "≥ 0.5× (PyTorch with OpenBLAS)" },
        }),
        row({
          ...threadedMlp,
          id: "nn.mlpStepThreads",
          pytorch: torchThreads.samples?.mlpStep,
        }),
        row({
          ...threadedMlp,
          id: "nn.mlpStepThreadsOpenblas",
          label: `${threadedMlp.label} (PyTorch with OpenBLAS, ${MLP_THREADS} threads)`,
          pytorch: openblasThreads.samples?.mlpStep,
          peer: PYTORCH_OPENBLAS,
        }),
      ],
      notes: [
        `MLP rows: ${MLP_WARMUP} steps of warm-up, then ${ROUNDS} rounds of ${MLP_STEPS} steps, each side.` +
          ` The ${MLP_THREADS}-thread rows: setNumThreads(${MLP_THREADS}) (${threadsInEffect} in effect here)` +
          ` beside torch.set_num_threads(${MLP_THREADS}) (and OPENBLAS_NUM_THREADS=${MLP_THREADS} with OpenBLAS);` +
          " the issue's MLP targets are the one-thread rows.",
        ...(openblas.skipped ? [`(PyTorch+OpenBLAS rows skipped: ${openblas.skipped})`] : []),
      ],
    };
  },
};

await runSuiteIfMain(import.meta.url, suite);
