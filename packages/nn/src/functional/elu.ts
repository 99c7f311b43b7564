import { expm1, type Tensor, where } from "@kindling/tensor";

/**
 * `x` where positive, `alpha * (eˣ - 1)` elsewhere (`F.elu`, default alpha 1).
 *
 * @example
 * ```ts
 * elu(tensor([-1, 2])).toArray(); // [-0.6321205496788025, 2]
 * ```
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  return where(x.gt(0), x, expm1(x.clamp(null, 0)).mul(alpha));
}
