/**
 * Float32 tanh in float32 arithmetic, the same roundings in the same order as the WebAssembly
 * SIMD kernel (`wasm/kernels.wat`, `tanh_f32`, built from scripts/wasm/kernelsWat.mjs), so the
 * two agree bit for bit (checked on random inputs and a sweep of every 509th bit pattern); each
 * step is rounded with `Math.fround` as an f32 instruction rounds. Where the kernel takes a
 * cheaper route to the same value, this twin keeps the plain one: `2^k` from a table here, from
 * the bits of `k + 1.5·2²³` there; the sign by negation here, or-ed in there. Within 1 ulp of the correctly rounded tanh
 * (checked in tanhf.test.ts against `Math.tanh` rounded to float32).
 *
 * - `|x| < 0.5625`: `|x| + |x|·(s·Q(s))` with `s = x²` and `Q` a degree-4 least-squares fit of
 *   `(tanh(x) - x) / x³` (relative error 3.4e-9; fitted in float64 at 4,000 Chebyshev nodes,
 *   weighted by x², coefficients rounded to float32).
 * - otherwise: `1 - 2 / (1 + e^{2|x|})`, `|x|` clamped to 10 (beyond it the
 *   float32 result is 1), and `e^y = 2^k · P(r)`: `k` rounded to nearest even with the 1.5·2²³
 *   trick, `r = y - k·ln2` in two parts (Cody and Waite), `P` the degree-7 Taylor polynomial;
 * - then the sign of x.
 */

import { expK, expR, expTaylor } from "./expf.js";
import {
  TANH_CLAMP,
  TANH_Q0,
  TANH_Q1,
  TANH_Q2,
  TANH_Q3,
  TANH_Q4,
  TANH_SMALL,
} from "./wasm/tanhConstants.js";

const f = Math.fround;
/** 2^k for the k the exponential needs (0 to 29): a load instead of a call to `Math.pow`. */
const POW2 = Float64Array.from({ length: 32 }, (_, k) => 2 ** k);

/** tanh of a float32 value, in float32 arithmetic (see the module comment). */
export function tanhf(x: number): number {
  // ±0 is its own tanh (the kernel gets there by copying x's sign); NaN stays NaN below.
  if (x === 0) return x;
  const ax = Math.abs(x);
  let t: number;
  if (ax < TANH_SMALL) {
    const s = f(x * x);
    let q = TANH_Q4;
    q = f(f(q * s) + TANH_Q3);
    q = f(f(q * s) + TANH_Q2);
    q = f(f(q * s) + TANH_Q1);
    q = f(f(q * s) + TANH_Q0);
    t = f(ax + f(ax * f(s * q)));
  } else {
    const y = f(Math.min(ax, TANH_CLAMP) * 2);
    const k = expK(y);
    const p = expTaylor(expR(y, k));
    t = f(1 - f(2 / f(1 + f(p * POW2[k]!))));
  }
  return x < 0 ? -t : t;
}
