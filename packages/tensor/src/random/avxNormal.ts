/**
 * PyTorch 1.13's AVX2 Box-Muller block for float32 (`normal_fill_16_AVX2` in
 * `aten/src/ATen/native/cpu/DistributionTemplates.h`), lane by lane in float32 arithmetic.
 *
 * The AVX2 kernel takes the logarithm, sine and cosine from `avx_mathfun.h` (Cephes-style
 * polynomials by Pommier and Garberoglio), not from libm, and the compiler contracts their
 * multiply-adds into FMA instructions. Every step below is one float32 operation of that compiled
 * code: `f` rounds to float32, {@link fma32} is a single-rounding multiply-add.
 */
import { fma32 } from "./fma.js";

const f = Math.fround;

// The constants of avx_mathfun.h, rounded to float32 as `_mm256_set1_ps` does. Where the C literal
// has more digits than a double holds, the float32 value is written instead, with the literal in a
// comment.

const SQRTHF = f(0.7071067690849304); // 0.707106781186547524
const LOG_P0 = f(7.0376836292e-2);
const LOG_P1 = f(-1.151461031e-1);
const LOG_P2 = f(1.167699874e-1);
const LOG_P3 = f(-1.2420140846e-1);
const LOG_P4 = f(1.4249322787e-1);
const LOG_P5 = f(-1.6668057665e-1);
const LOG_P6 = f(2.0000714765e-1);
const LOG_P7 = f(-2.4999993993e-1);
const LOG_P8 = f(3.3333331174e-1);
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);

const MINUS_DP1 = f(-0.78515625);
const MINUS_DP2 = f(-0.00024187564849853516); // -2.4187564849853515625e-4
const MINUS_DP3 = f(-3.774895063202166e-8); // -3.77489497744594108e-8
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);
const FOPI = f(1.27323954473516);
/** `_mm256_set1_ps(2.0f * c10::pi<double>)`. */
const TWO_PI = f(2 * Math.PI);

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/**
 * `log256_ps` for one lane: the natural logarithm of a float32 `x` in (0, 1] (the only inputs
 * Box-Muller gives it: `1 - u` for a float32 uniform `u`).
 */
export function logAvx(x: number): number {
  if (!(x > 0)) return Number.NaN;
  F32[0] = x;
  const bits = I32[0]!;
  // Split x = m * 2^e with m in [0.5, 1).
  I32[0] = (bits & ~0x7f800000) | 0x3f000000;
  let m = F32[0]!;
  let e = f((bits >>> 23) - 127 + 1);
  if (m < SQRTHF) {
    e = f(e - 1);
    m = f(f(m - 1) + m);
  } else {
    m = f(m - 1);
  }
  const z = f(m * m);
  let y = fma32(LOG_P0, m, LOG_P1);
  y = fma32(y, m, LOG_P2);
  y = fma32(y, m, LOG_P3);
  y = fma32(y, m, LOG_P4);
  y = fma32(y, m, LOG_P5);
  y = fma32(y, m, LOG_P6);
  y = fma32(y, m, LOG_P7);
  y = fma32(y, m, LOG_P8);
  y = f(y * m);
  y = fma32(y, z, f(e * LOG_Q1));
  y = f(y - z * 0.5);
  return f(f(m + y) + e * LOG_Q2);
}

/** Output slots of {@link sinCosAvx}: `[sin, cos]`. */
export const SIN_COS = new Float32Array(2);

/**
 * `sincos256_ps` for one lane: the sine and cosine of a non-negative float32 `x` below 2π
 * (`2π * u` for a float32 uniform `u`), written to {@link SIN_COS}.
 */
export function sinCosAvx(x: number): void {
  let j = Math.trunc(f(x * FOPI));
  j = (j + 1) & ~1;
  const y = j;
  const sinSign = j & 4 ? -1 : 1;
  const cosSign = ~(j - 2) & 4 ? -1 : 1;
  const useSinPoly = (j & 2) === 0;
  // Cody-Waite reduction by π/4 in three parts, each step one FMA.
  x = fma32(y, MINUS_DP1, x);
  x = fma32(y, MINUS_DP2, x);
  x = fma32(y, MINUS_DP3, x);
  const z = f(x * x);
  let c = fma32(COS_P0, z, COS_P1);
  c = fma32(c, z, COS_P2);
  c = f(c * z);
  c = fma32(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = fma32(SIN_P0, z, SIN_P1);
  s = fma32(s, z, SIN_P2);
  s = f(s * z);
  s = fma32(s, x, x);
  if (useSinPoly) {
    SIN_COS[0] = sinSign * s;
    SIN_COS[1] = cosSign * c;
  } else {
    SIN_COS[0] = sinSign * c;
    SIN_COS[1] = cosSign * s;
  }
}

/**
 * `normal_fill_16_AVX2`: turns 16 float32 uniforms at `data[at..at+16)` into 16 normal samples in
 * place. Lane j pairs `u1 = 1 - data[at+j]` and `u2 = data[at+j+8]`; the cosine sample goes to
 * slot j and the sine sample to slot j+8, each as `fma(n, std, mean)`.
 */
export function normalFill16Avx(data: Float32Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f(1 - data[at + j]!);
    const u2 = data[at + j + 8]!;
    const radius = f(Math.sqrt(f(-2 * logAvx(u1))));
    sinCosAvx(f(TWO_PI * u2));
    data[at + j] = fma32(f(radius * SIN_COS[1]!), std, mean);
    data[at + j + 8] = fma32(f(radius * SIN_COS[0]!), std, mean);
  }
}
