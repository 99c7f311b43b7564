import { overwriteInPlace } from "../autograd/inPlace.js";
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
  return overwriteInPlace("fill_", self, "FillBackward2", (t) => writeValue(t, value), "allow");
}

/** Writes `value` into every element of `t` (storage only; the version is the caller's). */
function writeValue(t: Tensor, value: number | bigint | boolean): void {
  if (
    typeof value === "number" &&
    t.contiguousLayout &&
    (t.dtype === "float32" || t.dtype === "float64")
  ) {
    const storage = t.storage as Float32Array | Float64Array;
    storage.fill(value, t.storageOffset, t.storageOffset + t.numel());
    return;
  }
  const scalar = asTensor(elementValue(value, t.dtype), t.dtype);
  copyInto(t, scalar, broadcastStrides(scalar.shape, scalar.strides, t.shape));
}

/**
 * Sets every element of `self` to zero, in place (`Tensor.zero_`; node `ZeroBackward0`). Returns
 * `self`; optimizers use it to clear gradients.
 */
export function zero_(self: Tensor): Tensor {
  return overwriteInPlace("zero_", self, "ZeroBackward0", (t) => writeValue(t, 0), "allow");
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
