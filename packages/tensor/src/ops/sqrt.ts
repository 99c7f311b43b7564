import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { sqrtKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { div } from "./div.js";
import { mul } from "./mul.js";

/**
 * The square root, elementwise; negative inputs give NaN. For float32 the result is correctly rounded, as PyTorch's (`torch.sqrt`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * sqrt(tensor([4, 9])).toArray(); // [2, 3]
 * ```
 */
export function sqrt(x: Tensor): Tensor {
  const out = unaryForward("sqrt", x, sqrtKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "SqrtBackward0", [x], [out], (g) => [div(g, mul(out, 2))]);
  return out;
}
