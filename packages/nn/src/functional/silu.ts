import type { Tensor } from "@kindling/tensor";
import { withNode } from "./node.js";

/**
 * `x * sigmoid(x)` (`F.silu`, the swish). One node, `SiluBackward0`, with PyTorch's gradient
 * `g · σ(x) · (1 + x (1 - σ(x)))`.
 *
 * @example
 * ```ts
 * silu(tensor([1])).item(); // 0.7310585975646973
 * ```
 */
export function silu(x: Tensor): Tensor {
  return withNode(
    "SiluBackward0",
    [x],
    [x],
    () => x.mul(x.sigmoid()),
    (g) => {
      const s = x.sigmoid();
      return [g.mul(s).mul(x.mul(s.neg().add(1)).add(1))];
    },
  );
}
