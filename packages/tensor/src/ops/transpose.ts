import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";

/**
 * A view of `x` with dims `dim0` and `dim1` swapped (`torch.transpose`).
 *
 * @example
 * ```ts
 * zeros([2, 3]).transpose(0, 1).shape; // [3, 2]
 * ```
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const n = x.shape.length;
  const a = normalizeDim(dim0, n);
  const b = normalizeDim(dim1, n);
  if (n === 0) return x;
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[a] = x.shape[b]!;
  shape[b] = x.shape[a]!;
  strides[a] = x.strides[b]!;
  strides[b] = x.strides[a]!;
  const out = markView(new Tensor(x.storage, shape, strides, x.storageOffset, x.dtype), x);
  if (needsGrad(x)) record(out, "TransposeBackward0", [x], [], (g) => [transpose(g, a, b)]);
  return out;
}
