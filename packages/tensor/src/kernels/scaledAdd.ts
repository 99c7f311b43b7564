import { sameShape } from "../shape/dims.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { SIMD_MIN_ELEMENTS, simdScaledAddF32 } from "./wasm/simd.js";

/**
 * `self += sign · alpha · other` in one pass, for the in-place `add_`/`sub_` with an `alpha`
 * (`p.sub_(p.grad, lr)`), when both are contiguous tensors of one floating dtype and shape;
 * false, doing nothing, for anything else. The roundings are those of the two ops it replaces
 * (`mul(other, alpha)` then `add_`/`sub_`): for float32, alpha rounded to float32, the product
 * rounded, then the sum, so the bits are the same without the temporary.
 */
export function scaledAddInPlace(
  self: Tensor,
  other: TensorLike,
  alpha: number,
  sign: 1 | -1,
): boolean {
  if (typeof other !== "object" || other.dtype !== self.dtype) return false;
  if (!self.contiguousLayout || !other.contiguousLayout) return false;
  if (!sameShape(self.shape, other.shape)) return false;
  const n = self.numel();
  const so = self.storageOffset;
  const oo = other.storageOffset;
  if (self.dtype === "float32") {
    const s = self.storage as Float32Array;
    const o = other.storage as Float32Array;
    const a = Math.fround(alpha);
    // the kernels copy each chunk of both in before writing any of it back: not for overlaps
    const apart = o !== s || oo === so;
    if (n >= SIMD_MIN_ELEMENTS && apart && simdScaledAddF32(s, so, o, oo, n, a, sign)) return true;
    if (sign === 1)
      for (let i = 0; i < n; i++) s[so + i] = s[so + i]! + Math.fround(a * o[oo + i]!);
    else for (let i = 0; i < n; i++) s[so + i] = s[so + i]! - Math.fround(a * o[oo + i]!);
    return true;
  }
  if (self.dtype === "float64") {
    const s = self.storage as Float64Array;
    const o = other.storage as Float64Array;
    if (sign === 1) for (let i = 0; i < n; i++) s[so + i] = s[so + i]! + alpha * o[oo + i]!;
    else for (let i = 0; i < n; i++) s[so + i] = s[so + i]! - alpha * o[oo + i]!;
    return true;
  }
  return false;
}
