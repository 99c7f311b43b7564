import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../creation/tensor.js";
import { div } from "../ops/div.js";
import { mul } from "../ops/mul.js";
import { neg } from "../ops/neg.js";
import { sum } from "../ops/sum.js";
import type { Tensor } from "../tensor.js";
import { batchSummed, batchSummedDivisorGrad, batchSummedProduct } from "./batchSummedGrad.js";
import { sumToShape } from "./sumToShape.js";

/**
 * The batch-summed gradients against sum() over the leading dims, bit for bit (signed zeros
 * included), over random batch shapes, operand shapes with the batch dims dropped or kept as 1,
 * and values with zeros, infinities and NaN.
 */
const value = fc.oneof(
  { weight: 8, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.POSITIVE_INFINITY, Number.NaN) },
);

/** A batch shape, the trailing dims the operand keeps, and whether it keeps the batch as 1s. */
const layout = fc.record({
  lead: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 2 }),
  tail: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }),
  keepOnes: fc.boolean(),
  seed: fc.integer(),
});

function filled(shape: number[], values: number[], at: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => values[(at + i) % values.length]!);
  return tensor(data).reshape(shape);
}

function bits(t: Tensor): string[] {
  return Array.from(t.toTypedArray() as Float32Array | Float64Array, (v) =>
    Object.is(v, -0) ? "-0" : String(v),
  );
}

describe("batch-summed gradients", () => {
  it("give the bits of sum() over the leading dims, and of the sum of the negated gradient", () => {
    fc.assert(
      fc.property(
        layout,
        fc.array(value, { minLength: 7, maxLength: 40 }),
        ({ lead, tail, keepOnes }, values) => {
          const full = [...lead, ...tail];
          const shape = keepOnes ? [...lead.map(() => 1), ...tail] : tail;
          const g = filled(full, values, 0);
          const rows = lead.reduce((p, q) => p * q, 1);
          if (rows < 2) {
            expect(batchSummed(g, shape)).toBeNull();
            return;
          }
          for (const g64 of [g, g.to("float64")]) {
            const dims = full.map((_, d) => d).slice(0, lead.length);
            const want = sum(g64, dims, true).reshape(shape);
            expect(bits(batchSummed(g64, shape)!)).toEqual(bits(want));
            const negated = sum(neg(g64), dims, true).reshape(shape);
            expect(bits(batchSummed(g64, shape, true)!)).toEqual(bits(negated));
            expect(bits(sumToShape(g64, shape))).toEqual(bits(want));
          }
          const x = filled(full, values, 3);
          // a divisor without zeros or NaN keeps out = x / b finite enough to be interesting
          const b = filled(
            shape,
            values.map((v) => (v === 0 || Number.isNaN(v) ? 1.5 : v)),
            5,
          );
          const out = div(x, b);
          expect(bits(batchSummedDivisorGrad(g, out, b)!)).toEqual(
            bits(sumToShape(neg(mul(g, div(out, b))), shape)),
          );
          expect(bits(batchSummedProduct(g, x, shape)!)).toEqual(
            bits(sum(mul(g, x), full.map((_, d) => d).slice(0, lead.length), true).reshape(shape)),
          );
        },
      ),
      { numRuns: 150, seed: 21 },
    );
  });

  it("leave other broadcasts, dtypes and layouts to sum()", () => {
    const g = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(batchSummed(g, [2, 1])).toBeNull(); // a column, not a batch
    expect(batchSummed(g.t(), [2])).toBeNull(); // not contiguous
    expect(batchSummed(g.to("int64"), [2])).toBeNull();
    expect(batchSummed(g, [2])?.toArray()).toEqual([4, 6]);
    expect(batchSummedProduct(g, g, [2])?.toArray()).toEqual([10, 20]);
    expect(batchSummedProduct(g, g.t(), [2])).toBeNull(); // not contiguous
    expect(batchSummedProduct(g, g.to("float64"), [2])).toBeNull();
    expect(batchSummedDivisorGrad(g, g, tensor([[1], [2]]))).toBeNull(); // a column
    expect(batchSummedDivisorGrad(g, g, tensor([1, 2]))?.toArray()).toEqual([-10, -10]);
    expect(batchSummed(tensor([[0], [-0]]), [1], true)?.toArray()).toEqual([0]);
    expect(Object.is(batchSummed(tensor([[0], [-0]]), [1], true)?.item(), 0)).toBe(true);
  });
});
