/**
 * Float32 sigmoid with the bits of PyTorch 1.13's CPU kernel (UnaryOpsKernel.cpp's
 * `sigmoid_kernel`): its vectorized loop takes whole groups of sixteen elements as
 * `1 / (1 + exp(0 - x))` with SLEEF's exp ({@link sigmoidVectorf}), and the rest of a contiguous
 * run, or every element of a strided one, as `1 / (1 + std::exp(-x))` with the C library's float
 * exp ({@link sigmoidScalarf}; glibc's `expf`, which this takes as the float64 exp rounded once,
 * the correctly rounded value in all but rare cases).
 */

import { sleefExpf } from "./sleefExpf.js";
import { simdSleefF32 } from "./wasm/simdSleef.js";

const f = Math.fround;

/** Elements of PyTorch's vectorized sigmoid loop step (two 8-lane vectors). */
const GROUP = 16;

/** Sigmoid as PyTorch's vector code computes it: `1 / (1 + exp(0 - x))`, SLEEF's exp. */
export function sigmoidVectorf(x: number): number {
  return f(1 / f(1 + sleefExpf(f(0 - x))));
}

/** Sigmoid as PyTorch's scalar code computes it: `1 / (1 + expf(-x))`. */
export function sigmoidScalarf(x: number): number {
  return f(1 / f(1 + f(Math.exp(-x))));
}

/**
 * Sigmoid of the contiguous float32 run `a[ai, ai + n)` into `out[oi, oi + n)` as PyTorch's loop
 * splits it: the first `n - n % 16` elements by the vector formula (on the relaxed-SIMD module's
 * `sigmoid_sleef_f32` where it is fused, else in TypeScript), the last `n % 16` by the scalar one.
 */
export function sigmoidContiguousF32(
  a: Float32Array,
  ai: number,
  out: Float32Array,
  oi: number,
  n: number,
): void {
  const whole = n - (n % GROUP);
  if (!(whole >= 64 && simdSleefF32("sigmoid", a, ai, out, oi, whole))) {
    for (let i = 0; i < whole; i++) out[oi + i] = sigmoidVectorf(a[ai + i]!);
  }
  for (let i = whole; i < n; i++) out[oi + i] = sigmoidScalarf(a[ai + i]!);
}
