import { compareForward } from "../iteration/compare.js";
import { gtKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `a > b` (greater than) with broadcasting, as a bool tensor (`torch.gt`).
 * Operands are compared in their promoted dtype; NaN compares unequal to everything.
 *
 * @example
 * ```ts
 * gt(tensor([1, 3]), tensor([2, 2])).toArray(); // [false, true]
 * ```
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return compareForward("gt", a, b, gtKernels);
}
