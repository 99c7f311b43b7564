import { needsGrad, record } from "../autograd/record.js";
import { DTypeError } from "../errors.js";
import { unaryForward } from "../iteration/unary.js";
import { negKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * `-x`, elementwise (`torch.neg`).
 *
 * @example
 * ```ts
 * neg(tensor([1, -2])).toArray(); // [-1, 2]
 * ```
 */
export function neg(x: Tensor): Tensor {
  if (x.dtype === "bool") {
    throw new DTypeError(
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use logicalNot() instead.",
    );
  }
  const out = unaryForward("neg", x, negKernels, x.dtype);
  if (needsGrad(x)) record(out, "NegBackward0", [x], [], (g) => [neg(g)]);
  return out;
}
