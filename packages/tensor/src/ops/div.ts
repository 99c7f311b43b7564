import { batchSummedDivisorGrad } from "../autograd/batchSummedGrad.js";
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
import { isFloatingPoint } from "../dtype.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { divKernels } from "../kernels/generated/tables.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";
import { reciprocal } from "./reciprocal.js";

/**
 * `a / b`, elementwise true division with broadcasting (`torch.div`): integer and bool operands
 * give float32, as in PyTorch. Division by zero gives ±Infinity or NaN as IEEE says. A scalar
 * dividend is computed as Python's `7 / t` is (`Tensor.__rtruediv__`): `reciprocal(b) * a`, which
 * can differ from a direct division in the last place.
 *
 * @example
 * ```ts
 * div(tensor([1n, 3n]), 2).toArray(); // [0.5, 1.5]
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  if (!(a instanceof Tensor) && b instanceof Tensor) return mul(reciprocal(b), a);
  const promoted = resultType2(a, b);
  const dtype = isFloatingPoint(promoted) ? promoted : "float32";
  const out = binaryForward("div", a, b, divKernels, dtype, dtype);
  if (needsGrad2(a, b)) {
    const outVersion = out.version;
    const saved = [b, b instanceof Tensor && b.requiresGrad ? a : null];
    record(out, "DivBackward0", [a, b], saved, (g) => {
      if (!(b instanceof Tensor && b.requiresGrad)) return [gradForOperand(a, div(g, b)), null];
      // PyTorch divides a by b again; out holds the same bits, unless it was changed in place.
      const quotient = out.version === outVersion ? out : div(a, b);
      return [
        typeof a === "object" && a.requiresGrad ? gradForOperand(a, div(g, b)) : null,
        batchSummedDivisorGrad(g, quotient, b) ?? gradForOperand(b, neg(mul(g, div(quotient, b)))),
      ];
    });
  }
  return out;
}

/** In-place `self /= other` (`Tensor.div_`); `self` must be floating point. Returns `self`. */
export function div_(self: Tensor, other: TensorLike): Tensor {
  if (inPlaceNeedsGrad(self, other)) {
    return commitInPlace("div_", self, div(snapshot(self), unaliased(self, other)));
  }
  const promoted = resultType2(self, other);
  const dtype = isFloatingPoint(promoted) ? promoted : "float32";
  checkInPlaceDtype("div_", dtype, self);
  binaryForward("div_", self, other, divKernels, dtype, dtype, self);
  incrementVersion(self);
  return self;
}
