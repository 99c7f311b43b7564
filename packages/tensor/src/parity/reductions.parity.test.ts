import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { closeTo, flat, readFixture, shapeOf } from "../testing/fixtures.js";

type ByDim = Record<string, unknown>;
type Entry = {
  x: unknown;
  all: Record<string, number>;
  byDim: Record<string, ByDim>;
  sumDims01: unknown;
  meanDims02Keep: unknown;
  matmul: Record<"a" | "b" | "mm" | "bigA" | "bigB" | "bigMm", unknown>;
  largeSum: { first: number[]; last: number[]; sum: number; mean: number };
};
const fixture = readFixture<Record<"float32" | "float64", Entry>>("reductions");

for (const dtype of ["float32", "float64"] as const) {
  const data = fixture[dtype];
  const x = T.tensor(data.x as T.TensorData, { dtype });
  // Float32 reductions accumulate in float64 here and in float32 (cascade sums) in PyTorch.
  const rtol = dtype === "float32" ? 2e-6 : 1e-13;
  const atol = dtype === "float32" ? 1e-6 : 1e-14;
  const check = (got: T.Tensor, want: unknown, tol = rtol) => {
    expect(got.shape).toEqual(shapeOf(want));
    expect(closeTo(flat(got.toArray()), flat(want), tol, atol)).toBeNull();
  };

  describe(`reduction parity with PyTorch (${dtype})`, () => {
    it("reduces all elements", () => {
      const all = data.all;
      check(x.sum(), all.sum);
      check(x.mean(), all.mean);
      check(x.var(), all.var);
      check(x.std(), all.std);
      check(x.var(null, { unbiased: false }), all.varPopulation);
      check(x.select(0, 0).narrow(0, 0, 2).prod(), all.prod);
      check(x.max(), all.max);
      check(x.min(), all.min);
      expect(x.argmax().item()).toBe(all.argmax);
      expect(x.argmin().item()).toBe(all.argmin);
      check(T.logsumexp(x, [0, 1, 2]), all.logsumexp);
    });
    for (const [key, want] of Object.entries(data.byDim)) {
      const [dimText, keepText] = key.split("/") as [string, string];
      const dim = Number(dimText);
      const keepdim = keepText === "True";
      it(`reduces dim ${dim} with keepdim=${keepdim}`, () => {
        check(x.sum(dim, keepdim), want.sum);
        check(x.mean(dim, keepdim), want.mean);
        check(x.var(dim, { keepdim }), want.var);
        check(x.std(dim, { keepdim }), want.std);
        check(x.var(dim, { keepdim, correction: 0 }), want.varCorrection0);
        check(x.prod(dim, keepdim), want.prod);
        const [maxValues, maxIndices] = x.max(dim, keepdim);
        check(maxValues, want.maxValues);
        expect(maxIndices.toArray()).toEqual(want.maxIndices);
        const { values, indices } = x.min(dim, keepdim);
        check(values, want.minValues);
        expect(indices.toArray()).toEqual(want.minIndices);
        expect(x.argmax(dim, keepdim).toArray()).toEqual(want.argmax);
        expect(x.argmin(dim, keepdim).toArray()).toEqual(want.argmin);
        check(T.amax(x, dim, keepdim), want.amax);
        check(T.logsumexp(x, dim, keepdim), want.logsumexp);
        check(x.softmax(dim), want.softmax);
        check(x.logSoftmax(dim), want.logSoftmax);
      });
    }
    it("reduces several dims at once", () => {
      check(x.sum([0, 1]), data.sumDims01);
      check(x.mean([0, 2], true), data.meanDims02Keep);
    });
    it("multiplies matrices (float32 within rounding of PyTorch's float32 accumulation)", () => {
      const m = data.matmul;
      const tol = dtype === "float32" ? 1e-5 : 1e-13;
      const mm = (a: unknown, b: unknown) =>
        T.matmul(T.tensor(a as T.TensorData, { dtype }), T.tensor(b as T.TensorData, { dtype }));
      expect(closeTo(flat(mm(m.a, m.b).toArray()), flat(m.mm), tol, tol)).toBeNull();
      expect(closeTo(flat(mm(m.bigA, m.bigB).toArray()), flat(m.bigMm), tol, tol)).toBeNull();
    });
    it("sums 10007 elements as accurately as PyTorch's cascade sum", () => {
      const long = T.linspace(-1, 3, 10007, { dtype });
      expect(flat(long.narrow(0, 0, 5).toArray())).toEqual(data.largeSum.first);
      expect(flat(long.narrow(0, 10002, 5).toArray())).toEqual(data.largeSum.last);
      check(long.sum(), data.largeSum.sum);
      check(long.mean(), data.largeSum.mean);
    });
  });
}
