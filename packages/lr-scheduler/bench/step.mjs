#!/usr/bin/env node
// Median cost of one `scheduler.step()` with one param group, Kindling beside PyTorch 1.13.
// Run with `pnpm bench` (builds dist first). PyTorch's column is filled when a python3 that
// imports torch is found (scripts/torch/python.mjs); otherwise it says "n/a".
import { spawnSync } from "node:child_process";
import { median } from "../../../scripts/bench/harness.mjs";
import { findTorchPython } from "../../../scripts/torch/python.mjs";
import {
  CosineAnnealingLR,
  LambdaLR,
  OneCycleLR,
  ReduceLROnPlateau,
  StepLR,
} from "../dist/index.js";

const ROUNDS = 15;
const STEPS = 200_000;

const optimizer = () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }], step() {} });
const cases = {
  LambdaLR: (o) => new LambdaLR(o, { lrLambda: (epoch) => 0.95 ** epoch }),
  "LambdaLR (expression)": (o) => new LambdaLR(o, { lrLambda: "0.95 ** epoch" }),
  StepLR: (o) => new StepLR(o, { stepSize: 30 }),
  CosineAnnealingLR: (o) => new CosineAnnealingLR(o, { tMax: 100 }),
  OneCycleLR: (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 1e9 }),
  ReduceLROnPlateau: (o) => new ReduceLROnPlateau(o),
};

function timeKindling(name, make) {
  const o = optimizer();
  const scheduler = make(o);
  o.step();
  const plateau = name === "ReduceLROnPlateau";
  const run = (n) => {
    if (plateau) for (let i = 0; i < n; i++) scheduler.step(i & 1 ? 1 : 0.5);
    else for (let i = 0; i < n; i++) scheduler.step();
  };
  run(STEPS); // warm up the JIT
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    run(STEPS);
    samples.push(Number(process.hrtime.bigint() - start) / STEPS);
  }
  return median(samples);
}

const PYTHON = `
import json, time, statistics, warnings, torch
from torch.optim import lr_scheduler as L
warnings.simplefilter("ignore")
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
    n = 20000
    samples = []
    for r in range(7):
        if name == "ReduceLROnPlateau":
            t = time.perf_counter_ns()
            for i in range(n): s.step(1.0 if i & 1 else 0.5)
        else:
            t = time.perf_counter_ns()
            for i in range(n): s.step()
        samples.append((time.perf_counter_ns() - t) / n)
    out[name] = statistics.median(samples)
print(json.dumps(out))
`;

function timePyTorch() {
  const found = findTorchPython();
  if (!found) return {};
  const result = spawnSync(found.python, ["-c", PYTHON], {
    encoding: "utf8",
    env: { ...process.env, OMP_NUM_THREADS: "1" },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    return {};
  }
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

const torch = timePyTorch();
const rows = Object.entries(cases).map(([name, make]) => {
  const ns = timeKindling(name, make);
  const py = torch[name];
  return [
    name,
    ns.toFixed(1),
    py === undefined ? "n/a" : py.toFixed(0),
    py === undefined ? "" : `${(py / ns).toFixed(0)}x`,
  ];
});
const header = ["scheduler (1 group)", "Kindling ns/step", "PyTorch ns/step", "speed-up"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log(
  `\nmedian of ${ROUNDS} rounds of ${STEPS} steps (PyTorch: 7 rounds of 20000); target <= 200 ns/step`,
);
