import { tensor } from "@kindling/tensor";
import { describe, expect, expectTypeOf, it } from "vitest";
import { splitLoader } from "./splitLoader.js";

describe("splitLoader's batch type", () => {
  it("yields [features, labels] pairs typed as a tuple", () => {
    const features = tensor([[1], [2], [3], [4], [5], [6], [7], [8], [9], [10]]);
    const labels = tensor([[0], [1], [0], [1], [0], [1], [0], [1], [0], [1]]);
    const [train] = splitLoader(features, labels, { batchSize: 7 });
    for (const [x, y] of train) {
      expectTypeOf(x).not.toBeUndefined();
      expectTypeOf(y).not.toBeUndefined();
      // Compiles under noUncheckedIndexedAccess only when the batch is a tuple.
      expect(x.shape[0]).toBe(y.shape[0]);
    }
  });
});
