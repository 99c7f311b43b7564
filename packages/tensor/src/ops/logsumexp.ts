import { noGrad } from "../autograd/gradMode.js";
import { reducedDims } from "../iteration/reduction.js";
import type { Dims, Tensor } from "../tensor.js";
import { abs } from "./abs.js";
import { add } from "./add.js";
import { amax } from "./amax.js";
import { exp } from "./exp.js";
import { log } from "./log.js";
import { maskedFill } from "./maskedFill.js";
import { ne } from "./ne.js";
import { reshape } from "./reshape.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";

/**
 * `log(sum(exp(x)))` over `dim`, computed stably by factoring out the maximum
 * (`torch.logsumexp`).
 *
 * @example
 * ```ts
 * logsumexp(tensor([0, 0]), 0).item(); // 0.6931471824645996
 * ```
 */
export function logsumexp(x: Tensor, dim: Dims, keepdim = false): Tensor {
  const dims = reducedDims(x, dim);
  const shift = noGrad(() => {
    const m = amax(x, dims, true);
    return maskedFill(m, ne(abs(m), Number.POSITIVE_INFINITY).logicalNot(), 0);
  });
  const result = add(log(sum(exp(sub(x, shift)), dims, true)), shift);
  return keepdim
    ? result
    : reshape(
        result,
        result.shape.filter((_, d) => !dims.includes(d)),
      );
}
