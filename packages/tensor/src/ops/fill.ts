import { commitInPlace, inPlaceNeedsGrad, overwrittenCopy } from "../autograd/inPlace.js";
import { incrementVersion } from "../autograd/version.js";
import { scalarToInt64 } from "../creation/tensor.js";
import type { DType } from "../dtype.js";
import { copyInto } from "../iteration/cast.js";
import { asTensor } from "../iteration/operands.js";
import { broadcastStrides } from "../shape/broadcast.js";
import type { Tensor } from "../tensor.js";

/**
 * Sets every element of `self` to `value`, in place (`Tensor.fill_`). Returns `self`. Into a bool
 * tensor any nonzero value, NaN included, is `true`; into int64, a number is truncated, and NaN,
 * infinities or values beyond int64's range throw, as in PyTorch.
 *
 * @example
 * ```ts
 * zeros([2]).fill_(7).toArray(); // [7, 7]
 * ```
 */
export function fill_(self: Tensor, value: number | bigint | boolean): Tensor {
  if (inPlaceNeedsGrad(self, undefined, "allow")) {
    const filled = overwrittenCopy(self, "FillBackward2", (copy) => fill_(copy, value));
    return commitInPlace("fill_", self, filled);
  }
  if (
    typeof value === "number" &&
    self.contiguousLayout &&
    (self.dtype === "float32" || self.dtype === "float64")
  ) {
    const storage = self.storage as Float32Array | Float64Array;
    storage.fill(value, self.storageOffset, self.storageOffset + self.numel());
  } else {
    const scalar = asTensor(elementValue(value, self.dtype), self.dtype);
    copyInto(self, scalar, broadcastStrides(scalar.shape, scalar.strides, self.shape));
  }
  incrementVersion(self);
  return self;
}

/**
 * Sets every element of `self` to zero, in place (`Tensor.zero_`). Returns `self`; optimizers
 * use it to clear gradients.
 */
export function zero_(self: Tensor): Tensor {
  return fill_(self, 0);
}

/**
 * A scalar converted as PyTorch converts it to an element of `dtype`, where a plain cast would
 * differ: a number is `true` for bool when nonzero (NaN too) and must fit int64 for int64.
 */
export function elementValue(
  value: number | bigint | boolean,
  dtype: DType,
): number | bigint | boolean {
  if (typeof value !== "number") return value;
  if (dtype === "bool") return value !== 0;
  return dtype === "int64" ? scalarToInt64(value) : value;
}
