#!/usr/bin/env node
// optimizer.step() over 1M float32 parameters (one tensor), SGD with momentum, Adam, ASGD and Rprop, Kindling
// beside PyTorch on one thread. Needs a build (`pnpm bench` builds first).
//
//   KINDLING_BENCH_N=100000 KINDLING_BENCH_OPTIM_STEPS=5 node bench/step.mjs
import { fromTypedArray } from "@kindling/tensor";
import {
  filledFloat32,
  row,
  runSuiteIfMain,
  runTorchScript,
  sampleSeconds,
} from "../../../scripts/bench/harness.mjs";
import { Adam, ASGD, Rprop, SGD } from "../dist/index.js";

const N = Number(process.env.KINDLING_BENCH_N ?? 1_000_000);
const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
const STEPS = Number(process.env.KINDLING_BENCH_OPTIM_STEPS ?? 10);

const CASES = [
  {
    label: "SGD (momentum 0.9) step, 1M params",
    key: "sgd",
    make: (p) => new SGD(p, { lr: 1e-3, momentum: 0.9 }),
  },
  { label: "Adam step, 1M params", key: "adam", make: (p) => new Adam(p, { lr: 1e-3 }) },
  { label: "ASGD step, 1M params", key: "asgd", make: (p) => new ASGD(p, { lr: 1e-3 }) },
  { label: "Rprop step, 1M params", key: "rprop", make: (p) => new Rprop(p, { lr: 1e-3 }) },
];

function timeKindling(make) {
  const param = fromTypedArray(filledFloat32(N, 1), [N]).requiresGrad_();
  param.grad = fromTypedArray(filledFloat32(N, 2), [N]);
  const opt = make([param]);
  return sampleSeconds(() => opt.step(), { reps: STEPS, rounds: ROUNDS });
}

const TORCH_SCRIPT = `
N, ROUNDS, STEPS = (int(a) for a in sys.argv[1:4])
g = torch.Generator().manual_seed(0)
def time_step(make):
    p = torch.nn.Parameter(torch.rand(N, generator=g) * 2 - 1)
    p.grad = torch.rand(N, generator=g) * 2 - 1
    opt = make([p])
    return bench(opt.step, reps=STEPS, rounds=ROUNDS)
print(json.dumps({
    "sgd": time_step(lambda ps: torch.optim.SGD(ps, lr=1e-3, momentum=0.9)),
    "adam": time_step(lambda ps: torch.optim.Adam(ps, lr=1e-3)),
    "asgd": time_step(lambda ps: torch.optim.ASGD(ps, lr=1e-3)),
    "rprop": time_step(lambda ps: torch.optim.Rprop(ps, lr=1e-3)),
}))
`;

/** The benchmark suite (scripts/bench/run.mjs runs it with the others). */
export const suite = {
  name: "optim",
  title: "Optimizer step over 1M float32 parameters",
  run() {
    const kindling = Object.fromEntries(CASES.map((c) => [c.key, timeKindling(c.make)]));
    const torch = runTorchScript(TORCH_SCRIPT, [N, ROUNDS, STEPS]);
    return {
      torch,
      notes: [
        `${ROUNDS} rounds of ${STEPS} steps each side; one parameter tensor of ${N} elements.`,
      ],
      rows: CASES.map((c) =>
        row({
          id: `optim-${c.key}`,
          label: c.label,
          unit: "ms",
          kindling: kindling[c.key],
          pytorch: torch[c.key],
          convert: (s) => s * 1e3,
        }),
      ),
    };
  },
};

await runSuiteIfMain(import.meta.url, suite);
