import { ones } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { MSELoss } from "../losses/mseLoss.js";
import { BatchNorm1d } from "./batchNorm1d.js";
import { Dropout } from "./dropout.js";
import { Linear } from "./linear.js";

describe("errors name the layer, the expected and the received shape or range", () => {
  it("Linear with the wrong feature size", () => {
    expect(() => new Linear(5, 4).call(ones([10, 3]))).toThrow(
      "Linear(in_features=5, out_features=4, bias=True): expected input of shape [*, 5], received shape [10, 3]",
    );
  });

  it("BatchNorm1d with the wrong channels, dims, or one value per channel", () => {
    const bn = new BatchNorm1d(4);
    expect(() => bn.call(ones([10, 3]))).toThrow(
      "expected input of shape [N, 4] or [N, 4, L], received shape [10, 3]",
    );
    expect(() => bn.call(ones([2, 4, 3, 3]))).toThrow("received shape [2, 4, 3, 3]");
    expect(() => bn.call(ones([1, 4]))).toThrow(
      "Expected more than 1 value per channel when training, got input size torch.Size([1, 4])",
    );
  });

  it("invalid hyper-parameters are refused at construction with the valid range", () => {
    expect(() => new BatchNorm1d(4, { eps: -1 })).toThrow(
      "eps must be a finite number >= 0, got -1",
    );
    expect(() => new BatchNorm1d(4, { momentum: 1.5 })).toThrow(
      "momentum must be in [0, 1], got 1.5",
    );
    expect(() => new BatchNorm1d(0)).toThrow("num_features must be an integer >= 1, got 0");
    expect(() => new Linear(-1, 2)).toThrow("in_features must be an integer >= 0, got -1");
    expect(() => new Dropout(2)).toThrow(
      "dropout probability has to be between 0 and 1, but got 2",
    );
    expect(() => new MSELoss({ reduction: "avg" as never })).toThrow(
      'avg is not a valid value for reduction (expected "none", "mean" or "sum")',
    );
  });
});
