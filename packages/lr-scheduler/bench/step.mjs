#!/usr/bin/env node
// The cost of one `scheduler.step()` with one param group, Kindling beside PyTorch on one thread.
// Target (benchmarks issue): at most 0.2 µs per step for every scheduler here.
// Run with `pnpm bench` here (builds dist first) or from the root for every suite.
//
//   KINDLING_BENCH_SCHEDULER_STEPS=20000 node bench/step.mjs
import {
  row,
  runSuiteIfMain,
  runTorchScript,
  sampleSeconds,
} from "../../../scripts/bench/harness.mjs";
import {
  CosineAnnealingLR,
  LambdaLR,
  OneCycleLR,
  ReduceLROnPlateau,
  StepLR,
} from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 15);
const STEPS = Number(process.env.KINDLING_BENCH_SCHEDULER_STEPS ?? 200_000);
const TORCH_STEPS = 20_000;
const TARGET = { value: 200, text: "≤ 200 ns" };

const optimizer = () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }], step() {} });
const CASES = [
  ["LambdaLR", (o) => new LambdaLR(o, { lrLambda: (epoch) => 0.95 ** epoch })],
  ["LambdaLR (expression)", (o) => new LambdaLR(o, { lrLambda: "0.95 ** epoch" })],
  ["StepLR", (o) => new StepLR(o, { stepSize: 30 })],
  ["CosineAnnealingLR", (o) => new CosineAnnealingLR(o, { tMax: 100 })],
  ["OneCycleLR", (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 1e9 })],
  ["ReduceLROnPlateau", (o) => new ReduceLROnPlateau(o)],
];

function timeKindling(name, make) {
  const o = optimizer();
  const scheduler = make(o);
  o.step();
  const run =
    name === "ReduceLROnPlateau"
      ? () => {
          for (let i = 0; i < STEPS; i++) scheduler.step(i & 1 ? 1 : 0.5);
        }
      : () => {
          for (let i = 0; i < STEPS; i++) scheduler.step();
        };
  return sampleSeconds(run, { rounds: ROUNDS, warmup: 1 }).map((s) => s / STEPS);
}

const TORCH_SCRIPT = `
import warnings
from torch.optim import lr_scheduler as L
warnings.simplefilter("ignore")
n = int(sys.argv[1])
def opt():
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
cases = {
    "LambdaLR": lambda o: L.LambdaLR(o, lambda epoch: 0.95 ** epoch),
    "StepLR": lambda o: L.StepLR(o, 30),
    "CosineAnnealingLR": lambda o: L.CosineAnnealingLR(o, 100),
    "OneCycleLR": lambda o: L.OneCycleLR(o, 0.1, total_steps=10**9),
    "ReduceLROnPlateau": lambda o: L.ReduceLROnPlateau(o),
}
out = {}
for name, make in cases.items():
    s = make(opt())
    if name == "ReduceLROnPlateau":
        def run():
            for i in range(n): s.step(1.0 if i & 1 else 0.5)
    else:
        def run():
            for i in range(n): s.step()
    out[name] = [t / n for t in bench(run, 1, 7)]
print(json.dumps({"samples": out}))
`;

/** The scheduler suite: ns per `step()`. */
export const suite = {
  name: "lr-scheduler",
  title: "Scheduler step() with one param group",
  run() {
    const torch = runTorchScript(TORCH_SCRIPT, [TORCH_STEPS]);
    const rows = CASES.map(([name, make]) =>
      row({
        id: `scheduler.${name}`,
        label: `${name} step()`,
        unit: "ns",
        kindling: timeKindling(name, make),
        pytorch: torch.samples?.[name],
        convert: (s) => s * 1e9,
        target: TARGET,
      }),
    );
    return {
      torch,
      rows,
      notes: [`Kindling: ${ROUNDS} rounds of ${STEPS} steps; PyTorch: 7 rounds of ${TORCH_STEPS}.`],
    };
  },
};

await runSuiteIfMain(import.meta.url, suite);
