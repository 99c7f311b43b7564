import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { sinKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { cos } from "./cos.js";
import { mul } from "./mul.js";

/**
 * The sine (radians), elementwise (`torch.sin`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * sin(tensor([0])).toArray(); // [0]
 * ```
 */
export function sin(x: Tensor): Tensor {
  const out = unaryForward("sin", x, sinKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "SinBackward0", [x], [x], (g) => [mul(g, cos(x))]);
  return out;
}
