import { compareForward } from "../iteration/compare.js";
import { leKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `a <= b` (less than or equal to) with broadcasting, as a bool tensor (`torch.le`).
 * Operands are compared in their promoted dtype; NaN compares unequal to everything.
 *
 * @example
 * ```ts
 * le(tensor([1, 3]), tensor([2, 2])).toArray(); // [true, false]
 * ```
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return compareForward("le", a, b, leKernels);
}
