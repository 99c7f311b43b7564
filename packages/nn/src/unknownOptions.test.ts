import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import * as F from "./functional/index.js";
import {
  BatchNorm1d,
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  HuberLoss,
  L1Loss,
  Linear,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
} from "./index.js";

describe("layers and losses refuse option keys they do not take (PyTorch: TypeError)", () => {
  it.each([
    ["Linear", () => new Linear(2, 3, { bais: false } as never)],
    ["BatchNorm1d", () => new BatchNorm1d(3, { epsilon: 1e-3 } as never)],
    ["BCELoss", () => new BCELoss({ reduce: "sum" } as never)],
    ["BCEWithLogitsLoss", () => new BCEWithLogitsLoss({ pos_weight: null } as never)],
    ["CrossEntropyLoss", () => new CrossEntropyLoss({ smoothing: 0.1 } as never)],
    ["HuberLoss", () => new HuberLoss({ beta: 1 } as never)],
    ["L1Loss", () => new L1Loss({ mode: "sum" } as never)],
    ["MSELoss", () => new MSELoss({ size_average: true } as never)],
    ["NLLLoss", () => new NLLLoss({ ignore: 1 } as never)],
    ["SmoothL1Loss", () => new SmoothL1Loss({ delta: 1 } as never)],
  ])("%s", (owner, make) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(new RegExp(`^${owner} got an unknown option "\\w+"`));
  });

  it("names the camelCase option a PyTorch keyword stands for, and lists them all", () => {
    expect(() => new BatchNorm1d(3, { track_running_stats: false } as never)).toThrow(
      'BatchNorm1d got an unknown option "track_running_stats" (did you mean trackRunningStats?); its options are eps, momentum, affine, trackRunningStats, dtype',
    );
  });

  it("lets a subclass hand its own options to a built-in layer", () => {
    class Tagged extends Linear {
      constructor(options: { bias: boolean; tag: string }) {
        super(2, 3, options);
      }
    }
    expect(new Tagged({ bias: false, tag: "head" }).bias).toBeNull();
  });
});

describe("functional losses refuse option keys they do not take", () => {
  const x = tensor([0.2, 0.7]);
  const y = tensor([0, 1]);
  it.each([
    ["mseLoss", () => F.mseLoss(x, y, { reduce: "sum" } as never)],
    ["l1Loss", () => F.l1Loss(x, y, { size_average: true } as never)],
    ["huberLoss", () => F.huberLoss(x, y, { beta: 1 } as never)],
    ["smoothL1Loss", () => F.smoothL1Loss(x, y, { delta: 1 } as never)],
    ["binaryCrossEntropy", () => F.binaryCrossEntropy(x, y, { pos_weight: x } as never)],
    ["binaryCrossEntropyWithLogits", () => F.binaryCrossEntropyWithLogits(x, y, { w: x } as never)],
    [
      "nllLoss",
      () =>
        F.nllLoss(tensor([[0.1, 0.9]]), tensor([1], { dtype: "int64" }), { ignore: 0 } as never),
    ],
    [
      "crossEntropy",
      () =>
        F.crossEntropy(tensor([[0.1, 0.9]]), tensor([1], { dtype: "int64" }), {
          label_smoothing: 0.1,
        } as never),
    ],
  ])("%s", (owner, call) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(new RegExp(`^${owner} got an unknown option "\\w+"`));
  });

  it("crossEntropy still hands its class-loss options to nllLoss", () => {
    const logits = tensor([
      [2, 0, 1],
      [0, 1, 3],
    ]);
    const target = tensor([0, 2], { dtype: "int64" });
    const options = { ignoreIndex: 2, reduction: "sum", labelSmoothing: 0.1 } as const;
    expect(F.crossEntropy(logits, target, options).item()).toBeCloseTo(
      new CrossEntropyLoss(options).call(logits, target).item(),
      6,
    );
    expect(() => F.crossEntropy(logits, target, options)).not.toThrow();
  });
});
