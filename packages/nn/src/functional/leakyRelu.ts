import { type Tensor, where } from "@kindling/tensor";
import { withNode } from "./node.js";

/**
 * `x` where positive, `negativeSlope * x` elsewhere (`F.leaky_relu`, default slope 0.01). One node,
 * `LeakyReluBackward0`: the gradient is `g` where `x > 0`, else `g · negativeSlope`.
 *
 * @example
 * ```ts
 * leakyRelu(tensor([-2, 3])).toArray(); // [-0.02, 3]
 * ```
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return withNode(
    "LeakyReluBackward0",
    [x],
    [x],
    () => where(x.gt(0), x, x.mul(negativeSlope)),
    (g) => [where(x.gt(0), g, g.mul(negativeSlope))],
  );
}
