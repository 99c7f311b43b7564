import { logicalForward } from "../iteration/compare.js";
import { logicalAndKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise logical and with broadcasting; any dtype is read as bool (nonzero is true) and
 * the result is bool (`torch.logical_and`).
 *
 * @example
 * ```ts
 * logicalAnd(tensor([true, false]), tensor([true, true])).toArray(); // [true, false]
 * ```
 */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return logicalForward("logicalAnd", a, b, logicalAndKernels);
}
