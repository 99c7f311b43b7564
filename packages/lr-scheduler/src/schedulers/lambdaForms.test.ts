import { describe, expect, it } from "vitest";
import { SchedulerError } from "../base/errors.js";
import { ExpressionSyntaxError } from "../expression/syntaxError.js";
import { ChainedScheduler } from "./chainedScheduler.js";
import { LambdaLR } from "./lambdaLR.js";
import { ReduceLROnPlateau } from "./reduceLROnPlateau.js";
import { SequentialLR } from "./sequentialLR.js";
import { StepLR } from "./stepLR.js";

const makeOptimizer = () => ({
  paramGroups: [{ lr: 0.1 } as { lr: number; [k: string]: unknown }],
  step() {},
});

describe("LambdaLR's forms", () => {
  it("accepts PyTorch's positional lr_lambda, a function or an expression", () => {
    const o1 = makeOptimizer();
    const a = new LambdaLR(o1, (e) => 0.5 ** e);
    const o2 = makeOptimizer();
    const b = new LambdaLR(o2, "0.5 ** epoch");
    const o3 = makeOptimizer();
    const c = new LambdaLR(o3, { lrLambda: (e) => 0.5 ** e });
    for (const s of [a, b, c]) s.step();
    expect(a.getLastLr()).toEqual([0.05]);
    expect(b.getLastLr()).toEqual([0.05]);
    expect(c.getLastLr()).toEqual([0.05]);
  });

  it("takes the other options third in the positional form", () => {
    const o = makeOptimizer();
    const s = new LambdaLR(o, (e) => 0.5 ** e, { lastEpoch: -1 });
    expect(s.getLastLr()).toEqual([0.1]);
  });

  it("refuses a missing lr_lambda with a SchedulerError saying how to pass one", () => {
    const o = makeOptimizer();
    const make = () => new (LambdaLR as unknown as new (o: unknown) => LambdaLR)(o);
    expect(make).toThrow(SchedulerError);
    expect(make).toThrow(/LambdaLR expects lr_lambda.*\{ lrLambda:.*but got none/);
    expect(() => new LambdaLR(o, {} as never)).toThrow(/but got none/);
  });
});

describe("loadStateDict(null)", () => {
  it("throws a SchedulerError for every kind of scheduler", () => {
    const o = makeOptimizer();
    const step = new StepLR(o, { stepSize: 2 });
    const schedulers = [
      step,
      new ReduceLROnPlateau(o),
      new ChainedScheduler([step]),
      new SequentialLR(o, { schedulers: [new StepLR(o, { stepSize: 2 })], milestones: [] }),
    ];
    for (const s of schedulers) {
      expect(() => s.loadStateDict(null as never)).toThrow(SchedulerError);
      expect(() => s.loadStateDict(null as never)).toThrow(
        /loadStateDict expects a state dict object.*got null/,
      );
    }
  });
});

describe("deeply nested lrLambda expressions", () => {
  it("refuses 5000 nested parentheses with an ExpressionSyntaxError, not a RangeError", () => {
    const source = `${"(".repeat(5000)}1${")".repeat(5000)}`;
    const make = () => new LambdaLR(makeOptimizer(), { lrLambda: source });
    expect(make).toThrow(ExpressionSyntaxError);
    expect(make).toThrow(/nested too deeply \(more than 200 levels/);
  });

  it("refuses a very long ** chain and a very deep + chain", () => {
    expect(() => new LambdaLR(makeOptimizer(), `1${" ** 1".repeat(5000)}`)).toThrow(
      ExpressionSyntaxError,
    );
    expect(() => new LambdaLR(makeOptimizer(), `1${" + 1".repeat(50000)}`)).toThrow(
      /syntax tree is more than 2000 levels deep/,
    );
  });

  it("still accepts 150 nested parentheses", () => {
    const source = `${"(".repeat(150)}0.5${")".repeat(150)}`;
    const s = new LambdaLR(makeOptimizer(), { lrLambda: source });
    expect(s.getLastLr()).toEqual([0.05]);
  });
});
