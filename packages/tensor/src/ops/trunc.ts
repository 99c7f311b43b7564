import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { DTypeError } from "../errors.js";
import { unaryForward } from "../iteration/unary.js";
import { truncKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * Rounds toward zero, elementwise (`torch.trunc`). Its gradient is zero everywhere, as in PyTorch.
 * int64 input is returned as a copy; bool input throws a DTypeError, as in PyTorch.
 *
 * @example
 * ```ts
 * trunc(tensor([1.5, -1.5])).toArray(); // [1, -1]
 * ```
 */
export function trunc(x: Tensor): Tensor {
  if (x.dtype === "bool") {
    throw new DTypeError(`trunc: not implemented for dtype bool ("trunc_vml_cpu" in PyTorch)`);
  }
  if (x.dtype === "int64") return x.clone();
  const out = unaryForward("trunc", x, truncKernels, x.dtype);
  if (needsGrad(x)) record(out, "TruncBackward0", [x], [], (g) => [zerosLike(g)]);
  return out;
}
