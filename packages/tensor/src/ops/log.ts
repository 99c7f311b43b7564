import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { logKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { div } from "./div.js";

/**
 * The natural logarithm, elementwise; `log(0)` is -Infinity and negative inputs give NaN
 * (`torch.log`). Integer and bool inputs give float32. Float32 is computed in float32
 * arithmetic, within 1 ulp of the correctly rounded value, with the same bits on the SIMD and
 * TypeScript paths; float64 uses `Math.log`.
 *
 * @example
 * ```ts
 * log(tensor([1])).toArray(); // [0]
 * ```
 */
export function log(x: Tensor): Tensor {
  const out = unaryForward("log", x, logKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "LogBackward0", [x], [x], (g) => [div(g, x)]);
  return out;
}
