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

/** Veltkamp's splitting constant for float64: 2²⁷ + 1. */
const SPLIT = 134217729;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the low 32-bit word of a float64 in {@link words} (the platform's byte order). */
const LOW = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 0 : 1;

/**
 * `x + y` rounded to odd: the nearest float64 when exact, else whichever neighbour of the exact
 * sum has an odd last bit (Boldo and Melquiond's intermediate rounding for an emulated fma).
 */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const t = s - x;
  const err = x - (s - t) + (y - t); // Knuth's TwoSum: exactly x + y - s
  if (err === 0 || !Number.isFinite(s)) return s;
  bits[0] = s;
  if ((words[LOW]! & 1) === 1) return s;
  // one step away from s toward the exact sum: up in magnitude when err has s's sign
  const away = err > 0 === s > 0;
  const low = words[LOW]!;
  const high = 1 - LOW;
  if (away) {
    words[LOW] = (low + 1) >>> 0;
    if (low === 0xffffffff) words[high] = words[high]! + 1;
  } else {
    words[LOW] = (low - 1) >>> 0;
    if (low === 0) words[high] = words[high]! - 1;
  }
  return bits[0]!;
}

/**
 * `1 - v·v` for a float64 `v` in [-1, 1], rounded once, by Boldo and Melquiond's emulation of a
 * fused multiply-add: the product split exactly (Dekker), `1 - hi` by TwoSum, the two small parts
 * added rounded to odd, then one rounding to nearest.
 */
export function oneMinusSquareF64(v: number): number {
  const p = v * v;
  const c = SPLIT * v;
  const vh = c - (c - v);
  const vl = v - vh;
  const e = vh * vh - p + vh * vl + vh * vl + vl * vl; // exactly v·v - p (Dekker)
  const q = 1 - p;
  const z = q - 1;
  const qErr = 1 - (q - z) + (-p - z); // exactly 1 - p - q
  return q + addRoundToOdd(qErr, -e);
}
