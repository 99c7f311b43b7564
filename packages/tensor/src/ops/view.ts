import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { ShapeError } from "../errors.js";
import { inferShape, viewStrides } from "../shape/viewStrides.js";
import { Tensor } from "../tensor.js";
import { reshape } from "./reshape.js";

/**
 * A view of `x` with another shape and the same elements in row-major order, sharing storage
 * (`Tensor.view`). One size may be -1 (inferred). Throws when the strides do not allow a view
 * (use {@link reshape}, which copies then).
 *
 * @example
 * ```ts
 * arange(6).view(2, 3).toArray(); // [[0, 1, 2], [3, 4, 5]]
 * ```
 */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) {
    throw new ShapeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension " +
        "spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  const out = markView(new Tensor(x.storage, target, strides, x.storageOffset, x.dtype), x);
  if (needsGrad(x)) record(out, "ViewBackward0", [x], [], (g) => [reshape(g, x.shape)]);
  return out;
}
