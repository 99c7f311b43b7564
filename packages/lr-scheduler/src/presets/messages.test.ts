import { describe, expect, it } from "vitest";
import { SchedulerError } from "../base/errors.js";
import { OneCycleLR } from "../schedulers/oneCycleLR.js";
import { linearWarmupCosine } from "./linearWarmupCosine.js";

const makeOptimizer = () => ({
  paramGroups: [{ lr: 0.1 } as { lr: number; [k: string]: unknown }],
  step() {},
});

describe("messages that say what the user set", () => {
  it("linearWarmupCosine with warmupSteps >= totalSteps names both", () => {
    const make = () => linearWarmupCosine(makeOptimizer(), { warmupSteps: 15, totalSteps: 10 });
    expect(make).toThrow(SchedulerError);
    expect(make).toThrow(
      "linearWarmupCosine expects warmupSteps < totalSteps (the cosine decay takes totalSteps - warmupSteps steps), but got warmupSteps 15 and totalSteps 10",
    );
    expect(() => linearWarmupCosine(makeOptimizer(), { warmupSteps: 10, totalSteps: 10 })).toThrow(
      /warmupSteps 10 and totalSteps 10/,
    );
  });

  it("OneCycleLR with epochs but no stepsPerEpoch says it is missing", () => {
    const make = () => new OneCycleLR(makeOptimizer(), { maxLr: 0.1, epochs: 10 });
    expect(make).toThrow(SchedulerError);
    expect(make).toThrow(/stepsPerEpoch \(steps_per_epoch\) is missing/);
    expect(() => new OneCycleLR(makeOptimizer(), { maxLr: 0.1, stepsPerEpoch: 10 })).toThrow(
      /epochs is missing/,
    );
  });
});
