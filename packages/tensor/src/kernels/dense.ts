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
