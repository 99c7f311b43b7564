import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { randomTensor } from "../testing/random.js";
import { broadcastPairArb } from "../testing/shapes.js";

/** The element of `x` at output index `idx` under broadcasting, read naively. */
function at(x: T.Tensor, idx: readonly number[]): number {
  const lead = idx.length - x.shape.length;
  let offset = x.storageOffset;
  x.shape.forEach((s, d) => {
    offset += (s === 1 ? 0 : idx[d + lead]!) * x.strides[d]!;
  });
  return Number(x.storage[offset]);
}

describe("broadcasting binary ops", () => {
  it("match a naive per-element loop over random broadcasts, including strided inputs", () => {
    fc.assert(
      fc.property(broadcastPairArb(4, 3), fc.boolean(), ([sa, sb, out], transposed) => {
        let a = randomTensor(sa, 1).to("float32");
        const b = randomTensor(sb, 2).to("float32");
        if (transposed && a.ndim >= 2) a = a.transpose(0, 1).contiguous().transpose(0, 1);
        const sum = T.add(a, b);
        const product = T.mul(a, b);
        expect(sum.shape).toEqual(out);
        const n = sum.numel();
        const idx = new Array<number>(out.length).fill(0);
        for (let e = 0; e < n; e++) {
          expect(sum.storage[e]).toBe(Math.fround(at(a, idx) + at(b, idx)));
          expect(product.storage[e]).toBe(Math.fround(at(a, idx) * at(b, idx)));
          for (let d = out.length - 1; d >= 0; d--) {
            if (++idx[d]! < out[d]!) break;
            idx[d] = 0;
          }
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
  it("name the op and both shapes when shapes do not broadcast", () => {
    expect(() => T.add(T.zeros([2, 3]), T.zeros([4]))).toThrow(
      "add: shapes [2, 3] and [4] cannot be broadcast together (the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1)",
    );
    expect(() => T.mul(T.zeros([2]), T.zeros([3]))).toThrow(T.ShapeError);
  });
  it("propagate NaN and infinities as IEEE says", () => {
    const x = T.tensor([Number.NaN, Number.POSITIVE_INFINITY, 1]);
    expect(x.div(0).toArray()).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect(x.maximum(T.tensor([0, 0, Number.NaN])).toArray()).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
    expect(x.eq(x).toArray()).toEqual([false, true, true]);
  });
  it("compare and combine with logical ops", () => {
    const a = T.tensor([1, 2, 3]);
    expect(a.gt(1).logicalAnd(a.lt(3)).toArray()).toEqual([false, true, false]);
    expect(a.le(1).logicalOr(a.ge(3)).toArray()).toEqual([true, false, true]);
    expect(a.ne(2).logicalNot().toArray()).toEqual([false, true, false]);
    expect(T.logicalXor(T.tensor([1, 0]), T.tensor([1, 1])).toArray()).toEqual([false, true]);
    expect(T.where(a.gt(1), a, T.tensor(-1)).toArray()).toEqual([-1, 2, 3]);
  });
});
