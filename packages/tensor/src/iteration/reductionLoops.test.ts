import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contiguousStrides } from "../shape/dims.js";
import { contiguousReductionLoops, reductionLoops } from "./reductionLoops.js";

describe("reductionLoops", () => {
  it("puts the reduced dims innermost, in order of their strides, and coalesces", () => {
    expect(reductionLoops([2, 3], [3, 1], [true, false])).toEqual({
      sizes: [2, 3],
      inStrides: [3, 1],
      outStrides: [0, 1],
    });
    expect(reductionLoops([2, 3], [3, 1], [false, true])).toEqual({
      sizes: [3, 2],
      inStrides: [1, 3],
      outStrides: [0, 1],
    });
    // a transposed 3×2 (storage 2×3) summed over its dim 1: memory order, then the output's
    expect(reductionLoops([3, 2], [1, 3], [false, true])).toEqual({
      sizes: [2, 3],
      inStrides: [3, 1],
      outStrides: [0, 1],
    });
    expect(reductionLoops([4, 1, 5], [5, 5, 1], [true, true, true])).toEqual({
      sizes: [20],
      inStrides: [1],
      outStrides: [0],
    });
  });

  it("has a shortcut for contiguous tensors that gives the same loops wherever it answers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(1, 1, 2, 3, 7), fc.boolean()), { maxLength: 5 }),
        (dims) => {
          const shape = dims.map(([s]) => s);
          const reduced = dims.map(([, r]) => r);
          const fast = contiguousReductionLoops(shape, reduced);
          const full = reductionLoops(shape, contiguousStrides(shape), reduced);
          if (fast === null) return;
          // Dims of size 1 dropped, both run the same additions: an all-size-1 input is one
          // element either way.
          if (full.sizes.length === 0) expect(fast.sizes).toEqual([1]);
          else expect(fast).toEqual(full);
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
