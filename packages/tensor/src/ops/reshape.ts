import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { castTo } from "../iteration/cast.js";
import { inferShape, viewStrides } from "../shape/viewStrides.js";
import { Tensor } from "../tensor.js";

/**
 * `x` with another shape (one size may be -1): a view when the strides allow it, else a copy
 * (`torch.reshape`).
 *
 * @example
 * ```ts
 * arange(6).reshape(3, -1).shape; // [3, 2]
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, target);
  const out =
    strides !== null
      ? markView(new Tensor(x.storage, target, strides, x.storageOffset, x.dtype), x)
      : reshapeCopy(x, target);
  if (needsGrad(x)) {
    record(out, strides !== null ? "ViewBackward0" : "UnsafeViewBackward0", [x], [], (g) => [
      reshape(g, x.shape),
    ]);
  }
  return out;
}

function reshapeCopy(x: Tensor, target: readonly number[]): Tensor {
  const copy = castTo(x, x.dtype);
  return new Tensor(
    copy.storage,
    target,
    viewStrides(copy.shape, copy.strides, target)!,
    0,
    x.dtype,
  );
}
