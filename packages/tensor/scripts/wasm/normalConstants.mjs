// The constants of PyTorch 1.13's AVX2 Box-Muller (`normal_fill_16_AVX2`, which takes its
// logarithm, sine and cosine from avx_mathfun.h: Cephes-style polynomials by Pommier and
// Garberoglio), rounded to float32 as `_mm256_set1_ps` rounds them. Shared by the WebAssembly
// kernel (normalWat.mjs) and the TypeScript one (src/random/avxNormal.ts, through the generated
// src/random/avxNormalConstants.ts). Where the C literal has more digits than a double holds, the
// float32 value is written instead, with the literal in a comment.
const f = Math.fround;

/** √½, the split point of the logarithm's mantissa (0.707106781186547524). */
export const SQRTHF = f(0.7071067690849304);
/** The logarithm's polynomial in m = mantissa - 1, highest degree first. */
export const LOG_P = [
  f(7.0376836292e-2),
  f(-1.151461031e-1),
  f(1.167699874e-1),
  f(-1.2420140846e-1),
  f(1.4249322787e-1),
  f(-1.6668057665e-1),
  f(2.0000714765e-1),
  f(-2.4999993993e-1),
  f(3.3333331174e-1),
];
/** ln 2 in two parts: e·LOG_Q1 goes into the polynomial's last step, e·LOG_Q2 is added last. */
export const LOG_Q1 = f(-2.1219444e-4);
export const LOG_Q2 = f(0.693359375);
/** -π/4 in three parts for the Cody-Waite reduction (DP2: -2.4187564849853515625e-4, DP3: -3.77489497744594108e-8). */
export const MINUS_DP = [f(-0.78515625), f(-0.00024187564849853516), f(-3.774895063202166e-8)];
/** The sine's polynomial in z = x², highest degree first. */
export const SIN_P = [f(-1.9515295891e-4), f(8.3321608736e-3), f(-1.6666654611e-1)];
/** The cosine's polynomial in z = x², highest degree first. */
export const COS_P = [f(2.443315711809948e-5), f(-1.388731625493765e-3), f(4.166664568298827e-2)];
/** 4/π, to find the octant. */
export const FOPI = f(1.27323954473516);
/** `_mm256_set1_ps(2.0f * c10::pi<double>)`. */
export const TWO_PI = f(2 * Math.PI);
