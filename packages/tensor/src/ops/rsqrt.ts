import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { rsqrtKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { pow } from "./pow.js";

/**
 * `1 / sqrt(x)`, elementwise (`torch.rsqrt`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * rsqrt(tensor([4])).toArray(); // [0.5]
 * ```
 */
export function rsqrt(x: Tensor): Tensor {
  const out = unaryForward("rsqrt", x, rsqrtKernels, floatDtypeOf(x));
  if (needsGrad(x))
    record(out, "RsqrtBackward0", [x], [out], (g) => [mul(mul(g, -0.5), pow(out, 3))]);
  return out;
}
