import { log1p, type Tensor, where } from "@kindling/tensor";
import { withNode } from "./node.js";

/**
 * `log(1 + e^(βx)) / β`, or `x` where `βx > threshold` (`F.softplus`, defaults β = 1,
 * threshold = 20). One node, `SoftplusBackward0`, with PyTorch's gradient: `g` where
 * `βx > threshold`, else `g · z / (z + 1)` with `z = e^(βx)`.
 *
 * @example
 * ```ts
 * softplus(tensor([0])).item(); // 0.6931471824645996
 * ```
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return withNode(
    "SoftplusBackward0",
    [x],
    [x],
    () => {
      const scaled = x.mul(beta);
      const soft = log1p(scaled.clamp(null, threshold).exp()).div(beta);
      return where(scaled.gt(threshold), x, soft);
    },
    (g) => {
      const scaled = x.mul(beta);
      const z = scaled.exp();
      return [where(scaled.gt(threshold), g, g.mul(z).div(z.add(1)))];
    },
  );
}
