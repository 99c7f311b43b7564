/**
 * Steps SLEEF 3.5's single-precision functions share (src/libm/sleefsimdsp.c), for float32 values
 * held in JavaScript numbers.
 */

const f = Math.fround;
/** 1.5·2²³: adding and subtracting it rounds a float32 below 2²² to an integer, ties to even. */
const MAGIC = 12582912;

/**
 * `vrint_vi2_vf`: a float32 rounded to the nearest integer, ties to even, as
 * `_mm256_cvtps_epi32` rounds it (for |v| < 2²², the range SLEEF's callers use it in).
 */
export function rintf(v: number): number {
  return f(f(v + MAGIC) - MAGIC);
}

/** 2^e for integer e in [-150, 150], at `POW2[e + 150]`: exact float64s. */
const POW2 = (() => {
  const table = new Float64Array(301);
  for (let e = -150; e <= 150; e++) table[e + 150] = 2 ** e;
  return table;
})();

/**
 * `vldexp2_vf_vf_vi2`: `x·2^q` as two float32 products, by `2^⌊q/2⌋` and then by `2^(q - ⌊q/2⌋)`,
 * each rounded (for |q| ≤ 300, both factors normal float32 powers of two when |q| ≤ 252).
 */
export function ldexp2(x: number, q: number): number {
  const h = q >> 1;
  return f(f(x * POW2[h + 150]!) * POW2[q - h + 150]!);
}
