let enabled = true;

/** True while operations record the graph for autograd (`torch.is_grad_enabled()`). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Turns graph recording on or off globally (`torch.set_grad_enabled(mode)`). Prefer
 * {@link noGrad} and {@link enableGrad}, which restore the previous mode.
 */
export function setGradEnabled(mode: boolean): void {
  enabled = mode;
}

/**
 * Runs `fn` without recording the autograd graph, then restores the previous mode, even when `fn`
 * throws (`with torch.no_grad():`). Results computed inside do not require gradients; in-place
 * updates of leaf parameters (what optimizers do) are allowed.
 *
 * @example
 * ```ts
 * const w = ones([2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(2));
 * y.requiresGrad; // false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/**
 * Runs `fn` with graph recording on, then restores the previous mode (`with torch.enable_grad():`),
 * e.g. to compute a gradient inside a {@link noGrad} block.
 */
export function enableGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
