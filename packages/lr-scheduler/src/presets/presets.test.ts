import { describe, expect, it } from "vitest";
import {
  linearWarmupCosine,
  linearWarmupStep,
  previewSchedule,
  ReduceLROnPlateau,
  StepLR,
  warmupStableDecay,
} from "../index.js";
import { loadFixture } from "../testing/fixtures.js";

const sequential = loadFixture("sequential_lr");
const pytorch = (name: string) => sequential.find((c) => c.name === name)!;

describe("warmup presets reproduce PyTorch's SequentialLR of the same pieces", () => {
  it("linearWarmupCosine", () => {
    const c = pytorch("warmup then cosine");
    const rows = previewSchedule(
      (o) => linearWarmupCosine(o, { warmupSteps: 10, totalSteps: 300, warmupStartFactor: 0.01 }),
      { steps: 300, lrs: [0.1, 0.02] },
    );
    rows.forEach((row, i) => {
      row.forEach((lr, g) => {
        const expected = c.lrs[i]![g]!;
        expect(Math.abs(lr - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
      });
    });
  });

  it("linearWarmupStep", () => {
    const c = pytorch("warmup then step");
    const rows = previewSchedule(
      (o) =>
        linearWarmupStep(o, { warmupSteps: 5, stepSize: 60, gamma: 0.5, warmupStartFactor: 0.2 }),
      { steps: 300, lrs: [0.1] },
    );
    expect(rows).toEqual(c.lrs);
  });

  it("warmupStableDecay", () => {
    const c = pytorch("warmup, stable, decay");
    const rows = previewSchedule(
      (o) =>
        warmupStableDecay(o, {
          warmupSteps: 20,
          stableSteps: 180,
          decaySteps: 100,
          warmupStartFactor: 0.05,
          endFactor: 0.01,
        }),
      { steps: 300, lrs: [0.1] },
    );
    expect(rows).toEqual(c.lrs);
  });
});

describe("previewSchedule", () => {
  it("returns the lr of every group after construction and each step", () => {
    expect(
      previewSchedule((o) => new StepLR(o, { stepSize: 2, gamma: 0.5 }), { steps: 4, lrs: [1, 2] }),
    ).toEqual([
      [1, 2],
      [1, 2],
      [0.5, 1],
      [0.5, 1],
      [0.25, 0.5],
    ]);
  });

  it("feeds metrics to ReduceLROnPlateau", () => {
    const rows = previewSchedule((o) => new ReduceLROnPlateau(o, { patience: 1, factor: 0.5 }), {
      steps: 6,
      metrics: [1, 0.9, 0.9, 0.9, 0.9, 0.9],
    });
    expect(rows.map((r) => r[0])).toEqual([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025]);
  });
});
