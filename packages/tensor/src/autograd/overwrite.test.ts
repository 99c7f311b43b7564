import { describe, expect, it } from "vitest";
import * as T from "../index.js";

// PyTorch 1.13, for y = x * 1 with x = [1, 2, 3] requiring grad, then the fill, then
// y.sum().backward(): the names below, x.grad all zeros, y._version 1.
const FILLS: [string, (y: T.Tensor) => unknown, string][] = [
  ["uniform_", (y) => y.uniform_(), "UniformBackward0"],
  ["normal_", (y) => y.normal_(), "NormalBackward0"],
  ["random_()", (y) => T.random_(y), "RandomBackward2"],
  ["random_(to)", (y) => T.random_(y, 5), "RandomBackward1"],
  ["random_(from, to)", (y) => T.random_(y, 0, 5), "RandomBackward0"],
];

describe("random fills of tensors that require grad", () => {
  it.each(FILLS)(
    "%s cuts the gradient to the old values, as PyTorch records it",
    (_, fill, name) => {
      const x = T.tensor([1, 2, 3], { requiresGrad: true });
      T.manualSeed(7);
      const y = x.mul(1);
      fill(y);
      expect([y.gradFn?.name, y.version]).toEqual([name, 1]);
      y.sum().backward();
      expect(x.grad!.toArray()).toEqual([0, 0, 0]);
      // the same draws as without grad
      T.manualSeed(7);
      const plain = T.zeros([3]);
      fill(plain);
      expect(y.toArray()).toEqual(plain.toArray());
    },
  );

  it("through a view, only the view's elements lose their gradient", () => {
    // y = x*1; y[:2].uniform_(); y.sum().backward() → x.grad [0, 0, 1]
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(1);
    y.narrow(0, 0, 2).uniform_();
    expect(y.gradFn?.name).toBe("CopySlices");
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 1]);
  });
});
