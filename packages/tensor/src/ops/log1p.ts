import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { log1pKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { div } from "./div.js";

/**
 * `log(1 + x)`, accurate for small `x` (`torch.log1p`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * log1p(tensor([0])).toArray(); // [0]
 * ```
 */
export function log1p(x: Tensor): Tensor {
  const out = unaryForward("log1p", x, log1pKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "Log1PBackward0", [x], [x], (g) => [div(g, add(x, 1))]);
  return out;
}
