import * as T from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { binaryCrossEntropy } from "../functional/losses/binaryCrossEntropy.js";
import { BCELoss } from "./bceLoss.js";

// Expected values: PyTorch 1.13 (/usr/bin/python3), the torch expression beside each case.
describe("BCELoss gradient", () => {
  it("is finite at probabilities of exactly 0 and 1, through sigmoid", () => {
    const z = T.tensor([20, -20, 0.5], { requiresGrad: true });
    const loss = new BCELoss().call(z.sigmoid(), T.tensor([1, 0, 1]));
    // z=[20,-20,0.5]; BCELoss()(z.sigmoid(), [1,0,1]) -> 0.15802565217018127, grad_fn
    // BinaryCrossEntropyBackward0, z.grad [0.0, 6.870512492263003e-10, -0.12584687769412994]
    expect(loss.gradFn?.name).toBe("BinaryCrossEntropyBackward0");
    loss.backward();
    expect(loss.item()).toBe(0.15802565217018127);
    expect(z.grad?.toArray()).toEqual([0, 6.870512492263003e-10, -0.12584687769412994]);
  });

  it("matches torch's formula with weights, each reduction, and a target gradient", () => {
    const x = T.tensor([0, 1, 0, 1, 1e-30], { requiresGrad: true });
    const t = T.tensor([0, 1, 1, 0, 1]);
    const w = T.tensor([1, 2, 3, 4, 5]);
    const sum = binaryCrossEntropy(x, t, { weight: w, reduction: "sum" });
    sum.backward();
    // F.binary_cross_entropy(x, t, weight=w, reduction='sum') -> 1045.3876953125,
    // x.grad [0, 0, -3000000053248, 3999999983616, -4999999913984]
    expect(sum.item()).toBe(1045.3876953125);
    expect((x.grad as T.Tensor | null)?.toArray()).toEqual([
      0, 0, -3000000053248, 3999999983616, -4999999913984,
    ]);
    x.grad = null;
    const none = binaryCrossEntropy(x, t, { reduction: "none" });
    none.backward(T.tensor([1, 2, 3, 4, 5]));
    // reduction='none', backward([1,2,3,4,5]) -> [0, -0, 100, 100, 69.07755279541016], same x.grad
    expect(none.toArray()).toEqual([0, -0, 100, 100, 69.07755279541016]);
    expect((x.grad as T.Tensor | null)?.toArray()).toEqual([
      0, 0, -3000000053248, 3999999983616, -4999999913984,
    ]);

    const x64 = T.tensor(
      [
        [0.2, 0.9],
        [0.5, 0.999],
      ],
      { dtype: "float64", requiresGrad: true },
    );
    const t64 = T.tensor(
      [
        [0, 1],
        [1, 0.3],
      ],
      { dtype: "float64" },
    );
    const weight = T.tensor([2, 0.5], { dtype: "float64" });
    const mean = binaryCrossEntropy(x64, t64, { weight });
    mean.backward();
    // float64, weight [2, 0.5], mean -> 1.075781536067752,
    // x.grad [[0.6249999999999999, -0.1388888888888889], [-1.0, 87.46246246246238]]
    expect(mean.item()).toBe(1.075781536067752);
    expect(x64.grad?.toArray()).toEqual([
      [0.6249999999999999, -0.1388888888888889],
      [-1, 87.46246246246238],
    ]);

    const xs = T.tensor([0.3, 0.6, 1e-30, 1]);
    const ts = T.tensor([0.2, 1, 1, 0], { requiresGrad: true });
    binaryCrossEntropy(xs, ts).backward();
    // target requiring grad: t.grad [0.2118244618177414, -0.1013663113117218, 17.26938819885254, -inf]
    expect(ts.grad?.toArray()).toEqual([
      0.2118244618177414,
      -0.1013663113117218,
      17.26938819885254,
      -Infinity,
    ]);
  });
});
