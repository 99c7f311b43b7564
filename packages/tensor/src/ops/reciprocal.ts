import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { reciprocalKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";

/**
 * `1 / x`, elementwise (`torch.reciprocal`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * reciprocal(tensor([2, 4])).toArray(); // [0.5, 0.25]
 * ```
 */
export function reciprocal(x: Tensor): Tensor {
  const out = unaryForward("reciprocal", x, reciprocalKernels, floatDtypeOf(x));
  if (needsGrad(x))
    record(out, "ReciprocalBackward0", [x], [out], (g) => [neg(mul(g, mul(out, out)))]);
  return out;
}
