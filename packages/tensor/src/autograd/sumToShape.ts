import { neg } from "../ops/neg.js";
import { reshape } from "../ops/reshape.js";
import { sum } from "../ops/sum.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { batchSummed } from "./batchSummedGrad.js";

/**
 * Sums a gradient of a broadcast result back to the shape of the input that was broadcast:
 * over the leading dims it gained and the size-1 dims it repeated.
 */
export function sumToShape(grad: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const batch = batchSummed(grad, shape);
  if (batch !== null) return batch;
  const lead = grad.shape.length - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < grad.shape.length; d++) {
    if (d < lead || (shape[d - lead] === 1 && grad.shape[d] !== 1)) dims.push(d);
  }
  const summed = dims.length > 0 ? sum(grad, dims, true) : grad;
  return reshape(summed, shape);
}

/**
 * The gradient for one operand of a broadcasting op: `grad` summed to the operand's shape, or null
 * when the operand is a scalar or does not require grad.
 */
export function gradForOperand(operand: unknown, grad: Tensor): Tensor | null {
  if (typeof operand !== "object" || operand === null) return null;
  const t = operand as Tensor;
  return t.requiresGrad ? sumToShape(grad, t.shape) : null;
}

/**
 * {@link gradForOperand} of the negated gradient, for `sub`'s second operand, as PyTorch negates
 * before it sums: over a batch, the sum and the negation in one pass.
 */
export function negatedGradForOperand(operand: unknown, grad: Tensor): Tensor | null {
  if (typeof operand !== "object" || operand === null) return null;
  const t = operand as Tensor;
  if (!t.requiresGrad) return null;
  return batchSummed(grad, t.shape, true) ?? sumToShape(neg(grad), t.shape);
}
