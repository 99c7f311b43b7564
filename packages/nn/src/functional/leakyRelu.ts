import { type Tensor, where } from "@kindling/tensor";

/**
 * `x` where positive, `negativeSlope * x` elsewhere (`F.leaky_relu`, default slope 0.01).
 *
 * @example
 * ```ts
 * leakyRelu(tensor([-2, 3])).toArray(); // [-0.02, 3]
 * ```
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return where(x.gt(0), x, x.mul(negativeSlope));
}
