import { batchSummedProduct } from "../autograd/batchSummedGrad.js";
import {
  checkInPlaceDtype,
  commitInPlace,
  inPlaceNeedsGrad,
  snapshot,
  unaliased,
} from "../autograd/inPlace.js";
import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { incrementVersion } from "../autograd/version.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { mulKernels } from "../kernels/generated/tables.js";
import type { Tensor, TensorLike } from "../tensor.js";

/**
 * `a * b`, elementwise with broadcasting and type promotion (`torch.mul`).
 *
 * @example
 * ```ts
 * mul(tensor([1, 2]), tensor([3, 4])).toArray(); // [3, 8]
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const dtype = resultType2(a, b);
  const out = binaryForward("mul", a, b, mulKernels, dtype, dtype);
  if (needsGrad2(a, b)) {
    record(
      out,
      "MulBackward0",
      [a, b],
      [
        typeof a === "object" && a.requiresGrad ? b : null,
        typeof b === "object" && b.requiresGrad ? a : null,
      ],
      (g) => {
        const ga = typeof a === "object" && a.requiresGrad ? productGrad(a, g, b) : null;
        // x · x: both gradients are g · x; the same tensor twice, added by the engine as before.
        if (a === b) return [ga, ga];
        return [ga, typeof b === "object" && b.requiresGrad ? productGrad(b, g, a) : null];
      },
    );
  }
  return out;
}

/**
 * The gradient for `operand` of `operand · other`: `g · other` summed to the operand's shape,
 * without a tensor of the products when the operand is broadcast over a batch of rows.
 */
function productGrad(operand: Tensor, g: Tensor, other: TensorLike): Tensor | null {
  if (typeof other === "object") {
    const fused = batchSummedProduct(g, other, operand.shape);
    if (fused !== null) return fused;
  }
  return gradForOperand(operand, mul(g, other));
}

/** In-place `self *= other` (`Tensor.mul_`). Returns `self`. */
export function mul_(self: Tensor, other: TensorLike): Tensor {
  if (inPlaceNeedsGrad(self, other)) {
    return commitInPlace("mul_", self, mul(snapshot(self), unaliased(self, other)));
  }
  const dtype = resultType2(self, other);
  checkInPlaceDtype("mul_", dtype, self);
  binaryForward("mul_", self, other, mulKernels, dtype, dtype, self);
  incrementVersion(self);
  return self;
}
