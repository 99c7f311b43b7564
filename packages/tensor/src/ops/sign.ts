import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { castTo } from "../iteration/cast.js";
import { unaryForward } from "../iteration/unary.js";
import { signKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";

/**
 * -1, 0 or 1 by the sign of each element (NaN gives 0, as in PyTorch) (`torch.sign`); a bool
 * tensor gives a copy of itself. Its gradient is zero everywhere, as in PyTorch.
 *
 * @example
 * ```ts
 * sign(tensor([-3, 0, 2])).toArray(); // [-1, 0, 1]
 * ```
 */
export function sign(x: Tensor): Tensor {
  // The sign of a bool is itself (true is 1, false 0), as `torch.sign` gives.
  const out =
    x.dtype === "bool" ? castTo(x, "bool") : unaryForward("sign", x, signKernels, x.dtype);
  if (needsGrad(x)) record(out, "SignBackward0", [x], [], (g) => [zerosLike(g)]);
  return out;
}
