import * as T from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { crossEntropy } from "../functional/losses/crossEntropy.js";
import { nllLoss } from "../functional/losses/nllLoss.js";

// Expected values: PyTorch 1.13 (/usr/bin/python3), the torch expression beside each case.
describe("class losses with every target ignored", () => {
  const ignored = () => T.tensor([-100, -100], { dtype: "int64" });
  const input = () =>
    T.tensor(
      [
        [0.1, 0.5, -1],
        [2, 0, 1],
      ],
      { requiresGrad: true },
    );
  const zeros = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  const weight = T.tensor([1, 2, 3]);

  it("give a NaN mean but a zero gradient, as torch", () => {
    // F.cross_entropy(x, [-100,-100], **kw) for kw in {}, label_smoothing=0.2, weight=[1,2,3], both
    // -> nan, x.grad all 0; F.nll_loss(x, [-100,-100]) -> nan, x.grad all 0
    for (const options of [
      {},
      { labelSmoothing: 0.2 },
      { weight },
      { weight, labelSmoothing: 0.2 },
    ]) {
      const x = input();
      const loss = crossEntropy(x, ignored(), options);
      loss.backward();
      expect(loss.item()).toBeNaN();
      expect(x.grad?.toArray()).toEqual(zeros);
    }
    const x = input();
    const loss = nllLoss(x, ignored());
    loss.backward();
    expect(loss.item()).toBeNaN();
    expect(x.grad?.toArray()).toEqual(zeros);
  });

  it("keep the usual mean when some rows count", () => {
    const x = input();
    const loss = crossEntropy(x, T.tensor([1, -100], { dtype: "int64" }), { labelSmoothing: 0.2 });
    loss.backward();
    // F.cross_entropy(x, [1,-100], label_smoothing=0.2) -> 0.7650673389434814,
    // x.grad [[0.2873537540435791, -0.3385302424430847, 0.05117650330066681], [0, 0, 0]]
    expect(loss.item()).toBeCloseTo(0.7650673389434814, 6);
    const g = x.grad?.toArray() as number[][];
    const expected = [0.2873537540435791, -0.3385302424430847, 0.05117650330066681];
    for (const [i, v] of expected.entries()) expect(g[0]![i]).toBeCloseTo(v, 6);
    expect(g[1]).toEqual([0, 0, 0]);
  });
});
