import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import type { DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { addKernels } from "../kernels/generated/tables.js";
import { scaledAddInPlace, scaledAddKernels, setScale } from "../kernels/scaledAdd.js";
import { SIMD_MIN_ELEMENTS } from "../kernels/wasm/simd.js";
import { sameShape } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { mul } from "./mul.js";

/**
 * PyTorch's `alpha_check`: an integral or bool result takes only a whole-number alpha (a JS
 * number that is an integer counts as Python's `int`, as everywhere in the package).
 *
 * @throws DTypeError for a fractional alpha with an int64 or bool result.
 */
export function checkAlpha(op: string, dtype: DType, alpha: number): void {
  if ((dtype === "int64" || dtype === "bool") && !Number.isInteger(alpha)) {
    throw new DTypeError(
      `${op}: for integral input tensors, argument alpha must not be a floating point number (got ${alpha})`,
    );
  }
}

/**
 * The factor the scaled-add kernels multiply by: `sign · alpha` with alpha rounded to the
 * dtype, as PyTorch's `alpha.to<scalar_t>()`.
 */
function scaleFor(dtype: DType, alpha: number, sign: 1 | -1): number {
  return sign * (dtype === "float32" ? Math.fround(alpha) : alpha);
}

/**
 * `a + sign · alpha · b` with broadcasting and type promotion, for `add`/`sub` with an alpha
 * other than 1: one fused multiply-add for floating results (see `kernels/scaledAdd.ts`), exact
 * wrapping int64 arithmetic for integral ones, `a || (alpha ≠ 0 && b)` for bool ones. The
 * gradient of `b` is `sign · alpha · grad` (multiplied before it is summed to `b`'s shape, as
 * PyTorch's engine does).
 */
export function addScaled(
  op: "add" | "sub",
  a: TensorLike,
  b: TensorLike,
  alpha: number,
  sign: 1 | -1,
): Tensor {
  const dtype = resultType2(a, b);
  checkAlpha(op, dtype, alpha);
  let out: Tensor;
  if (dtype === "float32" || dtype === "float64") {
    out = sameShapeScaled(a, b, dtype, alpha, sign) ?? scaledForward(op, a, b, dtype, alpha, sign);
  } else {
    const other = dtype === "bool" ? mul(b, alpha !== 0) : mul(b, sign * alpha);
    out = binaryForward(op, a, other, addKernels, dtype, dtype);
  }
  if (needsGrad2(a, b)) {
    const bNeedsGrad = b instanceof Tensor && b.requiresGrad;
    record(out, sign === 1 ? "AddBackward0" : "SubBackward0", [a, b], [], (g) => [
      gradForOperand(a, g),
      bNeedsGrad ? gradForOperand(b, mul(g, sign * alpha)) : null,
    ]);
  }
  return out;
}

/**
 * In-place `self += sign · alpha · other` with `dtype` the ops' promoted dtype (already checked to
 * cast to `self`'s): alpha checked as {@link checkAlpha}; for a floating `self` one pass when both
 * are contiguous and of one shape, else the broadcasting kernels; for int64 and bool the exact
 * product, then the add.
 */
export function addScaledInPlace(
  op: "add_" | "sub_",
  self: Tensor,
  other: TensorLike,
  alpha: number,
  sign: 1 | -1,
  dtype: DType,
): Tensor {
  checkAlpha(op, dtype, alpha);
  if (dtype === "float32" || dtype === "float64") {
    if (scaledAddInPlace(self, other, alpha, sign)) return self;
    return scaledForward(op, self, other, self.dtype, alpha, sign, self);
  }
  const o = dtype === "bool" ? mul(other, alpha !== 0) : mul(other, sign * alpha);
  binaryForward(op, self, o, addKernels, dtype, dtype, self);
  return self;
}

function scaledForward(
  op: string,
  a: TensorLike,
  b: TensorLike,
  dtype: DType,
  alpha: number,
  sign: 1 | -1,
  into: Tensor | null = null,
): Tensor {
  setScale(scaleFor(dtype, alpha, sign));
  return binaryForward(op, a, b, scaledAddKernels, dtype, dtype, into);
}

/**
 * Large contiguous operands of one shape and the result's dtype: a copy of `a` updated in place
 * (the SIMD kernel); null for anything else.
 */
function sameShapeScaled(
  a: TensorLike,
  b: TensorLike,
  dtype: DType,
  alpha: number,
  sign: 1 | -1,
): Tensor | null {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) return null;
  if (a.dtype !== dtype || b.dtype !== dtype || !sameShape(a.shape, b.shape)) return null;
  if (!a.contiguousLayout || !b.contiguousLayout || a.numel() < SIMD_MIN_ELEMENTS) return null;
  const n = a.numel();
  const storage = allocateUnfilled(dtype, n) as Float32Array | Float64Array;
  const from = a.storage as Float32Array | Float64Array;
  storage.set(from.subarray(a.storageOffset, a.storageOffset + n));
  const out = new Tensor(storage, a.shape, a.strides, 0, dtype);
  scaledAddInPlace(out, b, alpha, sign);
  return out;
}
