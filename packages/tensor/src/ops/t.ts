import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { ShapeError } from "../errors.js";
import { Tensor } from "../tensor.js";

/**
 * The transpose of a tensor with at most 2 dims (`torch.t`); 0-d and 1-d tensors are returned as
 * they are.
 *
 * @example
 * ```ts
 * zeros([2, 3]).t().shape; // [3, 2]
 * ```
 */
export function t(x: Tensor): Tensor {
  if (x.shape.length > 2) {
    throw new ShapeError(
      `t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`,
    );
  }
  if (x.shape.length < 2) return x;
  const out = markView(
    new Tensor(
      x.storage,
      [x.shape[1]!, x.shape[0]!],
      [x.strides[1]!, x.strides[0]!],
      x.storageOffset,
      x.dtype,
    ),
    x,
  );
  if (needsGrad(x)) record(out, "TBackward0", [x], [], (g) => [t(g)]);
  return out;
}
