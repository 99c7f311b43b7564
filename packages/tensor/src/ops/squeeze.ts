import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";
import { reshape } from "./reshape.js";

/**
 * A view of `x` without size-1 dims: all of them, or only `dim` if given and of size 1
 * (`torch.squeeze`).
 *
 * @example
 * ```ts
 * zeros([2, 1, 3]).squeeze().shape; // [2, 3]
 * ```
 */
export function squeeze(x: Tensor, dim?: number): Tensor {
  const only = dim === undefined ? -1 : normalizeDim(dim, x.shape.length);
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < x.shape.length; d++) {
    const drop = x.shape[d] === 1 && (only < 0 || only === d);
    if (!drop) {
      shape.push(x.shape[d]!);
      strides.push(x.strides[d]!);
    }
  }
  const out = markView(new Tensor(x.storage, shape, strides, x.storageOffset, x.dtype), x);
  if (needsGrad(x)) {
    record(out, dim === undefined ? "SqueezeBackward0" : "SqueezeBackward1", [x], [], (g) => [
      reshape(g, x.shape),
    ]);
  }
  return out;
}
