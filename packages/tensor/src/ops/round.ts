import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { unaryForward } from "../iteration/unary.js";
import { roundKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * Rounds to the nearest integer, halves to even as PyTorch does (`torch.round`). Its gradient is zero everywhere, as in PyTorch.
 *
 * @example
 * ```ts
 * round(tensor([0.5, 1.5, 2.5])).toArray(); // [0, 2, 2]
 * ```
 */
export function round(x: Tensor): Tensor {
  if (x.dtype === "int64" || x.dtype === "bool") return x.clone();
  const out = unaryForward("round", x, roundKernels, x.dtype);
  if (needsGrad(x)) record(out, "RoundBackward0", [x], (g) => [zerosLike(g)]);
  return out;
}
