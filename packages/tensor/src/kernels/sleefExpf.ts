/**
 * Float32 e^x with the bits of PyTorch 1.13's CPU kernel: `Vectorized<float>::exp` calls SLEEF's
 * `Sleef_expf8_u10`, on an AVX2 machine SLEEF 3.5's `xexpf` compiled with fused multiply-adds.
 * The same float32 operations in the same order, each rounded as the vector instruction rounds
 * (`Math.fround`; {@link fma32} for a fused multiply-add). The relaxed-SIMD kernel `exp_sleef_f32`
 * (scripts/wasm/sleefWat.mjs) computes the same lane by lane.
 *
 * The algorithm (SLEEF's, within 1 ulp): `q = rint(x/ln 2)`, `s = x - q·ln 2` in two fused
 * steps (Cody and Waite), a degree-7 polynomial for e^s by Horner's rule with fused steps, then
 * `·2^q` as two products; +0 below -104, +Infinity above 100, NaN kept.
 */

import { fma32 } from "../random/fma.js";
import { ldexp2, rintf } from "./sleefSteps.js";
import {
  EXP_C1 as C1,
  EXP_C2 as C2,
  EXP_C3 as C3,
  EXP_C4 as C4,
  EXP_C5 as C5,
  L2L,
  L2U,
  R_LN2,
} from "./wasm/sleefConstants.js";

const f = Math.fround;

/** SLEEF's e^x of a float32 value (see the module comment). */
export function sleefExpf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < -104) return 0;
  if (x > 100) return Number.POSITIVE_INFINITY;
  const q = rintf(f(x * R_LN2));
  let s = fma32(q, -L2U, x);
  s = fma32(q, -L2L, s);
  let u = C5;
  u = fma32(u, s, C4);
  u = fma32(u, s, C3);
  u = fma32(u, s, C2);
  u = fma32(u, s, C1);
  u = fma32(u, s, 0.5);
  u = f(1 + fma32(f(s * s), u, s));
  return ldexp2(u, q);
}
