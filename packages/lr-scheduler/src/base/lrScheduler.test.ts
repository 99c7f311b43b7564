import { describe, expect, it } from "vitest";
import {
  _LRScheduler,
  CosineAnnealingWarmRestarts,
  LambdaLR,
  LRScheduler,
  SchedulerError,
  type SchedulerWarning,
  StepLR,
} from "../index.js";

function setup(lr = 0.1) {
  const warnings: SchedulerWarning[] = [];
  const optimizer = { paramGroups: [{ lr } as { lr: number; [k: string]: unknown }], step() {} };
  return { warnings, optimizer, warn: (w: SchedulerWarning) => warnings.push(w) };
}

describe("LRScheduler base", () => {
  it("writes initial_lr on a new schedule and requires it when resuming", () => {
    const { optimizer } = setup();
    new StepLR(optimizer, { stepSize: 2 });
    expect(optimizer.paramGroups[0]!["initial_lr"]).toBe(0.1);
    const fresh = setup();
    expect(() => new StepLR(fresh.optimizer, { stepSize: 2, lastEpoch: 3 })).toThrow(
      "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer",
    );
  });

  it("warns when scheduler.step() runs before optimizer.step(), as PyTorch does", () => {
    const { optimizer, warnings, warn } = setup();
    const s = new StepLR(optimizer, { stepSize: 2, warn });
    s.step();
    expect(warnings.map((w) => w.code)).toEqual(["step-before-optimizer"]);
    s.step();
    expect(warnings).toHaveLength(1);
  });

  it("does not warn when the optimizer stepped first", () => {
    const { optimizer, warnings, warn } = setup();
    const s = new StepLR(optimizer, { stepSize: 2, warn });
    optimizer.step();
    s.step();
    expect(warnings).toEqual([]);
  });

  it("warns when optimizer.step was replaced after construction", () => {
    const { optimizer, warnings, warn } = setup();
    const s = new StepLR(optimizer, { stepSize: 2, warn });
    optimizer.step = () => {};
    s.step();
    expect(warnings.map((w) => w.code)).toEqual(["optimizer-step-overridden"]);
  });

  it("warns for getLr() outside step() and for step(epoch)", () => {
    const { optimizer, warnings, warn } = setup();
    const s = new StepLR(optimizer, { stepSize: 2, warn });
    expect(s.getLr()).toEqual([0.1]);
    optimizer.step();
    s.step(4);
    expect(warnings.map((w) => w.code)).toEqual(["get-lr-outside-step", "epoch-deprecated"]);
    expect(warnings[0]!.message).toBe(
      "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.",
    );
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.001, 15);
  });

  it("CosineAnnealingWarmRestarts takes fractional epochs without warning", () => {
    const { optimizer, warnings, warn } = setup();
    const s = new CosineAnnealingWarmRestarts(optimizer, { t0: 2, warn });
    s.step(0.5);
    expect(warnings).toEqual([]);
    expect(s.stateDict()["_step_count"]).toBe(0);
  });

  it("getLastLr returns a copy", () => {
    const { optimizer } = setup();
    const s = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
    const last = s.getLastLr();
    optimizer.step();
    s.step();
    expect(last).toEqual([0.1]);
    expect(s.getLastLr()).toEqual([0.05]);
  });

  it("loadStateDict checks types and sizes and changes nothing on failure", () => {
    const { optimizer } = setup();
    const s = new StepLR(optimizer, { stepSize: 3 });
    const good = s.stateDict();
    expect(() => s.loadStateDict({ ...good, base_lrs: [0.1, 0.2] })).toThrow(SchedulerError);
    expect(() => s.loadStateDict({ ...good, step_size: "3" })).toThrow(
      "state_dict['step_size'] must be a number",
    );
    const { step_size: _, ...missing } = good;
    expect(() => s.loadStateDict(missing)).toThrow("missing 'step_size'");
    expect(s.stateDict()).toEqual(good);
  });

  it("keeps the deprecated _LRScheduler alias", () => {
    expect(_LRScheduler).toBe(LRScheduler);
  });

  it("LambdaLR keeps declared expressions in its state and loads PyTorch's None entries", () => {
    const { optimizer } = setup(0.05);
    const s = new LambdaLR(optimizer, { lrLambda: "0.95 ** epoch" });
    for (let i = 0; i < 3; i++) {
      optimizer.step();
      s.step();
    }
    const state = s.stateDict();
    expect(state["lr_lambdas"]).toEqual([{ expression: "0.95 ** epoch" }]);
    const other = setup(0.05);
    const t = new LambdaLR(other.optimizer, { lrLambda: () => 1 });
    t.loadStateDict(state);
    other.optimizer.step();
    t.step();
    optimizer.step();
    s.step();
    expect(other.optimizer.paramGroups[0]!.lr).toBe(optimizer.paramGroups[0]!.lr);
    const plain = new LambdaLR(setup().optimizer, { lrLambda: (e) => 0.5 ** e });
    expect(plain.stateDict()["lr_lambdas"]).toEqual([null]);
    plain.loadStateDict({ ...plain.stateDict(), lr_lambdas: [null] });
  });

  it("expression and plain-function lambdas give the same sequence", () => {
    const a = setup(0.3);
    const b = setup(0.3);
    const sa = new LambdaLR(a.optimizer, {
      lrLambda: "min(1, (epoch + 1) / 10) * 0.5 * (1 + cos(pi * epoch / 300))",
    });
    const sb = new LambdaLR(b.optimizer, {
      lrLambda: (e) => Math.min(1, (e + 1) / 10) * 0.5 * (1 + Math.cos((Math.PI * e) / 300)),
    });
    for (let i = 0; i < 300; i++) {
      sa.step();
      sb.step();
      expect(a.optimizer.paramGroups[0]!.lr).toBe(b.optimizer.paramGroups[0]!.lr);
    }
  });
});
