import { needsGrad2, record } from "../autograd/record.js";
import { scatterForward } from "../iteration/scatterForward.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";
import { gather } from "./gather.js";

/**
 * A copy of `x` with elements of `src` (a tensor or a scalar) written at the int64 `index` along
 * `dim` (`torch.scatter`): for `dim = 1`, `out[i][index[i][j]] = src[i][j]`. Where several
 * indices collide the last write wins.
 *
 * @example
 * ```ts
 * scatter(zeros([2, 3]), 1, tensor([[2n], [0n]]), 1).toArray(); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor {
  const d = normalizeDim(dim, x.shape.length);
  const out = scatterForward("scatter", x, d, index, src, false);
  if (needsGrad2(x, src)) {
    const xGrad = (g: Tensor) => (x.requiresGrad ? scatter(g, d, index, 0) : null);
    if (src instanceof Tensor) {
      record(out, "ScatterBackward0", [x, src], [index], (g) => [
        xGrad(g),
        src.requiresGrad ? gather(g, d, index) : null,
      ]);
    } else {
      // scatter.value: the scalar is no input of the node.
      record(out, "ScatterBackward1", [x], [index], (g) => [xGrad(g)]);
    }
  }
  return out;
}
