import { fma64 } from "../random/fma.js";

/**
 * `1 - v·v` rounded once, as a fused multiply-subtract rounds it: PyTorch's CPU kernel for tanh's
 * backward (`g · (1 - t·t)`) is compiled with multiply-adds contracted, so its `1 - t·t` is one
 * `fnmadd` on an x86-64 machine with FMA (as every build for AVX2 has), not a product rounded and
 * then a difference rounded. These give its bits without a fused instruction.
 */

/**
 * `1 - v·v` for a float32 `v`, rounded once to float32. In float64, `v·v` is exact (48 bits), and
 * so is `1 - v·v` unless `|v| < 0.125`; there the float64 difference is rounded, but never onto a
 * point halfway between two float32 values (checked over every float32 below 0.125 once, by
 * brute force: 1,031,798,784 inexact differences, no such tie), so rounding it again to float32
 * gives the single rounding.
 */
export function oneMinusSquareF32(v: number): number {
  return Math.fround(1 - v * v);
}

/** `1 - v·v` for a float64 `v`, rounded once: {@link fma64}`(-v, v, 1)`. */
export function oneMinusSquareF64(v: number): number {
  return fma64(-v, v, 1);
}
