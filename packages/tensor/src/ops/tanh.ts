import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { tanhKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";

/**
 * The hyperbolic tangent, elementwise (`torch.tanh`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * tanh(tensor([0])).toArray(); // [0]
 * ```
 */
export function tanh(x: Tensor): Tensor {
  const out = unaryForward("tanh", x, tanhKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "TanhBackward0", [x], (g) => [mul(g, sub(1, mul(out, out)))]);
  return out;
}
