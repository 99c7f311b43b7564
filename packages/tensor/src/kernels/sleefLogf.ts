/**
 * Float32 natural logarithm with the bits of PyTorch 1.13's CPU kernel: `Vectorized<float>::log`
 * calls SLEEF's `Sleef_logf8_u10`, on an AVX2 machine SLEEF 3.5's `xlogf_u1` compiled with fused
 * multiply-adds. The same float32 operations in the same order, each rounded as the vector
 * instruction rounds (`Math.fround`; {@link fma32} for a fused multiply-add). The relaxed-SIMD
 * kernel `log_sleef_f32` (scripts/wasm/sleefWat.mjs) computes the same lane by lane.
 *
 * The algorithm (SLEEF's, within 1 ulp): x = m·2^e with m in [0.75, 1.5) (subnormal x first
 * scaled by 2⁶⁴), `e·ln 2` as a double-float, `x' = (m - 1)/(m + 1)` in double-float arithmetic,
 * `log x = e·ln 2 + 2x' + x'³·P(x'²)` summed as double-floats and rounded once. log(+0) and
 * log(-0) are -Infinity, negative x and NaN give NaN, +Infinity gives +Infinity.
 */

import { fma32 } from "../random/fma.js";

import {
  LOG_FOUR_THIRDS as FOUR_THIRDS,
  LOG_LN2_HI as LN2_HI,
  LOG_LN2_LO as LN2_LO,
  LOG_P0 as P0,
  LOG_P1 as P1,
  LOG_P2 as P2,
} from "./wasm/sleefConstants.js";

const f = Math.fround;
/** The smallest normal float32, 2⁻¹²⁶ (`FLT_MIN`). */
const MIN_NORMAL = 2 ** -126;

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/** SLEEF's natural logarithm of a float32 value (see the module comment). */
export function sleefLogf(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let d = x;
  let scaled = 0;
  if (d < MIN_NORMAL) {
    d = f(d * 2 ** 64);
    scaled = 64;
  }
  F32[0] = f(d * FOUR_THIRDS);
  const e = ((I32[0]! >> 23) & 0xff) - 0x7f;
  const m = d * 2 ** -e; // exact: SLEEF adds -e to the exponent bits
  const k = e - scaled;
  // s = (LN2_HI, LN2_LO)·k (dfmul of a double-float by a float)
  const sh = f(LN2_HI * k);
  const sl = fma32(LN2_LO, k, fma32(LN2_HI, k, -sh));
  // n = -1 + m and d = 1 + m (dfadd2 of two floats)
  let a = f(-1 + m);
  let v = f(a - -1);
  const nl = f(f(-1 - f(a - v)) + f(m - v));
  const nh = a;
  a = f(1 + m);
  v = f(a - 1);
  const dl = f(f(1 - f(a - v)) + f(m - v));
  const dh = a;
  // x' = n / d (dfdiv)
  const t = f(1 / dh);
  const xh = f(nh * t);
  const u = fma32(t, nh, -xh);
  const w = fma32(-dl, t, fma32(-dh, t, 1));
  const xl = fma32(xh, w, fma32(nl, t, u));
  const x2 = f(xh * xh);
  let p = P2;
  p = fma32(p, x2, P1);
  p = fma32(p, x2, P0);
  // s + 2x' (dfadd of double-floats), then + x'³·P (dfadd of a double-float and a float)
  const yh = f(xh * 2);
  const yl = f(xl * 2);
  const rh = f(sh + yh);
  const rl = f(f(f(f(sh - rh) + yh) + sl) + yl);
  const z = f(f(x2 * xh) * p);
  const qh = f(rh + z);
  const ql = f(f(f(rh - qh) + z) + rl);
  return f(qh + ql);
}
