import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import type { Tensor } from "../tensor.js";
import { gradcheck } from "../testing/gradcheck.js";
import { randomTensor } from "../testing/random.js";
import { broadcastPairArb, shapeArb } from "../testing/shapes.js";

/**
 * The conformance suite: every differentiable op's backward rule against central finite
 * differences in float64, over random shapes (and broadcasts for binary ops).
 */
const RUNS = { numRuns: 6, seed: 42 };

const positive = (shape: readonly number[], seed: number) => randomTensor(shape, seed, 0.5, 2);
const anyValues = (shape: readonly number[], seed: number) => randomTensor(shape, seed, -2, 2);

const UNARY: Record<string, [(x: Tensor) => Tensor, typeof anyValues]> = {
  neg: [T.neg, anyValues],
  abs: [T.abs, anyValues],
  exp: [T.exp, anyValues],
  log: [T.log, positive],
  sqrt: [T.sqrt, positive],
  rsqrt: [T.rsqrt, positive],
  tanh: [T.tanh, anyValues],
  sigmoid: [T.sigmoid, anyValues],
  relu: [T.relu, anyValues],
  sin: [T.sin, anyValues],
  cos: [T.cos, anyValues],
  reciprocal: [T.reciprocal, positive],
  log1p: [T.log1p, positive],
  expm1: [T.expm1, anyValues],
  square: [T.square, anyValues],
  clamp: [(x) => T.clamp(x, -0.5, 0.7), anyValues],
  clampMin: [(x) => T.clamp(x, -0.5), anyValues],
  powScalar: [(x) => T.pow(x, 2.5), positive],
  scalarPow: [(x) => T.pow(2.5, x), anyValues],
  sumAll: [(x) => T.sum(x), anyValues],
  meanAll: [(x) => T.mean(x), anyValues],
  prodAll: [(x) => T.prod(x), anyValues],
  maxAll: [(x) => T.max(x), anyValues],
  minAll: [(x) => T.min(x), anyValues],
  amaxAll: [(x) => T.amax(x), anyValues],
  logsumexpAll: [(x) => T.logsumexp(x, null), anyValues],
  varAll: [(x) => (x.numel() > 1 ? T.variance(x) : x), anyValues],
  stdAll: [(x) => (x.numel() > 1 ? T.std(x) : x), anyValues],
  clone: [T.clone, anyValues],
  flatten: [T.flatten, anyValues],
  transposeContiguous: [(x) => (x.ndim >= 2 ? x.transpose(0, -1).contiguous() : x), anyValues],
  reshapeMinus1: [(x) => x.reshape(-1), anyValues],
  expand: [(x) => x.unsqueeze(0).expand(2, ...x.shape), anyValues],
  flip: [(x) => (x.ndim > 0 ? x.slice(0, null, null, 2) : x), anyValues],
};

// `d` runs over negative dims too, so sizes are read with `shape.at(d)`: `shape[-1]` is undefined.
const BY_DIM: Record<string, (x: Tensor, dim: number, keepdim: boolean) => Tensor> = {
  sum: (x, d, k) => T.sum(x, d, k),
  mean: (x, d, k) => T.mean(x, d, k),
  variance: (x, d, k) => (x.shape.at(d)! > 1 ? T.variance(x, d, { keepdim: k }) : T.sum(x, d, k)),
  std: (x, d, k) => (x.shape.at(d)! > 1 ? T.std(x, d, { keepdim: k }) : T.sum(x, d, k)),
  prod: (x, d, k) => T.prod(x, d, k),
  max: (x, d, k) => T.max(x, d, k).values,
  min: (x, d, k) => T.min(x, d, k).values,
  amax: (x, d, k) => T.amax(x, d, k),
  logsumexp: (x, d, k) => T.logsumexp(x, d, k),
  softmax: (x, d) => T.softmax(x, d),
  logSoftmax: (x, d) => T.logSoftmax(x, d),
  select: (x, d) => T.select(x, d, -1),
  narrow: (x, d) => T.narrow(x, d, 0, Math.max(1, x.shape.at(d)! - 1)),
  unsqueeze: (x, d) => T.unsqueeze(x, d),
  squeeze: (x, d) => T.squeeze(x, d),
  transpose: (x, d) => T.transpose(x, d, 0),
  split: (x, d) =>
    T.cat(
      T.split(x, 2, d).map((p, i) => p.mul(i + 1)),
      d,
    ),
  chunk: (x, d) =>
    T.stack(
      T.chunk(x, 2, d).map((p) => p.sum(d)),
      0,
    ),
  indexSelect: (x, d) => T.indexSelect(x, d, T.tensor([0n, BigInt(x.shape.at(d)! - 1), 0n])),
  gather: (x, d) => T.gather(x, d, T.zerosLike(x, { dtype: "int64" }).add(x.shape.at(d)! - 1)),
};

const BINARY: Record<
  string,
  [(a: Tensor, b: Tensor) => Tensor, typeof anyValues, typeof anyValues]
> = {
  add: [(a, b) => T.add(a, b), anyValues, anyValues],
  addAlpha: [(a, b) => T.add(a, b, 1.5), anyValues, anyValues],
  sub: [(a, b) => T.sub(a, b), anyValues, anyValues],
  mul: [T.mul, anyValues, anyValues],
  div: [T.div, anyValues, positive],
  pow: [T.pow, positive, anyValues],
  maximum: [T.maximum, anyValues, anyValues],
  minimum: [T.minimum, anyValues, anyValues],
  where: [(a, b) => T.where(T.gt(a, 0), a, b), anyValues, anyValues],
};

describe("gradients match finite differences (float64)", () => {
  for (const [name, [fn, values]] of Object.entries(UNARY)) {
    it(`${name} over random shapes`, () => {
      fc.assert(
        fc.property(shapeArb(), fc.nat(1000), (shape, seed) => {
          gradcheck(fn, [values(shape, seed)]);
        }),
        RUNS,
      );
    });
  }
  for (const [name, fn] of Object.entries(BY_DIM)) {
    it(`${name} along each dim, with and without keepdim`, () => {
      fc.assert(
        fc.property(
          shapeArb(3, 3).filter((s) => s.length > 0),
          fc.nat(1000),
          fc.boolean(),
          (shape, seed, keepdim) => {
            for (let d = -shape.length; d < shape.length; d++) {
              gradcheck((x) => fn(x, d, keepdim), [anyValues(shape, seed)]);
            }
          },
        ),
        RUNS,
      );
    });
  }
  for (const [name, [fn, va, vb]] of Object.entries(BINARY)) {
    it(`${name} over random broadcasts`, () => {
      fc.assert(
        fc.property(broadcastPairArb(), ([sa, sb]) => {
          gradcheck(fn, [va(sa, 1), vb(sb, 2)]);
        }),
        RUNS,
      );
    });
  }
  it("matmul over all rank combinations, with batch broadcasting", () => {
    const cases: [number[], number[]][] = [
      [[3], [3]],
      [[2, 3], [3]],
      [[3], [3, 4]],
      [
        [2, 3],
        [3, 4],
      ],
      [
        [5, 2, 3],
        [3, 4],
      ],
      [
        [2, 3],
        [5, 3, 4],
      ],
      [
        [5, 1, 2, 3],
        [4, 3, 2],
      ],
      [[3], [2, 3, 4]],
    ];
    for (const [sa, sb] of cases) gradcheck(T.matmul, [anyValues(sa, 3), anyValues(sb, 4)]);
    gradcheck(T.bmm, [anyValues([2, 3, 4], 5), anyValues([2, 4, 2], 6)]);
    gradcheck(T.mm, [anyValues([3, 4], 7).t(), anyValues([3, 2], 8)]);
  });
  it("cat, stack, scatter, scatterAdd, indexAdd, maskedFill, permute, view", () => {
    const a = anyValues([2, 3], 1);
    const b = anyValues([2, 2], 2);
    gradcheck((x, y) => T.cat([x, y], 1), [a, b]);
    // stack needs equal shapes (as torch.stack): x [2, 3] is narrowed to y's [2, 2].
    gradcheck((x, y) => T.stack([x.narrow(1, 0, 2), y.add(x.narrow(1, 1, 2))], 2), [a, b]);
    const index = T.tensor([
      [0n, 2n],
      [1n, 0n],
    ]);
    gradcheck((x, y) => T.scatter(x, 1, index, y), [a, b]);
    gradcheck((x, y) => T.scatterAdd(x, 1, index, y), [a, b]);
    gradcheck((x) => T.scatter(x, 1, index, 0.5), [a]);
    gradcheck((x, y) => T.indexAdd(x, 1, T.tensor([2n, 2n]), y), [a, b]);
    gradcheck((x) => T.maskedFill(x, T.tensor([true, false, true]), 1), [a]);
    gradcheck((x) => x.view(3, 2).permute(1, 0), [a]);
    gradcheck((x) => x.to("float32").to("float64"), [a], { atol: 1e-3, rtol: 1e-3, eps: 1e-3 });
  });
  it("fused linear, batchNormTrain and mseLoss over random sizes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(1000),
        (n, c, seed) => {
          const x = anyValues([n, 3], seed);
          gradcheck(
            (a, w, b) => T.linear(a, w, b),
            [x, anyValues([c, 3], seed + 1), anyValues([c], seed + 2)],
          );
          gradcheck((a, w) => T.linear(a, w), [x, anyValues([c, 3], seed + 3)]);
          const h = anyValues([n + 1, c], seed + 4);
          gradcheck(
            (a, w, b) => T.batchNormTrain(a, w, b, 1e-5),
            [h, positive([c], seed + 5), anyValues([c], seed + 6)],
          );
          gradcheck((a) => T.batchNormTrain(a, null, null, 1e-5), [h]);
          gradcheck((a, b) => T.mseLoss(a, b, "mean"), [h, anyValues([n + 1, c], seed + 7)]);
          gradcheck((a, b) => T.mseLoss(a, b, "sum"), [h, anyValues([n + 1, c], seed + 8)]);
        },
      ),
      RUNS,
    );
  });
  it("prod with zeros is the product of the others", () => {
    const x = T.tensor([2, 0, 3], { dtype: "float64", requiresGrad: true });
    x.prod().backward();
    expect(x.grad?.toArray()).toEqual([0, 6, 0]);
  });
});
