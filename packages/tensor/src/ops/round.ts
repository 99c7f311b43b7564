import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { DTypeError } from "../errors.js";
import { unaryForward } from "../iteration/unary.js";
import { roundKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * Rounds to the nearest integer, halves to even as PyTorch does (`torch.round`). Its gradient is zero everywhere, as in PyTorch.
 * int64 input is returned as a copy; bool input throws a DTypeError, as in PyTorch.
 *
 * @example
 * ```ts
 * round(tensor([0.5, 1.5, 2.5])).toArray(); // [0, 2, 2]
 * ```
 */
export function round(x: Tensor): Tensor {
  if (x.dtype === "bool") {
    throw new DTypeError(`round: not implemented for dtype bool ("round_vml_cpu" in PyTorch)`);
  }
  if (x.dtype === "int64") return x.clone();
  const out = unaryForward("round", x, roundKernels, x.dtype);
  if (needsGrad(x)) record(out, "RoundBackward0", [x], [], (g) => [zerosLike(g)]);
  return out;
}
