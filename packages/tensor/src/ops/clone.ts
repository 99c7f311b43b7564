import { needsGrad, record } from "../autograd/record.js";
import { castTo } from "../iteration/cast.js";
import type { Tensor } from "../tensor.js";

/**
 * A contiguous copy of `x` with its own storage (`torch.clone`); gradients flow through it.
 *
 * @example
 * ```ts
 * const a = tensor([1, 2]);
 * const b = a.clone();
 * b.fill_(0);
 * a.toArray(); // [1, 2]
 * ```
 */
export function clone(x: Tensor): Tensor {
  const out = castTo(x, x.dtype);
  if (needsGrad(x)) record(out, "CloneBackward0", [x], [], (g) => [g]);
  return out;
}
