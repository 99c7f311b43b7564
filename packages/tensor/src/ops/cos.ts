import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { cosKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";
import { sin } from "./sin.js";

/**
 * The cosine (radians), elementwise (`torch.cos`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * cos(tensor([0])).toArray(); // [1]
 * ```
 */
export function cos(x: Tensor): Tensor {
  const out = unaryForward("cos", x, cosKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "CosBackward0", [x], [x], (g) => [neg(mul(g, sin(x)))]);
  return out;
}
