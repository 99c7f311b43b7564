import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as T from "../../index.js";
import type { Tensor } from "../../tensor.js";
import { SIMD_GEMM_MIN_FLOPS } from "./gemmF32.js";
import { setSimdEnabled } from "./simd.js";

/**
 * The WebAssembly SIMD matrix product against the TypeScript one (float64 sums, rounded once).
 * The kernel sums in float32, so the stated tolerance is float32 summation's worst case:
 * |simd - ts| ≤ (k + 1)·2⁻²⁴·Σ_p |A(i,p)·B(p,j)| + the rounding of ts (half an ulp), over
 * random shapes (edges of the 4×8 tile and the 256-deep k blocks), transposed views and batches.
 */
const RUNS = { numRuns: 12, seed: 5 };

afterEach(() => {
  setSimdEnabled(true);
});

function withSimd<R>(flag: boolean, fn: () => R): R {
  const previous = setSimdEnabled(flag);
  try {
    return fn();
  } finally {
    setSimdEnabled(previous);
  }
}

function expectWithinSummationError(simd: Tensor, ts: Tensor, bound: Tensor, k: number): void {
  const s = simd.toTypedArray() as Float32Array;
  const t = ts.toTypedArray() as Float32Array;
  const b = bound.toTypedArray() as Float32Array;
  expect(s.length).toBe(t.length);
  for (let i = 0; i < s.length; i++) {
    const tol = (k + 1) * 2 ** -24 * b[i]! + 2 ** -24 * Math.abs(t[i]!);
    if (!(Math.abs(s[i]! - t[i]!) <= tol)) {
      expect.fail(`element ${i}: simd ${s[i]} vs ${t[i]} (tolerance ${tol})`);
    }
  }
}

describe("WebAssembly SIMD matmul (float32)", () => {
  it("agrees with the float64-summed product to float32 summation error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 90 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(1000),
        (m, k, n, transposeA, transposeB, seed) => {
          fc.pre(m * n * k >= SIMD_GEMM_MIN_FLOPS);
          T.manualSeed(seed);
          const a = transposeA ? T.randn([k, m]).t() : T.randn([m, k]);
          const b = transposeB ? T.randn([n, k]).t() : T.randn([k, n]);
          const simd = withSimd(true, () => T.matmul(a, b));
          const ts = withSimd(false, () => T.matmul(a, b));
          const bound = withSimd(false, () => T.matmul(T.abs(a), T.abs(b)));
          expectWithinSummationError(simd, ts, bound, k);
        },
      ),
      RUNS,
    );
  });

  it("writes +0 for sums of signed zeros, as PyTorch does, in every k block", () => {
    // the first k block starts from +0 registers instead of a zeroed C: -1·0 summed there is +0
    for (const k of [70, 300, 600]) {
      const c = T.matmul(T.full([70, k], -1), T.zeros([k, 90])).toTypedArray() as Float32Array;
      expect(c.some((v) => Object.is(v, -0))).toBe(false);
      expect(c.every((v) => v === 0)).toBe(true);
    }
  });

  it("packs views of any strides as their contiguous copies: the same bits", () => {
    type Layout = "contiguous" | "transposed" | "narrowed" | "everyOther" | "expanded";
    const layouts: Layout[] = ["contiguous", "transposed", "narrowed", "everyOther", "expanded"];
    /** A rows×cols view laid out as `layout` asks. */
    const view = (rows: number, cols: number, layout: Layout): Tensor => {
      switch (layout) {
        case "contiguous":
          return T.randn([rows, cols]);
        case "transposed":
          return T.randn([cols, rows]).t();
        case "narrowed":
          return T.randn([rows + 3, cols + 5])
            .narrow(0, 2, rows)
            .narrow(1, 3, cols);
        case "everyOther":
          return T.randn([rows, cols, 2]).select(2, 1);
        case "expanded":
          return T.randn([1, cols]).expand([rows, cols]);
      }
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 70 }),
        fc.constantFrom(...layouts),
        fc.constantFrom(...layouts),
        fc.nat(1000),
        (m, k, n, layoutA, layoutB, seed) => {
          fc.pre(m * n * k >= SIMD_GEMM_MIN_FLOPS);
          T.manualSeed(seed);
          const a = view(m, k, layoutA);
          const b = view(k, n, layoutB);
          const strided = T.matmul(a, b).toTypedArray() as Float32Array;
          const copied = T.matmul(a.contiguous(), b.contiguous()).toTypedArray() as Float32Array;
          expect(Buffer.from(strided.buffer, strided.byteOffset, strided.byteLength)).toEqual(
            Buffer.from(copied.buffer, copied.byteOffset, copied.byteLength),
          );
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });

  it("packs through the module's packers as through the TypeScript loops: the same bits", () => {
    /** The same values in a layout no packer of the module takes (neither stride 1). */
    const apart = (t: Tensor): Tensor => {
      const [rows, cols] = t.shape as [number, number];
      const holder = T.zeros([rows, cols, 2]).select(2, 0);
      holder.copy_(t);
      return holder;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 70 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(1000),
        (m, k, n, transposeA, transposeB, seed) => {
          fc.pre(m * n * k >= SIMD_GEMM_MIN_FLOPS);
          T.manualSeed(seed);
          // unit strides along k (contiguous A, transposed B) interleave; across a panel, copy
          const a = transposeA ? T.randn([k, m]).t() : T.randn([m, k]);
          const b = transposeB ? T.randn([n, k]).t() : T.randn([k, n]);
          const staged = T.matmul(a, b).toTypedArray() as Float32Array;
          const looped = T.matmul(apart(a), apart(b)).toTypedArray() as Float32Array;
          expect(Buffer.from(staged.buffer, staged.byteOffset, staged.byteLength)).toEqual(
            Buffer.from(looped.buffer, looped.byteOffset, looped.byteLength),
          );
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it("covers batched products, linear's fused product and its gradients", () => {
    T.manualSeed(1);
    const a = T.randn([3, 40, 70]);
    const b = T.randn([3, 70, 50]);
    const bound = withSimd(false, () => T.bmm(T.abs(a), T.abs(b)));
    const [simd, ts] = [true, false].map((f) => withSimd(f, () => T.bmm(a, b)));
    expectWithinSummationError(simd!, ts!, bound, 70);
    const x = T.randn([128, 300]).requiresGrad_();
    const w = T.randn([100, 300]).requiresGrad_();
    const run = (flag: boolean) =>
      withSimd(flag, () => {
        x.grad = null;
        w.grad = null;
        const y = T.linear(x, w);
        y.sum().backward();
        return [y.detach(), x.grad!, w.grad!];
      });
    const [ys, xs, ws] = run(true);
    const [yt, xt, wt] = run(false);
    expectWithinSummationError(
      ys!,
      yt!,
      withSimd(false, () => T.linear(T.abs(x), T.abs(w))),
      300,
    );
    const ones = T.onesLike(yt!);
    expectWithinSummationError(
      xs!,
      xt!,
      withSimd(false, () => T.matmul(ones, T.abs(w))),
      100,
    );
    expectWithinSummationError(
      ws!,
      wt!,
      withSimd(false, () => T.matmul(ones.t(), T.abs(x))),
      128,
    );
  });
});
