import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contiguousStrides } from "../shape/dims.js";
import { contiguousLoops2d, type Loops2d, reductionLoops } from "./reductionLoops.js";

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
          const l: Loops2d = { size0: -1, size1: -1, is0: -1, is1: -1, os0: -1, os1: -1 };
          const full = reductionLoops(shape, contiguousStrides(shape), reduced);
          if (!contiguousLoops2d(shape, reduced, l)) {
            // the shortcut declines only where the planner finds more than two loops, or a
            // copy (no reduced dim of size above 1 beside kept ones)
            expect(full.sizes.length > 2 || full.outStrides.every((s) => s !== 0)).toBe(true);
            return;
          }
          // No loops (one element) is one addition either way; one loop is the shortcut's (n, 1).
          if (full.sizes.length === 0) {
            expect(l.size0 * l.size1).toBe(1);
            return;
          }
          const fast =
            l.size1 === 1 && full.sizes.length === 1
              ? { sizes: [l.size0], inStrides: [l.is0], outStrides: [l.os0] }
              : {
                  sizes: [l.size0, l.size1],
                  inStrides: [l.is0, l.is1],
                  outStrides: [l.os0, l.os1],
                };
          expect(fast).toEqual(full);
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
