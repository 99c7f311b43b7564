import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arange } from "../creation/arange.js";
import { tensor } from "../creation/tensor.js";
import type { DType } from "../dtype.js";
import { manualSeed, randn } from "../index.js";
import { add, add_ } from "../ops/add.js";
import { mul } from "../ops/mul.js";
import { sub_ } from "../ops/sub.js";
import type { Tensor } from "../tensor.js";
import { CHUNK, SIMD_MIN_ELEMENTS, setSimdEnabled } from "./wasm/simd.js";

/** A float32 tensor's elements as their bit patterns. */
const bitsOf = (t: Tensor) =>
  Array.from(new Uint32Array((t.toTypedArray() as Float32Array).buffer));

/**
 * `add_`/`sub_` with an `alpha` run as one pass when both operands are dense and of one float
 * dtype; the bits must be those of the two ops it replaces (`mul(other, alpha)`, then the
 * in-place op), over values, alphas and both float dtypes. Operands that do not qualify
 * (broadcast, transposed, another dtype) take the old path and give the same values too.
 */
const values = fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true }), {
  minLength: 1,
  maxLength: 24,
});
const alpha = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(0.1));

describe("scaled in-place add", () => {
  it("gives the bits of mul then add_/sub_", () => {
    fc.assert(
      fc.property(
        values,
        values,
        alpha,
        fc.constantFrom<DType>("float32", "float64"),
        (xs, ys, a, dtype) => {
          const n = Math.min(xs.length, ys.length);
          const x = tensor(xs.slice(0, n), { dtype });
          const y = tensor(ys.slice(0, n), { dtype });
          const fusedAdd = add_(x.clone(), y, a).toArray();
          const fusedSub = sub_(x.clone(), y, a).toArray();
          expect(fusedAdd).toEqual(add_(x.clone(), mul(y, a)).toArray());
          expect(fusedSub).toEqual(x.clone().sub_(mul(y, a)).toArray());
        },
      ),
      { numRuns: 200, seed: 9 },
    );
  });

  it("gives the same bits on the kernels (from SIMD_MIN_ELEMENTS, across chunks) as in the loop, in place on itself too", () => {
    for (const n of [SIMD_MIN_ELEMENTS - 1, SIMD_MIN_ELEMENTS + 5, CHUNK + 17]) {
      manualSeed(n);
      const x = randn([n]).mul(100);
      const y = randn([n]);
      for (const a of [0.1, -3.7, 1e-8]) {
        const viaKernels = [add_(x.clone(), y, a), sub_(x.clone(), y, a), sub_(y.clone(), y, a)];
        setSimdEnabled(false);
        const viaLoop = [add_(x.clone(), y, a), sub_(x.clone(), y, a), sub_(y.clone(), y, a)];
        setSimdEnabled(true);
        viaKernels.forEach((t, i) => {
          expect(bitsOf(t), `${n}, ${a}, case ${i}`).toEqual(bitsOf(viaLoop[i]!));
        });
      }
    }
    // overlapping views of one storage take the loop, whose later reads see earlier writes
    const base = arange(0, 600, 1, { dtype: "float32" });
    const want = arange(0, 600, 1, { dtype: "float32" });
    const wantData = want.storage as Float32Array;
    for (let i = 0; i < 599; i++) wantData[i + 1]! -= Math.fround(Math.fround(0.5) * wantData[i]!);
    sub_(base.narrow(0, 1, 599), base.narrow(0, 0, 599), 0.5);
    expect(bitsOf(base)).toEqual(bitsOf(want));
  });

  it("leaves broadcasts, strided views and mixed dtypes to the general path", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(add_(x.clone(), tensor([10, 20]), 0.5).toArray()).toEqual([
      [6, 12],
      [8, 14],
    ]);
    expect(sub_(x.clone(), x.t(), 2).toArray()).toEqual([
      [-1, -4],
      [-1, -4],
    ]);
    expect(add_(x.clone(), x.to("float64"), 0.5).toArray()).toEqual(add(x, mul(x, 0.5)).toArray());
    expect(() => add_(tensor([1n, 2n]), tensor([1, 2]), 2)).toThrow(/can't be cast/);
  });
});
