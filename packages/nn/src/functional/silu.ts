import type { Tensor } from "@kindling/tensor";

/**
 * `x * sigmoid(x)` (`F.silu`, the swish).
 *
 * @example
 * ```ts
 * silu(tensor([1])).item(); // 0.7310585975646973
 * ```
 */
export function silu(x: Tensor): Tensor {
  return x.mul(x.sigmoid());
}
