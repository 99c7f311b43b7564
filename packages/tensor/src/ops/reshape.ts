import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { inferShape, viewStrides } from "../shape/viewStrides.js";
import { Tensor } from "../tensor.js";
import { clone } from "./clone.js";

/**
 * `x` with another shape (one size may be -1): a view when the strides allow it, else a copy
 * (`torch.reshape`). As in PyTorch 1.13, the view records `ReshapeAliasBackward0` and the copy a
 * `CloneBackward0` followed by `UnsafeViewBackward0`.
 *
 * @example
 * ```ts
 * arange(6).reshape(3, -1).shape; // [3, 2]
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) return unsafeView(clone(x), target);
  const out = markView(new Tensor(x.storage, target, strides, x.storageOffset, x.dtype), x);
  if (needsGrad(x)) {
    record(out, "ReshapeAliasBackward0", [x], [], (g) => [reshape(g, x.shape)]);
  }
  return out;
}

/**
 * Contiguous `x` with another shape, as a new tensor sharing its storage but not tracked as a view
 * (PyTorch's `_unsafe_view`, for results no one else holds): node `UnsafeViewBackward0`.
 */
export function unsafeView(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel());
  const out = new Tensor(
    x.storage,
    target,
    viewStrides(x.shape, x.strides, target)!,
    x.storageOffset,
    x.dtype,
  );
  if (needsGrad(x)) {
    record(out, "UnsafeViewBackward0", [x], [], (g) => [reshape(g, x.shape)]);
  }
  return out;
}
