import { needsGrad2, record } from "../autograd/record.js";
import { scatterForward } from "../iteration/scatterForward.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { gather } from "./gather.js";

/**
 * A copy of `x` with elements of `src` added at the int64 `index` along `dim`
 * (`torch.scatter_add`): for `dim = 1`, `out[i][index[i][j]] += src[i][j]`; collisions add up.
 *
 * @example
 * ```ts
 * scatterAdd(zeros([3]), 0, tensor([0n, 0n, 2n]), tensor([1, 2, 3])).toArray(); // [3, 0, 3]
 * ```
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = normalizeDim(dim, x.shape.length);
  const out = scatterForward("scatterAdd", x, d, index, src, true);
  if (needsGrad2(x, src)) {
    record(out, "ScatterAddBackward0", [x, src], [src.requiresGrad ? index : null], (g) => [
      x.requiresGrad ? g : null,
      src.requiresGrad ? gather(g, d, index) : null,
    ]);
  }
  return out;
}
