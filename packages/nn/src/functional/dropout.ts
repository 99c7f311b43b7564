import type { Tensor } from "@kindling/tensor";
import { bernoulliLike } from "../init/random.js";

/**
 * In training, zeroes each element with probability `p` and scales the rest by `1 / (1 - p)`
 * (`F.dropout`); the identity when `training` is false. The mask is drawn from the default
 * generator as PyTorch's `bernoulli_(1 - p)` draws it.
 *
 * @throws RangeError when `p` is outside [0, 1].
 * @example
 * ```ts
 * dropout(ones([4]), 0.5).toArray(); // e.g. [2, 0, 2, 2]
 * ```
 */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  }
  if (!training || p === 0) return x;
  if (p === 1) return x.mul(0);
  const mask = bernoulliLike(x, 1 - p).div(1 - p);
  return x.mul(mask);
}
