import { log1p, type Tensor, where } from "@kindling/tensor";

/**
 * `log(1 + e^(βx)) / β`, or `x` where `βx > threshold` (`F.softplus`, defaults β = 1,
 * threshold = 20).
 *
 * @example
 * ```ts
 * softplus(tensor([0])).item(); // 0.6931471824645996
 * ```
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const scaled = x.mul(beta);
  const soft = log1p(scaled.clamp(null, threshold).exp()).div(beta);
  return where(scaled.gt(threshold), x, soft);
}
