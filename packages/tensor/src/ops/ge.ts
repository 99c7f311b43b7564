import { compareForward } from "../iteration/compare.js";
import { geKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `a >= b` (greater than or equal to) with broadcasting, as a bool tensor (`torch.ge`).
 * Operands are compared in their promoted dtype; NaN compares unequal to everything.
 *
 * @example
 * ```ts
 * ge(tensor([2, 1]), tensor([2, 2])).toArray(); // [true, false]
 * ```
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return compareForward("ge", a, b, geKernels);
}
