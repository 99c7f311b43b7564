import {
  checkInPlaceDtype,
  commitInPlace,
  inPlaceNeedsGrad,
  snapshot,
} from "../autograd/inPlace.js";
import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { incrementVersion } from "../autograd/version.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { addKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { addScaled, addScaledInPlace } from "./addScaled.js";

/**
 * `a + alpha * b`, elementwise with broadcasting and type promotion (`torch.add`). `alpha`
 * defaults to 1; for floating results `a + alpha * b` is one fused multiply-add, as PyTorch's
 * kernel is (alpha rounded to the dtype first), and for int64 and bool results alpha must be a
 * whole number (bool: `a || (alpha !== 0 && b)`).
 *
 * @example
 * ```ts
 * add(tensor([1, 2]), tensor([[10], [20]])).toArray(); // [[11, 12], [21, 22]]
 * add(tensor([1, 2]), 3, 2).toArray(); // [7, 8]
 * ```
 */
export function add(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  if (alpha !== undefined && alpha !== 1) return addScaled("add", a, b, alpha, 1);
  const dtype = resultType2(a, b);
  const out = binaryForward("add", a, b, addKernels, dtype, dtype);
  if (needsGrad2(a, b)) {
    record(out, "AddBackward0", [a, b], [], (g) => [gradForOperand(a, g), gradForOperand(b, g)]);
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
  const dtype = resultType2(self, other);
  checkInPlaceDtype("add_", dtype, self);
  if (alpha === undefined || alpha === 1) {
    binaryForward("add_", self, other, addKernels, dtype, dtype, self);
  } else addScaledInPlace("add_", self, other, alpha, 1, dtype);
  incrementVersion(self);
  return self;
}
