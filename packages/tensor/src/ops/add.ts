import {
  checkInPlaceDtype,
  commitInPlace,
  inPlaceNeedsGrad,
  snapshot,
} from "../autograd/inPlace.js";
import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { addKernels } from "../kernels/generated/tables.js";
import { scaledAddInPlace } from "../kernels/scaledAdd.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { mul } from "./mul.js";

/**
 * `a + alpha * b`, elementwise with broadcasting and type promotion (`torch.add`). `alpha`
 * defaults to 1. For float32 the result is rounded once, as PyTorch's is.
 *
 * @example
 * ```ts
 * add(tensor([1, 2]), tensor([[10], [20]])).toArray(); // [[11, 12], [21, 22]]
 * add(tensor([1, 2]), 3, 2).toArray(); // [7, 8]
 * ```
 */
export function add(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  const other = alpha === undefined || alpha === 1 ? b : mul(b, alpha);
  const dtype = resultType2(a, other);
  const out = binaryForward("add", a, other, addKernels, dtype, dtype);
  if (needsGrad2(a, other)) {
    record(out, "AddBackward0", [a, other], (g) => [
      gradForOperand(a, g),
      gradForOperand(other, g),
    ]);
  }
  return out;
}

/**
 * In-place `self += alpha * other` (`Tensor.add_`); `other` broadcasts to `self`'s shape.
 * Returns `self`.
 */
export function add_(self: Tensor, other: TensorLike, alpha?: number): Tensor {
  if (inPlaceNeedsGrad(self, other))
    return commitInPlace("add_", self, add(snapshot(self), other, alpha));
  if (alpha !== undefined && alpha !== 1 && scaledAddInPlace(self, other, alpha, 1)) return self;
  const o = alpha === undefined || alpha === 1 ? other : mul(other, alpha);
  const dtype = resultType2(self, o);
  checkInPlaceDtype("add_", dtype, self);
  binaryForward("add_", self, o, addKernels, dtype, dtype, self);
  return self;
}
