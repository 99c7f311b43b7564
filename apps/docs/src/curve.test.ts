import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog.js";
import { computeCurve } from "./curve.js";
import { specOf } from "./urlState.js";

describe("computeCurve", () => {
  it("draws every catalog entry from its starting values", () => {
    for (const entry of CATALOG) {
      const result = computeCurve(specOf(entry), { lr: 0.1, steps: 100 });
      expect(result, entry.name).toHaveProperty("lrs");
      if ("lrs" in result) {
        expect(result.lrs).toHaveLength(101);
        expect(result.lrs.every(Number.isFinite), entry.name).toBe(true);
      }
    }
  });

  it("gives StepLR's sequence", () => {
    const spec = { name: "StepLR", values: { stepSize: 2, gamma: 0.5 } };
    expect(computeCurve(spec, { lr: 1, steps: 4 })).toEqual({ lrs: [1, 1, 0.5, 0.5, 0.25] });
  });

  it("builds SequentialLR's nested schedulers from their text", () => {
    const spec = {
      name: "SequentialLR",
      values: {
        schedulers: "ConstantLR(factor=0.5, totalIters=2), StepLR(stepSize=1, gamma=0.5)",
        milestones: [2],
      },
    };
    expect(computeCurve(spec, { lr: 1, steps: 4 })).toEqual({ lrs: [0.5, 0.5, 1, 0.5, 0.25] });
  });

  it("reports the package's message for invalid options", () => {
    const spec = { name: "StepLR", values: { stepSize: 0, gamma: 0.5 } };
    const result = computeCurve(spec, { lr: 1, steps: 4 });
    expect(result).toHaveProperty("error");
  });
});
