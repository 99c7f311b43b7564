import { describe, expect, it } from "vitest";
import { lbfgsFit, stochasticWeightAveraging } from "./weightAveraging.js";

describe("the guide's weight-averaging example", () => {
  const run = stochasticWeightAveraging();

  it("anneals the lr to swaLr from the SWA start and holds it", () => {
    expect(run.lrs.slice(0, 11)).toEqual(Array(11).fill(0.1));
    expect(run.lrs[13]).toBeCloseTo(0.02, 12);
    expect(run.lrs.slice(14)).toEqual(Array(6).fill(run.lrs[13]));
    expect(run.lrs[11]).toBeLessThan(0.1);
    expect(run.lrs[11]).toBeGreaterThan(0.02);
  });

  it("averages the ten snapshots (the running mean, in float32)", () => {
    expect(run.nAveraged).toBe(10);
    const mean = run.snapshots.reduce((a, b) => a + b, 0) / run.snapshots.length;
    expect(run.averaged).toBeCloseTo(mean, 6);
  });

  it("gives an averaged model whose loss, after updateBn, is finite and near the model's", () => {
    expect(Number.isFinite(run.loss.swa)).toBe(true);
    expect(run.loss.swa).toBeLessThan(run.loss.model * 3);
  });
});

describe("the guide's LBFGS example", () => {
  it("drives the loss down in each step", () => {
    const { losses } = lbfgsFit();
    expect(losses[1]!).toBeLessThan(losses[0]!);
    expect(losses[2]!).toBeLessThan(1e-6);
  });
});
