import { describe, expect, it } from "vitest";
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
