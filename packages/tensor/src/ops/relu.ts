import { needsGrad, record } from "../autograd/record.js";
import { unaryForward } from "../iteration/unary.js";
import { reluKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { gt } from "./gt.js";
import { where } from "./where.js";

/**
 * `max(x, 0)`, elementwise (NaN stays NaN, -0 stays -0, as in PyTorch) (`torch.relu`).
 *
 * @example
 * ```ts
 * relu(tensor([-1, 2])).toArray(); // [0, 2]
 * ```
 */
export function relu(x: Tensor): Tensor {
  const out = unaryForward("relu", x, reluKernels, x.dtype);
  if (needsGrad(x)) record(out, "ReluBackward0", [x], (g) => [where(gt(out, 0), g, 0)]);
  return out;
}
