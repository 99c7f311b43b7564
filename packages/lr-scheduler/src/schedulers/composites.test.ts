import { describe, expect, it } from "vitest";
import { SchedulerError } from "../base/errors.js";
import { ChainedScheduler } from "./chainedScheduler.js";
import { ExponentialLR } from "./exponentialLR.js";
import { ReduceLROnPlateau } from "./reduceLROnPlateau.js";
import { SequentialLR } from "./sequentialLR.js";
import { StepLR } from "./stepLR.js";

const makeOptimizer = () => ({
  paramGroups: [{ lr: 0.1 } as { lr: number; [k: string]: unknown }],
  step() {},
});

describe("SequentialLR refuses what it cannot sequence", () => {
  it("refuses ReduceLROnPlateau with a SchedulerError naming it", () => {
    const o = makeOptimizer();
    const plateau = new ReduceLROnPlateau(o);
    const make = () =>
      new SequentialLR(o, {
        schedulers: [plateau as never, new StepLR(o, { stepSize: 2 })],
        milestones: [2],
      });
    expect(make).toThrow(SchedulerError);
    expect(make).toThrow(/does not support `ReduceLROnPlateau`.*index 0/);
  });

  it("refuses a nested SequentialLR with a SchedulerError", () => {
    const o = makeOptimizer();
    const inner = new SequentialLR(o, {
      schedulers: [new StepLR(o, { stepSize: 2 }), new StepLR(o, { stepSize: 3 })],
      milestones: [2],
    });
    const make = () =>
      new SequentialLR(o, {
        schedulers: [inner as never, new StepLR(o, { stepSize: 2 })],
        milestones: [3],
      });
    expect(make).toThrow(SchedulerError);
    expect(make).toThrow(/nested or composite schedulers \(got a SequentialLR at index 0/);
  });
});

describe("ChainedScheduler's two forms", () => {
  it("accepts { schedulers } as well as the positional list", () => {
    const o1 = makeOptimizer();
    const a = new ChainedScheduler([new ExponentialLR(o1, { gamma: 0.9 })]);
    const o2 = makeOptimizer();
    const b = new ChainedScheduler({ schedulers: [new ExponentialLR(o2, { gamma: 0.9 })] });
    a.step();
    b.step();
    expect(b.getLastLr()).toEqual(a.getLastLr());
  });

  it("still says none for an empty list, and names the forms for anything else", () => {
    expect(() => new ChainedScheduler({ schedulers: [] })).toThrow(/at least one scheduler/);
    expect(() => new ChainedScheduler({} as never)).toThrow(/list of schedulers/);
  });
});

describe("ReduceLROnPlateau.step reads the metric as float() does", () => {
  it.each([
    [undefined, /got undefined \(no metric was passed\)/],
    ["abc", /could not convert string to float: 'abc'/],
    [{}, /got an object \(\{\}\)/],
    [null, /got null/],
  ])("refuses %p without touching the lr", (metric, message) => {
    const o = makeOptimizer();
    const s = new ReduceLROnPlateau(o, { patience: 0 });
    s.step(1);
    expect(() => s.step(metric as never)).toThrow(SchedulerError);
    expect(() => s.step(metric as never)).toThrow(message);
    expect(o.paramGroups[0]!.lr).toBe(0.1);
  });

  it("accepts numbers, numeric strings and one-element tensors", () => {
    const o = makeOptimizer();
    const s = new ReduceLROnPlateau(o, { patience: 0 });
    s.step(1);
    s.step("0.5" as never);
    s.step({ item: () => 0.25 } as never);
    expect(o.paramGroups[0]!.lr).toBe(0.1);
    s.step(2);
    expect(o.paramGroups[0]!.lr).toBeCloseTo(0.01, 12);
  });
});
