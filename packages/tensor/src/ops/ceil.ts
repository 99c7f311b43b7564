import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { DTypeError } from "../errors.js";
import { unaryForward } from "../iteration/unary.js";
import { ceilKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * Rounds up to an integer, elementwise (`torch.ceil`). Its gradient is zero everywhere, as in PyTorch.
 * int64 input is returned as a copy; bool input throws a DTypeError, as in PyTorch.
 *
 * @example
 * ```ts
 * ceil(tensor([1.5, -1.5])).toArray(); // [2, -1]
 * ```
 */
export function ceil(x: Tensor): Tensor {
  if (x.dtype === "bool") {
    throw new DTypeError(`ceil: not implemented for dtype bool ("ceil_vml_cpu" in PyTorch)`);
  }
  if (x.dtype === "int64") return x.clone();
  const out = unaryForward("ceil", x, ceilKernels, x.dtype);
  if (needsGrad(x)) record(out, "CeilBackward0", [x], [], (g) => [zerosLike(g)]);
  return out;
}
