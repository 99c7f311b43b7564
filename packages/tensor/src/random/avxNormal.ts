/**
 * PyTorch 1.13's AVX2 Box-Muller block for float32 (`normal_fill_16_AVX2` in
 * `aten/src/ATen/native/cpu/DistributionTemplates.h`), lane by lane in float32 arithmetic.
 *
 * The AVX2 kernel takes the logarithm, sine and cosine from `avx_mathfun.h` (Cephes-style
 * polynomials by Pommier and Garberoglio), not from libm, and the compiler contracts their
 * multiply-adds into FMA instructions. Every step below is one float32 operation of that compiled
 * code: `f` rounds to float32, {@link fma32} is a single-rounding multiply-add.
 */
// The constants (avx_mathfun.h's, rounded to float32) live in scripts/wasm/normalConstants.mjs,
// which the WebAssembly twin (normal_f32 in kernels.wat) reads too.
import {
  COS_P0,
  COS_P1,
  COS_P2,
  FOPI,
  LOG_P0,
  LOG_P1,
  LOG_P2,
  LOG_P3,
  LOG_P4,
  LOG_P5,
  LOG_P6,
  LOG_P7,
  LOG_P8,
  LOG_Q1,
  LOG_Q2,
  MINUS_DP0,
  MINUS_DP1,
  MINUS_DP2,
  SIN_P0,
  SIN_P1,
  SIN_P2,
  SQRTHF,
  TWO_PI,
} from "./avxNormalConstants.js";
import { fma32 } from "./fma.js";

const f = Math.fround;

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
  x = fma32(y, MINUS_DP0, x);
  x = fma32(y, MINUS_DP1, x);
  x = fma32(y, MINUS_DP2, x);
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
