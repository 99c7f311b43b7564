import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import type { Dims, Tensor } from "../tensor.js";
import { div } from "./div.js";
import { eq } from "./eq.js";
import { maskedFill } from "./maskedFill.js";
import { mul } from "./mul.js";
import {
  planVariance,
  type VarianceOptions,
  varianceBackward,
  varianceForward,
} from "./variance.js";

/**
 * The standard deviation over `dim`: the square root of {@link variance} with the same options
 * (`torch.std`; `correction` defaults to 1). One backward node, `StdBackward0`, whose gradient is
 * 0 (not NaN) where the standard deviation is 0, as in PyTorch.
 *
 * @example
 * ```ts
 * std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), 0, { correction: 0 }).item(); // 2
 * ```
 */
export function std(x: Tensor, dim?: Dims, options: VarianceOptions = {}): Tensor {
  const plan = planVariance(x, dim, options);
  const out = noGrad(() => varianceForward(x, plan, true));
  if (needsGrad(x)) {
    record(out, "StdBackward0", [x], [x, out], (g) => {
      // PyTorch's std_backward: g / (2 std), masked to 0 where std is 0.
      const gradVariance = maskedFill(div(g, mul(out, 2)), eq(out, 0), 0);
      return [varianceBackward(gradVariance, x, plan)];
    });
  }
  return out;
}
