import { logicalForward } from "../iteration/compare.js";
import { logicalOrKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise logical or with broadcasting; any dtype is read as bool (nonzero is true) and
 * the result is bool (`torch.logical_or`).
 *
 * @example
 * ```ts
 * logicalOr(tensor([true, false]), tensor([false, false])).toArray(); // [true, false]
 * ```
 */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return logicalForward("logicalOr", a, b, logicalOrKernels);
}
