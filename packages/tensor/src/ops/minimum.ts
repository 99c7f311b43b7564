import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { minimumKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { div } from "./div.js";
import { eq } from "./eq.js";
import { gt } from "./gt.js";
import { where } from "./where.js";

/**
 * The smaller of `a` and `b` elementwise, with broadcasting (`torch.minimum`); NaN wins. At ties
 * the gradient is split evenly between both, as in PyTorch.
 *
 * @example
 * ```ts
 * minimum(tensor([1, 5]), tensor([3, 2])).toArray(); // [1, 2]
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const dtype = resultType2(a, b);
  const out = binaryForward("minimum", a, b, minimumKernels, dtype, dtype);
  if (needsGrad2(a, b)) {
    record(out, "MinimumBackward0", [a, b], [a, b], (g) => {
      const shared = where(eq(a, b), div(g, 2), g);
      return [
        typeof a === "object" && a.requiresGrad
          ? gradForOperand(a, where(gt(a, b), 0, shared))
          : null,
        typeof b === "object" && b.requiresGrad
          ? gradForOperand(b, where(gt(b, a), 0, shared))
          : null,
      ];
    });
  }
  return out;
}
