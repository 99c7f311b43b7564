import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import { uncounted } from "../autograd/version.js";
import { floatDtypeOf } from "../iteration/unary.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { exp } from "./exp.js";
import { fusedLogSoftmaxBackwardF32, fusedSoftmaxF32 } from "./fusedSoftmax.js";
import { log } from "./log.js";
import { max } from "./max.js";
import { mul } from "./mul.js";
import { sub, sub_ } from "./sub.js";
import { sum } from "./sum.js";
import { to } from "./to.js";

/**
 * `x - log(sum(exp(x)))` along `dim` (`torch.log_softmax`), computed stably by subtracting the
 * maximum first; more accurate than `log(softmax(x))`. Integer inputs give float32.
 *
 * @example
 * ```ts
 * logSoftmax(tensor([0, 0]), 0).toArray(); // [-0.6931471824645996, -0.6931471824645996]
 * ```
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.shape.length);
  const input = to(x, floatDtypeOf(x));
  const out = noGrad(() => {
    // No elements: nothing to normalize (and no maximum to subtract), an empty result as in PyTorch.
    if (input.numel() === 0) return sub(input, input);
    if (input.shape.length === 0) return sub(input, input);
    const fused = fusedSoftmaxF32(input, d, true);
    if (fused !== null) return fused;
    const shifted = sub(input, max(input, d, true).values);
    return uncounted(() => sub_(shifted, log(sum(exp(shifted), d, true))));
  });
  if (needsGrad(input)) {
    record(out, "LogSoftmaxBackward0", [input], [out], (g) => [
      fusedLogSoftmaxBackwardF32(g, out, d) ?? sub(g, mul(exp(out), sum(g, d, true))),
    ]);
  }
  return out;
}
