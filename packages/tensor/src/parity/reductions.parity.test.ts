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
  // sum, mean, var and std are PyTorch's arithmetic, bit for bit; prod and logsumexp are not.
  const rtol = dtype === "float32" ? 2e-6 : 1e-13;
  const atol = dtype === "float32" ? 1e-6 : 1e-14;
  const check = (got: T.Tensor, want: unknown, tol = rtol) => {
    expect(got.shape).toEqual(shapeOf(want));
    expect(closeTo(flat(got.toArray()), flat(want), tol, atol)).toBeNull();
  };
  const same = (got: T.Tensor, want: unknown) => {
    expect(got.shape).toEqual(shapeOf(want));
    expect(closeTo(flat(got.toArray()), flat(want), 0, 0)).toBeNull();
  };

  describe(`reduction parity with PyTorch (${dtype})`, () => {
    it("reduces all elements", () => {
      const all = data.all;
      same(x.sum(), all.sum);
      same(x.mean(), all.mean);
      same(x.var(), all.var);
      same(x.std(), all.std);
      same(x.var(null, { unbiased: false }), all.varPopulation);
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
        same(x.sum(dim, keepdim), want.sum);
        same(x.mean(dim, keepdim), want.mean);
        same(x.var(dim, { keepdim }), want.var);
        same(x.std(dim, { keepdim }), want.std);
        same(x.var(dim, { keepdim, correction: 0 }), want.varCorrection0);
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
      same(x.sum([0, 1]), data.sumDims01);
      same(x.mean([0, 2], true), data.meanDims02Keep);
    });
    it("multiplies matrices (float32 within rounding of PyTorch's float32 accumulation)", () => {
      const m = data.matmul;
      const tol = dtype === "float32" ? 1e-5 : 1e-13;
      const mm = (a: unknown, b: unknown) =>
        T.matmul(T.tensor(a as T.TensorData, { dtype }), T.tensor(b as T.TensorData, { dtype }));
      expect(closeTo(flat(mm(m.a, m.b).toArray()), flat(m.mm), tol, tol)).toBeNull();
      expect(closeTo(flat(mm(m.bigA, m.bigB).toArray()), flat(m.bigMm), tol, tol)).toBeNull();
    });
    it("sums 10007 elements as PyTorch's cascade sum does", () => {
      const long = T.linspace(-1, 3, 10007, { dtype });
      expect(flat(long.narrow(0, 0, 5).toArray())).toEqual(data.largeSum.first);
      expect(flat(long.narrow(0, 10002, 5).toArray())).toEqual(data.largeSum.last);
      same(long.sum(), data.largeSum.sum);
      same(long.mean(), data.largeSum.mean);
    });
  });
}

/** Values of PyTorch 1.13 for edge cases (see the `edges` section of gen_tensor_reductions.py). */
const edges = readFixture<{ edges: Record<string, unknown> }>("reductions").edges;
const f64 = { dtype: "float64" } as const;
const exact = (got: T.Tensor, want: unknown) => {
  expect(got.shape).toEqual(shapeOf(want));
  expect(closeTo(flat(got.toArray()), flat(want), 0, 0)).toBeNull();
};
const gradOf = (values: T.TensorData, fn: (x: T.Tensor) => T.Tensor, dtype = "float64") => {
  const x = T.tensor(values, { dtype: dtype as T.DType, requiresGrad: true });
  fn(x).sum().backward();
  return x.grad!;
};

describe("reduction edge cases match PyTorch", () => {
  it("sums float64 infinities and overflows to ±inf, not NaN", () => {
    exact(T.tensor([Infinity, 1, 2], f64).sum(), edges.sumInf);
    const m = T.tensor(
      [
        [Infinity, 1],
        [2, 3],
      ],
      f64,
    );
    exact(m.sum(0), edges.sumInfDim0);
    exact(m.sum(1), edges.sumInfDim1);
    const cols = T.tensor(
      [
        [1.7e308, Infinity, 1, -Infinity],
        [1.7e308, 1, -1, 2],
      ],
      f64,
    );
    exact(cols.sum(0), edges.sumColsInf);
    exact(cols.transpose(0, 1).contiguous().sum(1), edges.sumColsInf);
    // Few columns (summed down each one): torch.tensor([[inf, 1], [2, 3], [4, 5]],
    // dtype=torch.float64).sum(0) -> tensor([inf, 9.], dtype=torch.float64)
    expect(
      T.tensor(
        [
          [Infinity, 1],
          [2, 3],
          [4, 5],
        ],
        f64,
      )
        .sum(0)
        .toArray(),
    ).toEqual([Infinity, 9]);
    exact(T.tensor([-Infinity, -1], f64).mean(), edges.meanNegInf);
    exact(T.tensor([1.7e308, 1.7e308, -1], f64).sum(), edges.sumOverflow);
    exact(T.tensor([1e308, -1e308, 1e308], f64).std(), edges.stdOverflow);
    exact(T.tensor([1, 2, Infinity], f64).var(), edges.varInf);
    exact(
      T.tensor(
        [
          [Infinity, 1],
          [2, 3],
        ],
        f64,
      ).var(0),
      edges.varInfDim0,
    );
  });

  it("reduces every dim for an empty dim list", () => {
    const square = T.tensor([
      [1, 2],
      [3, 4],
    ]);
    exact(square.sum([]), edges.sumEmptyDims);
    exact(square.sum([], true), edges.sumEmptyDimsKeep);
    exact(square.mean([]), edges.meanEmptyDims);
    exact(square.var([]), edges.varEmptyDims);
  });

  it("keeps every dim of argmax/argmin without dim when keepdim", () => {
    const pair = T.tensor([
      [1, 5],
      [7, 2],
    ]);
    exact(pair.argmax(null, true), edges.argmaxKeepdim);
    exact(pair.argmin(null, true), edges.argminKeepdim);
  });

  it("reduces size-0 dims: logsumexp gives -inf, softmax empty, amax throws", () => {
    exact(T.logsumexp(T.zeros([0]), 0), edges.logsumexpEmpty);
    const ints = T.logsumexp(T.zeros([0, 3], { dtype: "int64" }), 0);
    expect(ints.dtype).toBe("float32");
    exact(ints, edges.logsumexpEmptyInt);
    exact(T.logsumexp(T.zeros([3, 0]), 1), edges.logsumexpEmptyRows);
    // torch.softmax(torch.zeros([0, 3]), 0).shape -> torch.Size([0, 3]) (and log_softmax alike)
    for (const d of [0, 1]) {
      expect(T.softmax(T.zeros([0, 3]), d).shape).toEqual([0, 3]);
      expect(T.logSoftmax(T.zeros([0, 3]), d).shape).toEqual([0, 3]);
    }
    // torch.amax(torch.zeros([0])) -> RuntimeError: amax(): Expected reduction dim to be
    // specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.
    expect(() => T.amax(T.zeros([0]))).toThrow(
      "amax(): Expected reduction dim to be specified for input.numel() == 0.",
    );
    // torch.amax(torch.zeros([0, 3]), -2) -> IndexError: amax(): Expected reduction dim -2 to
    // have non-zero size.
    expect(() => T.amax(T.zeros([0, 3]), -2)).toThrow(T.IndexError);
    expect(() => T.amax(T.zeros([0, 3]), -2)).toThrow(
      "amax(): Expected reduction dim -2 to have non-zero size.",
    );
    // torch.amax(torch.zeros([3, 0, 2]), [0, 1]) -> IndexError: ... dim 1 to have non-zero size.
    expect(() => T.amax(T.zeros([3, 0, 2]), [0, 1])).toThrow("dim 1 to have non-zero size");
    // torch.amax(torch.zeros([0, 3]), 1) -> tensor([]): no output, nothing to reduce.
    expect(T.amax(T.zeros([0, 3]), 1).shape).toEqual([0]);
  });

  it("takes max/min/amax/sign of bool tensors as bool", () => {
    const bools = T.tensor([
      [true, false],
      [false, false],
    ]);
    expect(bools.max().dtype).toBe("bool");
    expect(bools.max().toArray()).toBe(edges.boolMax);
    expect(bools.min().toArray()).toBe(edges.boolMin);
    const [values, indices] = bools.max(1, true);
    expect(values.dtype).toBe("bool");
    expect([values.toArray(), indices.toArray()]).toEqual(edges.boolMaxDim1Keep);
    const least = bools.min(0);
    expect([least.values.toArray(), least.indices.toArray()]).toEqual(edges.boolMinDim0);
    expect(T.amax(bools, 1).toArray()).toEqual(edges.boolAmax1);
    const signs = T.sign(T.tensor([true, false]));
    expect(signs.dtype).toBe("bool");
    expect(signs.toArray()).toEqual(edges.boolSign);
    // torch.argmax(torch.tensor([True, False])) -> RuntimeError: "argmax_cpu" not implemented
    expect(() => T.argmax(T.tensor([true, false]))).toThrow(T.DTypeError);
  });

  it("gives std a zero gradient where std is 0, and var/std their own nodes", () => {
    const ramp = [
      [1, 1, 1],
      [1, 2, 3],
    ];
    exact(
      gradOf(ramp, (x) => x.std(1)),
      edges.stdZeroGrad,
    );
    const g0 = gradOf(ramp, (x) => x.std(1, { correction: 0 }));
    expect(closeTo(flat(g0.toArray()), flat(edges.stdZeroGradCorrection0), 1e-15, 0)).toBeNull();
    exact(
      gradOf([2, 2, 2], (x) => x.std()),
      edges.stdAllZeroGrad,
    );
    const weights = T.tensor([[1], [2]], f64);
    exact(
      gradOf(ramp, (x) => x.var(1, { keepdim: true }).mul(weights)),
      edges.varGrad,
    );
    exact(
      gradOf([1, 2, 4, 8], (x) => x.var(null, { correction: 2 })),
      edges.varAllGradCorrection2,
    );
    const names = edges.gradFnNames as Record<string, string>;
    const m = T.ones([2, 3], { dtype: "float64", requiresGrad: true });
    expect(m.var(1).gradFn?.name).toBe(names.var);
    expect(m.var().gradFn?.name).toBe(names.varAll);
    expect(m.std(1).gradFn?.name).toBe(names.std);
    expect(m.std(null, { correction: 0 }).gradFn?.name).toBe(names.stdAll);
    expect(m.sum([]).gradFn?.name).toBe(names.sumEmptyDims);
    expect(m.mean([]).gradFn?.name).toBe(names.meanEmptyDims);
  });

  it("sends the max()/min() gradient of a NaN result to the NaN elements", () => {
    exact(
      gradOf([1, Number.NaN, 3], (x) => x.max(), "float32"),
      edges.maxNanGrad,
    );
    exact(
      gradOf([Number.NaN, Number.NaN, 3], (x) => x.max(), "float32"),
      edges.maxTwoNanGrad,
    );
    exact(
      gradOf([1, Number.NaN, 3], (x) => x.min(), "float32"),
      edges.minNanGrad,
    );
  });

  it("records matrix times vector as one MvBackward0 node", () => {
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const v = T.tensor([1, -1, 2], f64);
    const grads = edges.mvGrad as Record<"a" | "b", unknown>;
    exact(
      gradOf(a, (x) => T.matmul(x, v)),
      grads.a,
    );
    exact(
      gradOf([1, -1, 2], (x) => T.matmul(T.tensor(a, f64), x)),
      grads.b,
    );
    const m = T.ones([2, 3], { dtype: "float64", requiresGrad: true });
    expect(T.matmul(m, T.ones([3], f64)).gradFn?.name).toBe(
      (edges.gradFnNames as Record<string, string>).mv,
    );
    // Without autograd the product is unchanged: torch.matmul(a, v) -> tensor([5., 11.])
    expect(T.matmul(T.tensor(a, f64), v).toArray()).toEqual([5, 11]);
  });
});
