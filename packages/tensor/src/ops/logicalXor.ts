import { logicalForward } from "../iteration/compare.js";
import { logicalXorKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise logical exclusive or with broadcasting; any dtype is read as bool (nonzero is true) and
 * the result is bool (`torch.logical_xor`).
 *
 * @example
 * ```ts
 * logicalXor(tensor([true, false]), tensor([true, true])).toArray(); // [false, true]
 * ```
 */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  return logicalForward("logicalXor", a, b, logicalXorKernels);
}
