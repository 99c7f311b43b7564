import { linear as fusedLinear, type Tensor } from "@kindling/tensor";

/**
 * `x Wᵀ + b` (`F.linear`), with `weight` of shape `[out, in]` and an optional `bias` `[out]`.
 * 2-d input runs as one fused op (`AddmmBackward0`), see `linear` in `@kindling/tensor`.
 *
 * @example
 * ```ts
 * linear(ones([2, 3]), ones([4, 3])).shape; // [2, 4]
 * ```
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return fusedLinear(x, weight, bias);
}
