import { compareForward } from "../iteration/compare.js";
import { neKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `a != b` (not equal to) with broadcasting, as a bool tensor (`torch.ne`).
 * Operands are compared in their promoted dtype; NaN compares unequal to everything.
 *
 * @example
 * ```ts
 * ne(tensor([1, 2]), tensor([1, 0])).toArray(); // [false, true]
 * ```
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return compareForward("ne", a, b, neKernels);
}
