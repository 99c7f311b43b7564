import type { Tensor } from "../tensor.js";

let counting = true;

/**
 * Counts one in-place write into `t`'s elements on its version counter (PyTorch 2's
 * `torch.autograd.graph.increment_version`). Kindling's in-place ops call it themselves; code
 * that writes a tensor's storage directly (an optimizer's update kernels) calls it so that a
 * backward pass through a graph that saved the old values throws instead of using the new ones.
 *
 * @example
 * ```ts
 * const w = ones([2]);
 * incrementVersion(w);
 * w.version; // 1
 * ```
 */
export function incrementVersion(t: Tensor): void {
  if (counting) (t.versionOwner ?? t).versionCount++;
}

/**
 * @internal Makes `alias` (a view of `source`, or a detached tensor on its storage) share
 * `source`'s version counter, as PyTorch's views and `detach()` do. Returns `alias`.
 */
export function shareVersion(alias: Tensor, source: Tensor): Tensor {
  alias.versionOwner = source.versionOwner ?? source;
  return alias;
}

/**
 * @internal Runs `fn` with in-place writes uncounted: for Kindling's own in-place ops on tensors
 * it has just created (a mean's division, a softmax's normalization, a creation function's fill),
 * which PyTorch computes below autograd, so their results start at version 0 as PyTorch's do.
 */
export function uncounted<T>(fn: () => T): T {
  const previous = counting;
  counting = false;
  try {
    return fn();
  } finally {
    counting = previous;
  }
}
