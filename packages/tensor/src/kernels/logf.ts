/**
 * Kindling's own float32 natural logarithm, which log-softmax and cross entropy still use (the
 * `log` op computes SLEEF's, PyTorch's: sleefLogf.ts). In float32 arithmetic, the same roundings
 * in the same order as the
 * WebAssembly SIMD kernel (`log_f32` in `wasm/kernels.wat`, built from
 * scripts/wasm/kernelsWat.mjs), so the two agree bit for bit; each step is rounded with
 * `Math.fround` as an f32 instruction rounds. Within 1 ulp of the correctly rounded log (checked
 * in logf.test.ts against `Math.log` rounded to float32), subnormal inputs included.
 *
 * `x = 2^k · m` with m in [√½, √2) (from x's bits: a subnormal x is first scaled by 2²³), and
 * `log(x) = k·ln2 + log1p(f)` with `f = m - 1` (exact). With `s = f / (2 + f)`,
 * `log1p(f) = 2·atanh(s) = f - f²/2 + s·(f²/2 + R)` exactly, where `R = Σ 2s^(2i)/(2i + 1)` for
 * i ≥ 1; |s| ≤ 0.172, so five terms leave a relative error below 10⁻⁹. Only the small corrections
 * are rounded relative to the result: `k·ln2` in two parts (`k·LN2_HI` exact), and f exact.
 * log(±0) is -Infinity, log(x < 0) and log(NaN) are NaN, log(+Infinity) is +Infinity.
 */

import {
  LN2_HI,
  LN2_LO,
  LOG_R0 as R1,
  LOG_R1 as R2,
  LOG_R2 as R3,
  LOG_R3 as R4,
  LOG_R4 as R5,
  SQRT_HALF_BITS,
} from "./wasm/tanhConstants.js";

const f = Math.fround;
/** The smallest normal float32, 2⁻¹²⁶. */
const MIN_NORMAL = 2 ** -126;

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/** The natural logarithm of a float32 value, in float32 arithmetic (see the module comment). */
export function logf(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let scale = 0;
  if (x < MIN_NORMAL) {
    x *= 2 ** 23;
    scale = 23;
  }
  F32[0] = x;
  // the exponent of x·√2, and x's mantissa moved into [√½, √2)
  const ix = I32[0]! + (0x3f800000 - SQRT_HALF_BITS);
  const k = (ix >> 23) - 127 - scale;
  I32[0] = (ix & 0x7fffff) + SQRT_HALF_BITS;
  const fm = f(F32[0]! - 1);
  const s = f(fm / f(2 + fm));
  const z = f(s * s);
  let q = R5;
  q = f(f(q * z) + R4);
  q = f(f(q * z) + R3);
  q = f(f(q * z) + R2);
  q = f(f(q * z) + R1);
  const r = f(q * z);
  const hfsq = f(f(0.5 * fm) * fm);
  let t = f(s * f(hfsq + r));
  t = f(t + f(k * LN2_LO));
  t = f(hfsq - t);
  t = f(fm - t);
  return f(f(k * LN2_HI) + t);
}
