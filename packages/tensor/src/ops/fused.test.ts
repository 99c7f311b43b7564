import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DType } from "../dtype.js";
import * as T from "../index.js";
import { oneMinusSquareF64 } from "../kernels/oneMinusSquare.js";
import type { Tensor } from "../tensor.js";
import { seededRandom } from "../testing/random.js";

/**
 * The fused ops (linear, batchNormTrain, mseLoss, tanh's backward) against the composites they
 * replace: the same bits forward (and backward for linear and mseLoss; tanh's against the
 * composite with 1 - tanh² rounded once, as PyTorch's fused kernel); batchNormTrain's
 * backward is PyTorch's closed form, so it agrees with the composite's chain rule to float32
 * rounding only (relative 1e-5 of the largest term, 1e-12 in float64).
 */
const RUNS = { numRuns: 25, seed: 7 };

function values(shape: number[], seed: number, dtype: DType, scale = 2): Tensor {
  const next = seededRandom(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, () => (next() * 2 - 1) * scale);
  return T.tensor(data, { dtype }).reshape(shape).requiresGrad_();
}

function gradsOf(out: Tensor, inputs: Tensor[], seed: Tensor | null): number[][] {
  for (const x of inputs) x.grad = null;
  if (seed === null) out.backward();
  else out.backward(seed);
  return inputs.map((x) => Array.from(x.grad!.toTypedArray() as Float32Array));
}

const flat = (t: Tensor) => Array.from(t.toTypedArray() as Float32Array);
const dtypes = fc.constantFrom<DType>("float32", "float64");

describe("fused ops give the composites' numbers", () => {
  it("linear: x·wᵀ + b, forward and backward bit for bit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(10_000),
        dtypes,
        fc.boolean(),
        (n, k, m, seed, dtype, withBias) => {
          const x = values([n, k], seed, dtype);
          const w = values([m, k], seed + 1, dtype);
          const b = withBias ? values([m], seed + 2, dtype) : null;
          const inputs = b === null ? [x, w] : [x, w, b];
          const g = values([n, m], seed + 3, dtype).detach();
          const fused = T.linear(x, w, b);
          expect(fused.gradFn?.name).toBe(b === null ? "MmBackward0" : "AddmmBackward0");
          const composite = b === null ? x.matmul(w.t()) : x.matmul(w.t()).add(b);
          expect(flat(fused)).toEqual(flat(composite));
          expect(gradsOf(fused, inputs, g)).toEqual(gradsOf(composite, inputs, g));
        },
      ),
      RUNS,
    );
  });

  it("mseLoss: mean and sum, forward and backward bit for bit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
        fc.nat(10_000),
        dtypes,
        fc.constantFrom<"mean" | "sum">("mean", "sum"),
        (shape, seed, dtype, reduction) => {
          const a = values(shape, seed, dtype);
          const b = values(shape, seed + 1, dtype);
          const fused = T.mseLoss(a, b, reduction);
          expect(fused.gradFn?.name).toBe("MseLossBackward0");
          const d = a.sub(b);
          const composite = reduction === "mean" ? d.mul(d).mean() : d.mul(d).sum();
          expect(fused.item()).toBe(composite.item());
          expect(gradsOf(fused, [a, b], null)).toEqual(gradsOf(composite, [a, b], null));
        },
      ),
      RUNS,
    );
  });

  it("tanh's backward: g·(1 - tanh²) with 1 - tanh² rounded once (PyTorch's fused multiply-subtract), bit for bit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(10_000), dtypes, (n, seed, dtype) => {
        const x = values([n], seed, dtype, 4);
        const g = values([n], seed + 1, dtype).detach();
        const y = T.tanh(x);
        // float32: 1 - y² in float64 is the exact value rounded once (oneMinusSquare.test.ts)
        const once =
          dtype === "float32"
            ? T.sub(1, T.mul(y.to("float64"), y.to("float64"))).to("float32")
            : T.fromTypedArray((y.toTypedArray() as Float64Array).map(oneMinusSquareF64), y.shape);
        const expected = flat(T.mul(g, once));
        expect(gradsOf(y, [x], g)[0]).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("batchNormTrain: the composite's numbers to rounding, forward and backward (its bits are PyTorch's: batchNorm.parity.test.ts)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(10_000),
        dtypes,
        fc.boolean(),
        (n, c, seed, dtype, affine) => {
          const x = values([n, c], seed, dtype, 3);
          const w = affine ? values([c], seed + 1, dtype) : null;
          const b = affine ? values([c], seed + 2, dtype) : null;
          const inputs = w === null || b === null ? [x] : [x, w, b];
          const g = values([n, c], seed + 3, dtype).detach();
          const fused = T.batchNormTrain(x, w, b, 1e-5);
          expect(fused.gradFn?.name).toBe("NativeBatchNormBackward0");
          const mean = x.mean(0, true);
          const invstd = T.reciprocal(x.var(0, { correction: 0, keepdim: true }).add(1e-5).sqrt());
          const alpha = w === null ? invstd : invstd.mul(w);
          const beta = b === null ? mean.mul(alpha).neg() : b.sub(mean.mul(alpha));
          const composite = x.mul(alpha).add(beta);
          // PyTorch's kernel fuses x·alpha + beta and sums in another order: rounding apart
          const rel = dtype === "float32" ? 1e-5 : 1e-12;
          const expected = flat(composite);
          const bound = Math.max(...expected.map(Math.abs), 1);
          flat(fused).forEach((v, j) => {
            expect(Math.abs(v - expected[j]!)).toBeLessThanOrEqual(rel * bound);
          });
          const got = gradsOf(fused, inputs, g);
          const want = gradsOf(composite, inputs, g);
          // Both sides cancel terms of the size of g·alpha: bound the error by those, not the result.
          const terms = Math.max(...flat(g).map(Math.abs)) * Math.max(...flat(alpha).map(Math.abs));
          got.forEach((grads, i) => {
            const scale = Math.max(terms, ...want[i]!.map(Math.abs));
            grads.forEach((v, j) => {
              expect(Math.abs(v - want[i]![j]!)).toBeLessThanOrEqual(rel * scale);
            });
          });
        },
      ),
      RUNS,
    );
  });

  it("batchNormTrain of [N, C, L]: one node whose closed form is the composite's chain rule", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 8 }),
        fc.nat(10_000),
        dtypes,
        (n, c, l, seed, dtype) => {
          const x = values([n, c, l], seed, dtype, 3);
          const w = values([c], seed + 1, dtype);
          const b = values([c], seed + 2, dtype);
          const g = values([n, c, l], seed + 3, dtype).detach();
          const out = T.batchNormTrain(x, w, b, 1e-5);
          expect(out.gradFn?.name).toBe("NativeBatchNormBackward0");
          const mean = x.mean([0, 2], true);
          const var_ = x.var([0, 2], { correction: 0, keepdim: true });
          const alpha = T.reciprocal(var_.add(1e-5).sqrt()).mul(w.reshape(c, 1));
          const composite = x.mul(alpha).add(b.reshape(c, 1).sub(mean.mul(alpha)));
          expect(flat(out)).toEqual(flat(composite));
          const got = gradsOf(out, [x, w, b], g);
          const want = gradsOf(composite, [x, w, b], g);
          const rel = dtype === "float32" ? 1e-5 : 1e-12;
          const terms = Math.max(...flat(g).map(Math.abs)) * Math.max(...flat(alpha).map(Math.abs));
          got.forEach((grads, i) => {
            // dw and db are sums over the n·l elements of a channel.
            const scale = Math.max(terms, ...want[i]!.map(Math.abs)) * (i === 0 ? 1 : n * l);
            grads.forEach((v, j) => {
              expect(Math.abs(v - want[i]![j]!)).toBeLessThanOrEqual(rel * scale);
            });
          });
        },
      ),
      RUNS,
    );
  });

  it("takes the composite path for shapes the fused loops do not cover", () => {
    const x3 = values([4, 2, 3], 1, "float32");
    expect(T.linear(x3, values([5, 3], 2, "float32")).shape).toEqual([4, 2, 5]);
    expect(T.batchNormTrain(x3, null, null, 1e-5).shape).toEqual([4, 2, 3]);
    const a = values([3, 2], 3, "float32");
    // Still one node, as PyTorch's (it broadcasts the operands first).
    expect(T.mseLoss(a, values([2], 4, "float32"), "mean").gradFn?.name).toBe("MseLossBackward0");
  });
});
