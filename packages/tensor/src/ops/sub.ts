import {
  checkInPlaceDtype,
  commitInPlace,
  inPlaceNeedsGrad,
  snapshot,
} from "../autograd/inPlace.js";
import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand, negatedGradForOperand } from "../autograd/sumToShape.js";
import { DTypeError } from "../errors.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { subKernels } from "../kernels/generated/tables.js";
import { scaledAddInPlace } from "../kernels/scaledAdd.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { mul } from "./mul.js";

const BOOL_SUB =
  "Subtraction, the `-` operator, with two bool tensors is not supported. If you are trying to " +
  "invert a mask, use logicalNot() instead.";

/**
 * `a - alpha * b`, elementwise with broadcasting and type promotion (`torch.sub`).
 *
 * @example
 * ```ts
 * sub(tensor([5, 7]), 2).toArray(); // [3, 5]
 * ```
 */
export function sub(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  const other = alpha === undefined || alpha === 1 ? b : mul(b, alpha);
  const dtype = resultType2(a, other);
  if (dtype === "bool") throw new DTypeError(BOOL_SUB);
  const out = binaryForward("sub", a, other, subKernels, dtype, dtype);
  if (needsGrad2(a, other)) {
    record(out, "SubBackward0", [a, other], (g) => [
      gradForOperand(a, g),
      negatedGradForOperand(other, g),
    ]);
  }
  return out;
}

/** In-place `self -= alpha * other` (`Tensor.sub_`). Returns `self`. */
export function sub_(self: Tensor, other: TensorLike, alpha?: number): Tensor {
  if (inPlaceNeedsGrad(self, other))
    return commitInPlace("sub_", self, sub(snapshot(self), other, alpha));
  if (alpha !== undefined && alpha !== 1 && scaledAddInPlace(self, other, alpha, -1)) return self;
  const o = alpha === undefined || alpha === 1 ? other : mul(other, alpha);
  const dtype = resultType2(self, o);
  if (dtype === "bool") throw new DTypeError(BOOL_SUB);
  checkInPlaceDtype("sub_", dtype, self);
  binaryForward("sub_", self, o, subKernels, dtype, dtype, self);
  return self;
}
