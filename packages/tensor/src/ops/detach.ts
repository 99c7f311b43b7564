import { Tensor } from "../tensor.js";

/**
 * A tensor sharing `x`'s storage but outside the autograd graph: it does not require grad
 * (`Tensor.detach`). In-place changes to either are seen by both.
 *
 * @example
 * ```ts
 * const w = ones([2], { requiresGrad: true });
 * w.detach().requiresGrad; // false
 * ```
 */
export function detach(x: Tensor): Tensor {
  return new Tensor(x.storage, x.shape, x.strides, x.storageOffset, x.dtype);
}
