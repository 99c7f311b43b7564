import { needsGrad, record } from "../autograd/record.js";
import { unaryForward } from "../iteration/unary.js";
import { absKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { sign } from "./sign.js";

/**
 * `|x|`, elementwise (`torch.abs`).
 *
 * @example
 * ```ts
 * abs(tensor([-1.5, 2])).toArray(); // [1.5, 2]
 * ```
 */
export function abs(x: Tensor): Tensor {
  const out = unaryForward("abs", x, absKernels, x.dtype);
  if (needsGrad(x)) record(out, "AbsBackward0", [x], [x], (g) => [mul(g, sign(x))]);
  return out;
}
