import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { expKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";

/**
 * `e ** x`, elementwise (`torch.exp`). Integer and bool inputs give float32. Float32 is computed
 * in float32 arithmetic, within 1 ulp of the correctly rounded value (as PyTorch's vectorized
 * exp is), with the same bits on the SIMD and TypeScript paths; float64 uses `Math.exp`.
 *
 * @example
 * ```ts
 * exp(tensor([0])).toArray(); // [1]
 * ```
 */
export function exp(x: Tensor): Tensor {
  const out = unaryForward("exp", x, expKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "ExpBackward0", [x], [out], (g) => [mul(g, out)]);
  return out;
}
