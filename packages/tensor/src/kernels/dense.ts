import type { Tensor } from "../tensor.js";

/** The storage of a floating-point tensor. */
export type FloatStorage = Float32Array | Float64Array;

/** A contiguous floating-point tensor's elements: `data[offset .. offset + numel)`. */
export interface DenseFloat {
  /** The storage. */
  readonly data: FloatStorage;
  /** Index of the first element. */
  readonly offset: number;
}

/** `x`'s elements as a dense float block, or null when `x` is not contiguous float32/float64. */
export function denseFloat(x: Tensor): DenseFloat | null {
  if (!x.contiguousLayout || (x.dtype !== "float32" && x.dtype !== "float64")) return null;
  return { data: x.storage as FloatStorage, offset: x.storageOffset };
}

/** `out[0 .. n) = acc[0 .. n)`, rounded once to `out`'s type. */
export function roundInto(acc: Float64Array, out: FloatStorage, n: number): void {
  out.set(n === acc.length ? acc : acc.subarray(0, n));
}

/**
 * `v` rounded to float32 when `single`, else unchanged (float64). A direct call with
 * `Math.fround` inside, so V8 inlines it; a rounding function chosen once by a conditional
 * (`single ? Math.fround : identity`) is called, not inlined, and costs ten times more per element.
 */
export function roundAs(single: boolean, v: number): number {
  return single ? Math.fround(v) : v;
}

/**
 * `Σ data[offset + i * stride]` for `i < n`, as the `sum` op adds: float32 input accumulates in
 * float64 (rounded by the caller), float64 input with Neumaier's compensation (the plain sum
 * when that is not finite).
 */
export function stridedSum(data: FloatStorage, offset: number, n: number, stride: number): number {
  if (data instanceof Float32Array) {
    let s = 0;
    for (let i = 0, k = offset; i < n; i++, k += stride) s += data[k]!;
    return s;
  }
  let s = 0;
  let c = 0;
  for (let i = 0, k = offset; i < n; i++, k += stride) {
    const v = data[k]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  // A non-finite compensated total (inf - inf in the compensation) falls back to the plain sum.
  const total = s + c;
  return total - total === 0 ? total : s;
}
