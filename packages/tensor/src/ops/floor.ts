import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { DTypeError } from "../errors.js";
import { unaryForward } from "../iteration/unary.js";
import { floorKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * Rounds down to an integer, elementwise (`torch.floor`). Its gradient is zero everywhere, as in PyTorch.
 * int64 input is returned as a copy; bool input throws a DTypeError, as in PyTorch.
 *
 * @example
 * ```ts
 * floor(tensor([1.5, -1.5])).toArray(); // [1, -2]
 * ```
 */
export function floor(x: Tensor): Tensor {
  if (x.dtype === "bool") {
    throw new DTypeError(`floor: not implemented for dtype bool ("floor_vml_cpu" in PyTorch)`);
  }
  if (x.dtype === "int64") return x.clone();
  const out = unaryForward("floor", x, floorKernels, x.dtype);
  if (needsGrad(x)) record(out, "FloorBackward0", [x], [], (g) => [zerosLike(g)]);
  return out;
}
