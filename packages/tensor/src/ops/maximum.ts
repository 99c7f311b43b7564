import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { maximumKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { div } from "./div.js";
import { eq } from "./eq.js";
import { lt } from "./lt.js";
import { where } from "./where.js";

/**
 * The larger of `a` and `b` elementwise, with broadcasting (`torch.maximum`); NaN wins. At ties
 * the gradient is split evenly between both, as in PyTorch.
 *
 * @example
 * ```ts
 * maximum(tensor([1, 5]), tensor([3, 2])).toArray(); // [3, 5]
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const dtype = resultType2(a, b);
  const out = binaryForward("maximum", a, b, maximumKernels, dtype, dtype);
  if (needsGrad2(a, b)) {
    record(out, "MaximumBackward0", [a, b], [a, b], (g) => {
      const shared = where(eq(a, b), div(g, 2), g);
      return [
        typeof a === "object" && a.requiresGrad
          ? gradForOperand(a, where(lt(a, b), 0, shared))
          : null,
        typeof b === "object" && b.requiresGrad
          ? gradForOperand(b, where(lt(b, a), 0, shared))
          : null,
      ];
    });
  }
  return out;
}
