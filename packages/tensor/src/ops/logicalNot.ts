import { unaryForward } from "../iteration/unary.js";
import { logicalNotKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * Elementwise logical not: true where `x` is zero (`torch.logical_not`); the result is bool.
 *
 * @example
 * ```ts
 * logicalNot(tensor([0, 2])).toArray(); // [true, false]
 * ```
 */
export function logicalNot(x: Tensor): Tensor {
  return unaryForward("logicalNot", x, logicalNotKernels, "bool");
}
