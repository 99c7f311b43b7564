import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arange } from "../creation/arange.js";
import { tensor } from "../creation/tensor.js";
import type { DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { manualSeed, randn } from "../index.js";
import { add, add_ } from "../ops/add.js";
import { mul } from "../ops/mul.js";
import { sub, sub_ } from "../ops/sub.js";
import { fma32, fma64 } from "../random/fma.js";
import type { Tensor } from "../tensor.js";
import { CHUNK, SIMD_MIN_ELEMENTS, setSimdEnabled } from "./wasm/simd.js";

/** A float32 tensor's elements as their bit patterns. */
/** A float from its C99 hex spelling (`0x1.8p+1`). */
function hexFloat(hex: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(hex)!;
  const frac = m[3]!.length === 0 ? 0 : Number.parseInt(m[3]!, 16) / 16 ** m[3]!.length;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) + frac) * 2 ** Number(m[4]);
}

const bitsOf = (t: Tensor) =>
  Array.from(new Uint32Array((t.toTypedArray() as Float32Array).buffer));

/**
 * `add`/`sub` (and `add_`/`sub_`) with an `alpha` are one fused multiply-add per element, as
 * PyTorch's `vec::fmadd` kernel: alpha rounded to the dtype, then `a ± alpha·b` rounded once
 * (`fma32`/`fma64`, the exact references). Every path must give those bits: the one-pass
 * in-place kernel, the out-of-place copy-and-update, and the broadcasting kernels.
 */
const values = fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true }), {
  minLength: 1,
  maxLength: 24,
});
const alpha = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(0.1));

/** `a + sign·alpha·b` element by element with one rounding. */
function fused(xs: number[], ys: number[], a: number, sign: 1 | -1, dtype: DType): number[] {
  if (dtype === "float32") {
    const s = sign * Math.fround(a);
    return xs.map((x, i) => fma32(s, Math.fround(ys[i]!), Math.fround(x)));
  }
  return xs.map((x, i) => fma64(sign * a, ys[i]!, x));
}

describe("add and sub with an alpha", () => {
  it("round a ± alpha·b once, as PyTorch's fused multiply-add, on every path", () => {
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
          const plus = fused(xs.slice(0, n), ys.slice(0, n), a, 1, dtype);
          const minus = fused(xs.slice(0, n), ys.slice(0, n), a, -1, dtype);
          expect(add_(x.clone(), y, a).toArray()).toEqual(plus);
          expect(sub_(x.clone(), y, a).toArray()).toEqual(minus);
          expect(add(x, y, a).toArray()).toEqual(plus);
          expect(sub(x, y, a).toArray()).toEqual(minus);
          // through the broadcasting kernels: a strided view of each
          const xt = tensor([xs.slice(0, n), xs.slice(0, n)], { dtype })
            .t()
            .select(1, 0);
          const yt = tensor([ys.slice(0, n), ys.slice(0, n)], { dtype })
            .t()
            .select(1, 1);
          expect(add(xt, yt, a).toArray()).toEqual(plus);
          expect(sub_(xt.clone(), yt, a).toArray()).toEqual(minus);
        },
      ),
      { numRuns: 200, seed: 9 },
    );
  });

  it("match PyTorch's values, dtypes and gradients", () => {
    // torch.sub(torch.tensor([1.]), torch.tensor([0.3]), alpha=0.1).item() -> 0.9699999690055847
    expect(sub(tensor([1]), tensor([0.3]), 0.1).item()).toBe(0.9699999690055847);
    // torch.add(f64 [1.52], f64 [2.89], alpha=0.1).item() -> 1.809
    const f64 = { dtype: "float64" } as const;
    expect(add(tensor([1.52], f64), tensor([2.89], f64), 0.1).item()).toBe(1.809);
    // a [2, 3] + 0.1 · b [3] in float32: torch's bits as float.hex
    const a = tensor([
      [1.25, 2.5, 3.75],
      [0.1, 0.2, 0.3],
    ]);
    const sum = Array.from(add(a, tensor([0.3, 0.7, 1.1]), 0.1).toTypedArray() as Float32Array);
    expect(sum).toEqual(
      [
        "0x1.47ae14p+0",
        "0x1.48f5c2p+1",
        "0x1.ee147ap+1",
        "0x1.0a3d72p-3",
        "0x1.147ae2p-2",
        "0x1.a3d70cp-2",
      ].map(hexFloat),
    );
    // torch.add(bool [T, F], bool [T, T], alpha=2) -> tensor([True, True]); alpha=0 -> [True, False]
    const t = tensor([true, false]);
    const u = tensor([true, true]);
    expect(add(t, u, 2).dtype).toBe("bool");
    expect(add(t, u, 2).toArray()).toEqual([true, true]);
    expect(add(t, u, 0).toArray()).toEqual([true, false]);
    // torch.add(int [1, 2], int [3, 4], alpha=-2) -> tensor([-5, -6])
    expect(add(tensor([1n, 2n]), tensor([3n, 4n]), -2).toArray()).toEqual([-5, -6]);
    expect(add(tensor([1n, 2n]), tensor([3n, 4n]), -2).dtype).toBe("int64");
    // x [2, 3], y [3] requiring grad; torch.sub(x, y, alpha=0.1).sum().backward():
    // grad_fn SubBackward0, y.grad [-0.20000000298023224] * 3 (multiplied, then summed)
    const x = arange(0, 6, 1, { dtype: "float32" }).reshape([2, 3]).requiresGrad_();
    const y = tensor([0.3, 0.7, 1.1], { requiresGrad: true });
    const z = sub(x, y, 0.1);
    expect(z.gradFn?.name).toBe("SubBackward0");
    z.sum().backward();
    expect(y.grad?.toArray()).toEqual([
      -0.20000000298023224, -0.20000000298023224, -0.20000000298023224,
    ]);
  });

  it("refuse what PyTorch refuses", () => {
    // "For integral input tensors, argument alpha must not be a floating point number."
    expect(() => add(tensor([1n]), tensor([2n]), 0.5)).toThrow(DTypeError);
    expect(() => add(tensor([1n]), tensor([2n]), 0.5)).toThrow(/alpha must not be a floating/);
    expect(() => add_(tensor([1n]), tensor([2n]), 0.5)).toThrow(/alpha must not be a floating/);
    // "Subtraction, the `-` operator, with a bool tensor is not supported. ..."
    expect(() => sub(tensor([1]), tensor([true]))).toThrow(/with a bool tensor/);
    expect(() => sub(tensor([1]), true)).toThrow(/with a bool tensor/);
    expect(() => sub(tensor([true]), tensor([1n]))).toThrow(/with a bool tensor/);
    // "Subtraction, the `-` operator, with two bool tensors is not supported. ..."
    expect(() => sub(tensor([true]), tensor([true]))).toThrow(/two bool tensors/);
    expect(() => sub_(tensor([true]), true, 2)).toThrow(/two bool tensors/);
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
    for (let i = 0; i < 599; i++) wantData[i + 1] = fma32(-0.5, wantData[i]!, wantData[i + 1]!);
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
    expect(sub_(tensor([1n, 2n]), tensor([1n, 1n]), 3).toArray()).toEqual([-2, -1]);
    expect(() => add_(tensor([1n, 2n]), tensor([1, 2]), 2)).toThrow(/can't be cast/);
  });
});
