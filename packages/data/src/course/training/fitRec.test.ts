import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { fitRec } from "./fitRec.js";
import { fitRecSc } from "./fitRecSc.js";
import type { TrainingLoader } from "./types.js";

/** Records the order of the calls the helpers make, to check the course's sequence. */
function fakes(batches: number) {
  const calls: string[] = [];
  const rows = tensor([[1], [2]]);
  const labels = tensor([[1.5], [2.5]]);
  const loader = (name: string): TrainingLoader => ({
    dataset: { length: 2, getItem: () => [rows, labels] } as unknown as TrainingLoader["dataset"],
    *[Symbol.iterator]() {
      calls.push(`iterate ${name}`);
      for (let b = 0; b < batches; b++) yield [rows, labels];
    },
  });
  let mode = "train";
  const net = {
    train: () => {
      mode = "train";
      calls.push("net.train");
    },
    eval: () => {
      mode = "eval";
      calls.push("net.eval");
    },
    forward: (x: ReturnType<typeof tensor>) => {
      calls.push(`forward (${mode})`);
      return x.mul(1);
    },
  };
  const optimizer = {
    paramGroups: [{ lr: 0.5 }],
    zeroGrad: () => calls.push("zeroGrad"),
    step: () => calls.push("optimizer.step"),
  };
  const criterion = (yhat: ReturnType<typeof tensor>, y: ReturnType<typeof tensor>) => {
    calls.push("criterion");
    return {
      backward: () => calls.push("backward"),
      item: () => yhat.sub(y).item(),
    } as unknown as ReturnType<typeof tensor>;
  };
  let evals = 0;
  const eva = (l: unknown) => {
    calls.push(`eva ${l === trainData ? "train" : "test"} (${mode})`);
    return ++evals;
  };
  const trainData = loader("train");
  const testData = loader("test");
  return { calls, net, optimizer, criterion, eva, trainData, testData };
}

describe("fitRec", () => {
  it("runs the course's sequence per epoch and returns both curves and the lrs", () => {
    const f = fakes(2);
    const record = fitRec({ ...f, epochs: 2 });
    const epoch = [
      "net.train",
      "iterate train",
      ...Array<string[]>(2)
        .fill(["forward (train)", "criterion", "zeroGrad", "backward", "optimizer.step"])
        .flat(),
      "net.eval",
      "eva train (eval)",
      "eva test (eval)",
    ];
    expect(f.calls).toEqual([...epoch, ...epoch]);
    expect(record).toEqual({ train: [1, 3], test: [2, 4], lrs: [0.5, 0.5] });
  });

  it("steps an optimizer that requires a closure with one doing zero_grad, forward, loss and backward", () => {
    const f = fakes(2);
    const losses: unknown[] = [];
    const optimizer = {
      paramGroups: [{ lr: 1 }],
      requiresClosure: true,
      zeroGrad: () => f.calls.push("zeroGrad"),
      // as LBFGS: the closure runs twice within one step
      step: (closure?: () => unknown) => {
        f.calls.push("step(closure)");
        losses.push(closure!(), closure!());
      },
    };
    fitRec({ ...f, optimizer, epochs: 1 });
    const closure = ["zeroGrad", "forward (train)", "criterion", "backward"];
    expect(f.calls).toEqual([
      "net.train",
      "iterate train",
      ...Array<string[]>(2)
        .fill(["step(closure)", ...closure, ...closure])
        .flat(),
      "net.eval",
      "eva train (eval)",
      "eva test (eval)",
    ]);
    // the closure returns the criterion's loss
    expect(losses).toHaveLength(4);
    expect(losses.every((l) => typeof (l as { backward?: unknown }).backward === "function")).toBe(
      true,
    );
  });

  it("defaults to 3 epochs and rejects a negative count", () => {
    const f = fakes(1);
    expect(fitRec(f).train).toHaveLength(3);
    expect(() => fitRec({ ...f, epochs: -1 })).toThrow(RangeError);
  });

  it("reports each epoch to onEpoch", () => {
    const f = fakes(1);
    const seen: number[] = [];
    fitRec({ ...f, epochs: 2, onEpoch: (r) => seen.push(r.epoch, r.epochs, r.train, r.test) });
    expect(seen).toEqual([0, 2, 1, 2, 1, 2, 3, 4]);
  });
});

describe("fitRecSc", () => {
  it("steps the scheduler once per epoch, after the batches and before the evaluation", () => {
    const f = fakes(1);
    const scheduler = {
      step: () => {
        f.calls.push("scheduler.step");
        f.optimizer.paramGroups[0]!.lr /= 2;
      },
    };
    const record = fitRecSc({ ...f, scheduler, epochs: 3 });
    const steps = f.calls.filter((c) => c === "scheduler.step");
    expect(steps).toHaveLength(3);
    const first = f.calls.indexOf("scheduler.step");
    expect(f.calls[first - 1]).toBe("optimizer.step");
    expect(f.calls[first + 1]).toBe("net.eval");
    expect(record.lrs).toEqual([0.5, 0.25, 0.125]);
    expect(f.optimizer.paramGroups[0]!.lr).toBe(0.0625);
  });
});
