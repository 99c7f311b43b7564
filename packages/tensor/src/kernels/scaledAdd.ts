import { fma64 } from "../random/fma.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor, TensorLike } from "../tensor.js";
import type { BinaryKernel, BinaryKernelTable } from "./types.js";
import { SIMD_MIN_ELEMENTS, simdScaledAddF32 } from "./wasm/simd.js";

/**
 * `a + alpha · b` as PyTorch's `add`/`sub` with an alpha compute it for floating dtypes: one
 * fused multiply-add (`vec::fmadd`), with alpha first rounded to the tensor's dtype. For float32
 * the product of two float32s is exact in float64 and the sum is rounded to float64 and then to
 * float32, which is the fused result but where that float64 sum lands exactly on a float32
 * midpoint (about one element in 2²⁹; optim's update kernels round the same way, and the
 * WebAssembly kernel `scaled_add_f32` gives the same bits). For float64 the multiply-add is
 * emulated exactly (`fma64`).
 */

/** The signed alpha the kernels below read: set by {@link setScale} just before each call. */
let scale = 1;

/**
 * Sets the factor of the next {@link scaledAddKernels} call (`sign · alpha`, already rounded to
 * float32 for float32 operands). The kernels are ordinary binary kernels, so the broadcasting,
 * strided and in-place machinery of `binaryForward` runs them unchanged.
 */
export function setScale(s: number): void {
  scale = s;
}

function scaledAddFloat32(
  a: Float32Array,
  ai: number,
  sa: number,
  b: Float32Array,
  bi: number,
  sb: number,
  out: Float32Array,
  oi: number,
  n: number,
): void {
  const s = scale;
  for (let k = 0; k < n; k++) out[oi + k] = a[ai + k * sa]! + s * b[bi + k * sb]!;
}

function scaledAddFloat64(
  a: Float64Array,
  ai: number,
  sa: number,
  b: Float64Array,
  bi: number,
  sb: number,
  out: Float64Array,
  oi: number,
  n: number,
): void {
  const s = scale;
  for (let k = 0; k < n; k++) out[oi + k] = fma64(s, b[bi + k * sb]!, a[ai + k * sa]!);
}

/** `out = a + scale · b` by floating dtype (see {@link setScale}). */
export const scaledAddKernels: BinaryKernelTable = {
  float32: scaledAddFloat32 as BinaryKernel,
  float64: scaledAddFloat64 as BinaryKernel,
};

/**
 * `self += sign · alpha · other` in one pass, for the in-place `add_`/`sub_` with an `alpha`
 * (`p.sub_(p.grad, lr)`), when both are contiguous tensors of one floating dtype and shape;
 * false, doing nothing, for anything else (the caller broadcasts through
 * {@link scaledAddKernels}). Rounded as PyTorch's fused multiply-add, as described above.
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
    const a = sign * Math.fround(alpha);
    // the kernels copy each chunk of both in before writing any of it back: not for overlaps
    const apart = o !== s || oo === so;
    if (n >= SIMD_MIN_ELEMENTS && apart && simdScaledAddF32(s, so, o, oo, n, a)) return true;
    for (let i = 0; i < n; i++) s[so + i] = s[so + i]! + a * o[oo + i]!;
    return true;
  }
  if (self.dtype === "float64") {
    const s = self.storage as Float64Array;
    const o = other.storage as Float64Array;
    const a = sign * alpha;
    for (let i = 0; i < n; i++) s[so + i] = fma64(a, o[oo + i]!, s[so + i]!);
    return true;
  }
  return false;
}
