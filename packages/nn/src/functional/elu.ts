import { exp, expm1, type Tensor, where } from "@kindling/tensor";
import { withNode } from "./node.js";

/**
 * `x` where positive, `alpha * (eˣ - 1)` elsewhere (`F.elu`, default alpha 1). One node,
 * `EluBackward0`, with PyTorch's gradient: `g` where `x > 0`, else `g · alpha · eˣ`.
 *
 * @example
 * ```ts
 * elu(tensor([-1, 2])).toArray(); // [-0.6321205496788025, 2]
 * ```
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  return withNode(
    "EluBackward0",
    [x],
    [x],
    () => where(x.gt(0), x, expm1(x.clamp(null, 0)).mul(alpha)),
    (g) => [where(x.le(0), g.mul(alpha).mul(exp(x)), g)],
  );
}
