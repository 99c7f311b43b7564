import { readFileSync } from "node:fs";
import {
  defaultGenerator,
  fillUniform,
  getRngState,
  manualSeed,
  setRngState,
  type Tensor,
} from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import type { DataLoader } from "../loader/dataLoader.js";
import { splitLoader } from "./splitLoader.js";
import { tensorGenCla } from "./tensorGenCla.js";
import { tensorGenReg } from "./tensorGenReg.js";

interface Generated {
  features: number[];
  labels: number[];
  shape: number[];
  next: number[];
}
const reference = JSON.parse(
  readFileSync(new URL("../../fixtures/reference.json", import.meta.url), "utf8"),
).data as {
  seed: {
    features: number[];
    labels: number[];
    train_indices: number[];
    test_indices: number[];
    epochs: { train: number[][]; test: number[][] }[];
    next: number[];
  };
  generators: Record<string, Generated>;
};

const values = (t: Tensor) => Array.from(t.toTypedArray() as Float32Array, Number);
const next3 = () => Array.from(fillUniform(defaultGenerator, new Float32Array(3)), Number);

/** Labels come from a float32 matrix product; PyTorch's BLAS may sum in another order. */
const LABEL_TOLERANCE = 1e-5;

function expectClose(actual: number[], expected: number[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((a, i) => {
    worst = Math.max(worst, Math.abs(a - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  });
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe("the seed's data, split and batch order against PyTorch 1.13", () => {
  it("reproduces features bit for bit, labels to float32 rounding, split and three epochs of batches", () => {
    manualSeed(420);
    const [features, labels] = tensorGenReg({ w: [2, -1, 3, 1, 2], bias: false, deg: 2 });
    expect(features.shape).toEqual([1000, 5]);
    expect(values(features)).toEqual(reference.seed.features);
    expectClose(values(labels), reference.seed.labels, LABEL_TOLERANCE);
    const [train, test] = splitLoader(features, labels, { batchSize: 50 });
    const trainSet = train.dataset as unknown as { indices: Int32Array };
    const testSet = test.dataset as unknown as { indices: Int32Array };
    expect(Array.from(trainSet.indices)).toEqual(reference.seed.train_indices);
    expect(Array.from(testSet.indices)).toEqual(reference.seed.test_indices);
    for (const epoch of reference.seed.epochs) {
      expect([...train].map(([x]) => values(x!.select(1, 0)))).toEqual(epoch.train);
      expect([...test].map(([x]) => values(x!.select(1, 0)))).toEqual(epoch.test);
    }
    expect(next3()).toEqual(reference.seed.next);
  });
});

describe("the course's generators against PyTorch 1.13", () => {
  const cases: [string, number, () => [Tensor, Tensor]][] = [
    ["reg_default", 0, () => tensorGenReg()],
    [
      "reg_one_input",
      1,
      () => tensorGenReg({ numExamples: 20, w: [3.5, 1], bias: true, deg: 3, delta: 0.5 }),
    ],
    ["cla_default", 420, () => tensorGenCla()],
    [
      "cla_bias",
      2,
      () =>
        tensorGenCla({
          numExamples: 7,
          numInputs: 3,
          numClass: 2,
          degDispersion: [2, 1],
          bias: true,
        }),
    ],
  ];
  it.each(cases)("%s", (name, seed, make) => {
    const expected = reference.generators[name]!;
    manualSeed(seed);
    const [features, labels] = make();
    expect(features.shape).toEqual(expected.shape);
    expect(values(features)).toEqual(expected.features);
    if (name.startsWith("cla")) {
      expect(labels.dtype).toBe("int64");
      expect(Array.from(labels.toTypedArray() as BigInt64Array, Number)).toEqual(expected.labels);
    } else {
      expectClose(values(labels), expected.labels, LABEL_TOLERANCE);
    }
    expect(next3()).toEqual(expected.next);
  });
});

describe("resuming a pass mid-epoch", () => {
  it("yields exactly the batches an uninterrupted pass yields", () => {
    manualSeed(420);
    const [features, labels] = tensorGenReg({ w: [2, -1, 3, 1, 2], bias: false, deg: 2 });
    const [train] = splitLoader(features, labels, { batchSize: 50 });
    const firstColumn = (loader: Iterable<Tensor[]>) =>
      [...loader].map(([x]) => values(x!.select(1, 0)));
    const start = getRngState();
    const uninterrupted = firstColumn(train);
    const after = getRngState();

    manualSeed(1); // something else ran in between
    const resumed: number[][] = [];
    setRngState(start);
    const it = train[Symbol.iterator]();
    for (let b = 0; b < 4; b++) resumed.push(values(it.next().value![0]!.select(1, 0)));
    const position = train.position()!;
    const checkpointRng = getRngState();
    manualSeed(7); // the process dies; a new one starts
    setRngState(checkpointRng);
    const rest = (train as DataLoader<Tensor[]>).resume(position);
    for (let step = rest.next(); !step.done; step = rest.next())
      resumed.push(values(step.value[0]!.select(1, 0)));
    expect(resumed).toEqual(uninterrupted);
    expect(getRngState()).toEqual(after);
  });
});
