import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import { uncounted } from "../autograd/version.js";
import { floatDtypeOf } from "../iteration/unary.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { div_ } from "./div.js";
import { exp } from "./exp.js";
import { fusedSoftmaxBackwardF32, fusedSoftmaxF32 } from "./fusedSoftmax.js";
import { max } from "./max.js";
import { mul, mul_ } from "./mul.js";
import { reciprocal } from "./reciprocal.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";
import { to } from "./to.js";

/**
 * `exp(x) / sum(exp(x))` along `dim` (`torch.softmax`), computed stably by subtracting the
 * maximum first, so large inputs do not overflow. Integer inputs give float32. Results carry
 * PyTorch's roundings: float32 `[0, log 3]` gives `0.7500000596046448`, as `torch.softmax` does.
 *
 * @example
 * ```ts
 * softmax(tensor([0, 0, 0, 0]), 0).toArray(); // [0.25, 0.25, 0.25, 0.25]
 * softmax(tensor([1, 2, 3], { dtype: "float64" }), 0).toArray();
 * // [0.09003057317038045, 0.2447284710547976, 0.6652409557748218]
 * softmax(tensor([0, Math.log(3)]), 0).toArray(); // [0.25, 0.7500000596046448]
 * ```
 */
export function softmax(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.shape.length);
  const input = to(x, floatDtypeOf(x));
  const out = noGrad(() => {
    // No elements: nothing to normalize (and no maximum to subtract), an empty result as in PyTorch.
    if (input.numel() === 0) return sub(input, input);
    if (input.shape.length === 0) return exp(sub(input, input));
    const fused = fusedSoftmaxF32(input, d, false);
    if (fused !== null) return fused;
    const e = exp(sub(input, max(input, d, true).values));
    // PyTorch's CPU kernel multiplies by the reciprocal of the sum along the last dim and divides
    // along any other; doing the same keeps the roundings (and so the bits) alike.
    // e is this op's own: the in-place steps are not writes the caller can see.
    if (d === input.shape.length - 1) return uncounted(() => mul_(e, reciprocal(sum(e, d, true))));
    return uncounted(() => div_(e, sum(e, d, true)));
  });
  if (needsGrad(input)) {
    record(out, "SoftmaxBackward0", [input], [out], (g) => {
      const fused = fusedSoftmaxBackwardF32(g, out, d);
      if (fused !== null) return [fused];
      const gy = mul(g, out);
      return [sub(gy, mul(out, sum(gy, d, true)))];
    });
  }
  return out;
}
