/**
 * Float32 tanh in float32 arithmetic, the same operations in the same order as the WebAssembly
 * SIMD kernel (`wasm/kernels.wat`, `tanh_f32`, built from scripts/wasm/kernelsWat.mjs), so the two agree bit for bit; each step is rounded
 * with `Math.fround` as an f32 instruction rounds. Within 1 ulp of the correctly rounded tanh
 * (checked in tanhf.test.ts against `Math.tanh` rounded to float32).
 *
 * - `|x| < 0.55`: `|x| + |x|·(s·Q(s))` with `s = x²` and `Q` a degree-4 least-squares fit of
 *   `(tanh(x) - x) / x³` (relative error 3.4e-9; fitted in float64 at 4,000 Chebyshev nodes,
 *   weighted by x², coefficients rounded to float32).
 * - otherwise: `1 - 2 / (1 + e^{2|x|})`, `|x|` clamped to 10 (beyond it the
 *   float32 result is 1), and `e^y = 2^k · P(r)`: `k` rounded to nearest even with the 1.5·2²³
 *   trick, `r = y - k·ln2` in two parts (Cody and Waite), `P` the degree-7 Taylor polynomial;
 * - then the sign of x.
 */

import * as C from "./wasm/tanhConstants.js";

const f = Math.fround;

/** tanh of a float32 value, in float32 arithmetic (see the module comment). */
export function tanhf(x: number): number {
  // ±0 is its own tanh (the kernel gets there by copying x's sign); NaN stays NaN below.
  if (x === 0) return x;
  const ax = Math.abs(x);
  let t: number;
  if (ax < C.TANH_SMALL) {
    const s = f(x * x);
    let q = C.TANH_Q4;
    q = f(f(q * s) + C.TANH_Q3);
    q = f(f(q * s) + C.TANH_Q2);
    q = f(f(q * s) + C.TANH_Q1);
    q = f(f(q * s) + C.TANH_Q0);
    t = f(ax + f(ax * f(s * q)));
  } else {
    const y = f(Math.min(ax, C.TANH_CLAMP) * 2);
    const k = f(f(f(y * C.LOG2E) + C.ROUND_MAGIC) - C.ROUND_MAGIC);
    const r = f(f(y - f(k * C.LN2_HI)) - f(k * C.LN2_LO));
    let p = C.EXP_P0;
    p = f(f(p * r) + C.EXP_P1);
    p = f(f(p * r) + C.EXP_P2);
    p = f(f(p * r) + C.EXP_P3);
    p = f(f(p * r) + C.EXP_P4);
    p = f(f(p * r) + C.EXP_P5);
    p = f(f(p * r) + C.EXP_P6);
    p = f(f(p * r) + C.EXP_P7);
    t = f(1 - f(2 / f(1 + f(p * 2 ** k))));
  }
  return x < 0 ? -t : t;
}
