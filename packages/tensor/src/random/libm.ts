/**
 * The float64 logarithm, sine and cosine behind float64 `normal_`.
 *
 * PyTorch calls glibc's `log`, `sin` and `cos`; these are V8's (`Math.log`, ...), which agree with
 * glibc except in the last bit for a few percent of arguments (measured on Box-Muller inputs:
 * about 7% for log, 3% for sin and cos). float64 normal samples can therefore differ from
 * PyTorch's by an ulp or two; every draw count, and so every later value, is unaffected. float32
 * normal samples are unaffected in practice: the scalar path rounds the float64 result to float32,
 * and the block path uses PyTorch's own AVX2 polynomials (see `avxNormal.ts`).
 *
 * Matching glibc exactly means porting its `log` (Arm's optimized-routines algorithm) and its
 * `sin`/`cos` (IBM's Accurate Mathematical Library) operation by operation; this module is the one
 * place such ports would go.
 */

/** Natural logarithm, as glibc's `log` (up to its last bit). */
export const libmLog: (x: number) => number = Math.log;
/** Sine, as glibc's `sin` (up to its last bit). */
export const libmSin: (x: number) => number = Math.sin;
/** Cosine, as glibc's `cos` (up to its last bit). */
export const libmCos: (x: number) => number = Math.cos;
