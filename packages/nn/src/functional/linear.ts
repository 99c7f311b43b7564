import type { Tensor } from "@kindling/tensor";

/**
 * `x Wᵀ + b` (`F.linear`), with `weight` of shape `[out, in]` and an optional `bias` `[out]`.
 *
 * @example
 * ```ts
 * linear(ones([2, 3]), ones([4, 3])).shape; // [2, 4]
 * ```
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const y = x.matmul(weight.t());
  return bias === null ? y : y.add(bias);
}
