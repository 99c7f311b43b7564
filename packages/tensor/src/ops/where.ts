import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { resultType2 } from "../iteration/operands.js";
import { whereForward } from "../iteration/ternary.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * Elementwise `condition ? a : b` with broadcasting of all three (`torch.where`); `condition`
 * must be a bool tensor. Gradients flow to the branch that was taken.
 *
 * @example
 * ```ts
 * where(tensor([true, false]), tensor([1, 2]), 0).toArray(); // [1, 0]
 * ```
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const dtype = resultType2(a, b);
  const out = whereForward("where", condition, a, b, dtype);
  if (needsGrad2(a, b)) {
    record(out, "WhereBackward0", [a, b], [condition], (g) => [
      typeof a === "object" && a.requiresGrad ? gradForOperand(a, where(condition, g, 0)) : null,
      typeof b === "object" && b.requiresGrad ? gradForOperand(b, where(condition, 0, g)) : null,
    ]);
  }
  return out;
}
