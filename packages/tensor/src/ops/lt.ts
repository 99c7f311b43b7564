import { compareForward } from "../iteration/compare.js";
import { ltKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `a < b` (less than) with broadcasting, as a bool tensor (`torch.lt`).
 * Operands are compared in their promoted dtype; NaN compares unequal to everything.
 *
 * @example
 * ```ts
 * lt(tensor([1, 2]), tensor([2, 2])).toArray(); // [true, false]
 * ```
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return compareForward("lt", a, b, ltKernels);
}
