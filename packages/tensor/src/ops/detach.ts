import { shareVersion } from "../autograd/version.js";
import { Tensor } from "../tensor.js";

/**
 * A tensor sharing `x`'s storage but outside the autograd graph: it does not require grad
 * (`Tensor.detach`). In-place changes to either are seen by both, and counted on their one
 * version counter, as PyTorch's: changing a detached alias of a tensor saved for backward makes
 * that backward throw.
 *
 * @example
 * ```ts
 * const w = ones([2], { requiresGrad: true });
 * w.detach().requiresGrad; // false
 * ```
 */
export function detach(x: Tensor): Tensor {
  return shareVersion(new Tensor(x.storage, x.shape, x.strides, x.storageOffset, x.dtype), x);
}
