import { compareForward } from "../iteration/compare.js";
import { eqKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `a == b` (equal to) with broadcasting, as a bool tensor (`torch.eq`).
 * Operands are compared in their promoted dtype; NaN compares unequal to everything.
 *
 * @example
 * ```ts
 * eq(tensor([1, 2]), tensor([1, 0])).toArray(); // [true, false]
 * ```
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return compareForward("eq", a, b, eqKernels);
}
