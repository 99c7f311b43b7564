import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";
import { squeeze } from "./squeeze.js";

/**
 * A view of `x` with a size-1 dim inserted at `dim` (`torch.unsqueeze`); `dim` ranges over
 * `[-ndim - 1, ndim]`.
 *
 * @example
 * ```ts
 * zeros([3]).unsqueeze(0).shape; // [1, 3]
 * ```
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.shape.length + 1);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  const stride = d < x.shape.length ? x.shape[d]! * x.strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  const out = markView(new Tensor(x.storage, shape, strides, x.storageOffset, x.dtype), x);
  if (needsGrad(x)) record(out, "UnsqueezeBackward0", [x], [], (g) => [squeeze(g, d)]);
  return out;
}
