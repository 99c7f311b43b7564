/**
 * Kindling's own float32 exp and sigmoid, which sigmoid, softmax and log-softmax still use (the
 * `exp` op computes SLEEF's, PyTorch's: sleefExpf.ts). In float32 arithmetic, the same roundings
 * in the same order as the
 * WebAssembly SIMD kernels (`exp_f32` and `sigmoid_f32` in `wasm/kernels.wat`, built from
 * scripts/wasm/kernelsWat.mjs), so the two agree bit for bit; each step is rounded with
 * `Math.fround` as an f32 instruction rounds, over the whole float32 range. Within 1 ulp of the correctly rounded exp (checked in expf.test.ts against
 * `Math.exp` rounded to float32), subnormal results included.
 *
 * `e^x = 2^k · P(r)`: x clamped to [-104, 89] (beyond, the float32 result is 0 or +Infinity), `k`
 * rounded to nearest even with the 1.5·2²³ trick, `r = x - k·ln2` in two parts (Cody and Waite),
 * `P` the degree-7 Taylor polynomial of e^r; then `P·2^k` as `(P·2^⌊k/2⌋)·2^⌈k/2⌉`, two normal
 * powers of two, so that the first product is exact and only the second rounds (once, also into
 * the subnormal range or to +Infinity). NaN stays NaN.
 */

import {
  EXP_MAX,
  EXP_MIN,
  EXP_P0,
  EXP_P1,
  EXP_P2,
  EXP_P3,
  EXP_P4,
  EXP_P5,
  EXP_P6,
  EXP_P7,
  LN2_HI,
  LN2_LO,
  LOG2E,
  ROUND_MAGIC,
} from "./wasm/tanhConstants.js";

const f = Math.fround;
/** Offset of 2⁰ in {@link POW2}. */
const BIAS = 75;
/** 2^j for j in [-75, 64] at `POW2[j + BIAS]`, each made by exact halvings and doublings. */
const POW2 = (() => {
  const table = new Float64Array(BIAS + 65);
  table[BIAS] = 1;
  for (let j = 1; j <= 64; j++) table[BIAS + j] = table[BIAS + j - 1]! * 2;
  for (let j = 1; j <= BIAS; j++) table[BIAS - j] = table[BIAS - j + 1]! / 2;
  return table;
})();

/** `y·log2(e)` rounded to the nearest integer (ties to even), in float32: the k of `e^y = 2^k·e^r`. */
function expK(y: number): number {
  return f(f(f(y * LOG2E) + ROUND_MAGIC) - ROUND_MAGIC);
}

/** `r = y - k·ln2`, in two parts (Cody and Waite: `k·LN2_HI` is exact), in float32. */
function expR(y: number, k: number): number {
  return f(f(y - f(k * LN2_HI)) - f(k * LN2_LO));
}

/** The degree-7 Taylor polynomial of `e^r` by Horner's rule, each step rounded to float32. */
function expTaylor(r: number): number {
  let p = EXP_P0;
  p = f(f(p * r) + EXP_P1);
  p = f(f(p * r) + EXP_P2);
  p = f(f(p * r) + EXP_P3);
  p = f(f(p * r) + EXP_P4);
  p = f(f(p * r) + EXP_P5);
  p = f(f(p * r) + EXP_P6);
  return f(f(p * r) + EXP_P7);
}

/** e^x of a float32 value, in float32 arithmetic (see the module comment). */
export function expf(x: number): number {
  const c = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
  const k = expK(c);
  const p = expTaylor(expR(c, k));
  // NaN: k is NaN, and `| 0` makes it 0; p is NaN already
  const ki = k | 0;
  const k1 = ki >> 1;
  return f(f(p * POW2[BIAS + k1]!) * POW2[BIAS + ki - k1]!);
}

/** `1 / (1 + e^-x)` of a float32 value, in float32 arithmetic with {@link expf}. */
export function sigmoidf(x: number): number {
  return f(1 / f(1 + expf(-x)));
}
