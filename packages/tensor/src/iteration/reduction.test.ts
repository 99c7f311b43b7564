import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IndexError } from "../errors.js";
import * as T from "../index.js";
import { planReduction, reducedDims } from "./reduction.js";

/** A shape of rank 0 to 4 with sizes 1 to 3, and a list of distinct dims of it (any sign). */
const shapeAndDims = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc
      .subarray(
        shape.map((_, d) => d),
        { minLength: 0 },
      )
      .chain((dims) =>
        fc
          .array(fc.boolean(), { minLength: dims.length, maxLength: dims.length })
          .map((negative) => dims.map((d, i) => (negative[i] ? d - shape.length : d))),
      )
      .chain((dims) => fc.shuffledSubarray(dims, { minLength: dims.length }))
      .map((dims) => ({ shape, dims })),
  );

describe("reducedDims", () => {
  it("normalizes and sorts any list of distinct dims, negative ones included", () => {
    fc.assert(
      fc.property(shapeAndDims, ({ shape, dims }) => {
        const x = T.zeros(shape);
        const expected = dims.map((d) => (d < 0 ? d + shape.length : d)).sort((p, q) => p - q);
        expect(reducedDims(x, dims)).toEqual(expected);
      }),
    );
  });

  it("gives every dim for null or undefined, and one dim for a number", () => {
    const x = T.zeros([2, 3, 4]);
    expect(reducedDims(x, undefined)).toEqual([0, 1, 2]);
    expect(reducedDims(x, null)).toEqual([0, 1, 2]);
    expect(reducedDims(x, -1)).toEqual([2]);
    expect(reducedDims(T.tensor(5), 0)).toEqual([0]);
  });

  it("refuses repeated and out-of-range dims as PyTorch does", () => {
    const x = T.zeros([2, 3]);
    expect(() => reducedDims(x, [1, -1])).toThrow(IndexError);
    expect(() => reducedDims(x, [1, -1])).toThrow("dim 1 appears multiple times");
    expect(() => reducedDims(x, 2)).toThrow("Dimension out of range");
    expect(() => reducedDims(x, [0, -3])).toThrow("Dimension out of range");
  });
});

describe("planReduction", () => {
  it("reduces a 0-d tensor over dim 0 or -1 to a 0-d result, as PyTorch does", () => {
    for (const keepdim of [false, true]) {
      const plan = planReduction(T.tensor(5), -1, keepdim);
      expect(plan.outShape).toEqual([]);
      expect(plan.rows).toBe(1);
      expect(plan.n).toBe(1);
    }
    expect(T.tensor(5).sum(0).item()).toBe(5);
    expect(T.tensor(5).sum(-1, true).shape).toEqual([]);
    // mean and var count a 0-d tensor's one element (they gave NaN before).
    expect(T.tensor(2.5).mean(0).item()).toBe(2.5);
    expect(T.tensor(2.5).var(0, { correction: 0 }).item()).toBe(0);
  });

  it("puts each output's elements in one contiguous run, the kept dims in order first", () => {
    fc.assert(
      fc.property(shapeAndDims, fc.boolean(), ({ shape, dims }, keepdim) => {
        const numel = shape.reduce((p, s) => p * s, 1);
        const x = T.arange(numel).reshape(shape);
        const plan = planReduction(x, dims, keepdim);
        const reduced = reducedDims(x, dims);
        const kept = shape.map((_, d) => d).filter((d) => !reduced.includes(d));
        const n = reduced.reduce((p, d) => p * shape[d]!, 1);
        expect(plan.dims).toEqual(reduced);
        expect(plan.n).toBe(n);
        expect(plan.rows).toBe(numel / n);
        expect(plan.outShape).toEqual(
          keepdim ? shape.map((s, d) => (reduced.includes(d) ? 1 : s)) : kept.map((d) => shape[d]!),
        );
        // The plan's input is x permuted to (kept..., reduced...), laid out contiguously.
        const permuted = x.permute([...kept, ...reduced]).contiguous();
        expect(plan.input.contiguousLayout).toBe(true);
        expect(plan.input.toArray()).toEqual(permuted.toArray());
      }),
    );
  });
});
