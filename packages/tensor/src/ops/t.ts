import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { ShapeError } from "../errors.js";
import { Tensor } from "../tensor.js";

/**
 * The transpose of a tensor with at most 2 dims (`torch.t`); for 0-d and 1-d tensors a view of the
 * same shape (still recorded as `TBackward0`, as in PyTorch).
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
  const flip = x.shape.length === 2;
  const out = markView(
    new Tensor(
      x.storage,
      flip ? [x.shape[1]!, x.shape[0]!] : x.shape.slice(),
      flip ? [x.strides[1]!, x.strides[0]!] : x.strides.slice(),
      x.storageOffset,
      x.dtype,
    ),
    x,
  );
  if (needsGrad(x)) record(out, "TBackward0", [x], [], (g) => [t(g)]);
  return out;
}
