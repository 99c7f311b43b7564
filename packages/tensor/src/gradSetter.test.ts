import { describe, expect, it } from "vitest";
import { DTypeError, ShapeError } from "./errors.js";
import * as T from "./index.js";

describe("Tensor.grad setter", () => {
  it("refuses a grad of another size with PyTorch's message", () => {
    const a = T.tensor([1, 2, 3], { requiresGrad: true });
    expect(() => {
      a.grad = T.tensor([10]);
    }).toThrow(ShapeError);
    expect(() => {
      a.grad = T.tensor([10]);
    }).toThrow(/assigned grad has data of a different size/);
    expect(a.grad).toBeNull();
  });

  it("refuses a grad of another dtype with PyTorch's message", () => {
    const a = T.tensor([1, 2, 3], { requiresGrad: true });
    const g = T.tensor([1, 2, 3], { dtype: "float64" });
    expect(() => {
      a.grad = g;
    }).toThrow(DTypeError);
    expect(() => {
      a.grad = g;
    }).toThrow(/assigned grad has data of a different type/);
  });

  it("accepts a grad of the same shape and dtype, and null", () => {
    const a = T.tensor([1, 2, 3], { requiresGrad: true });
    a.grad = T.tensor([4, 5, 6]);
    expect(a.grad?.toArray()).toEqual([4, 5, 6]);
    a.grad = null;
    expect(a.grad).toBeNull();
  });
});

describe("mseLoss default reduction", () => {
  it("is the mean, as torch.nn.functional.mse_loss", () => {
    const a = T.tensor([1, 2, 3]);
    const b = T.tensor([1, 0, 0]);
    expect(T.mseLoss(a, b).item()).toBe(T.mseLoss(a, b, "mean").item());
    expect(T.mseLoss(a, b).item()).toBeCloseTo(13 / 3, 6);
  });
});
