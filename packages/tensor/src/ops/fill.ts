import { isGradEnabled } from "../autograd/gradMode.js";
import { AutogradError } from "../errors.js";
import { copyInto } from "../iteration/cast.js";
import { asTensor } from "../iteration/operands.js";
import { broadcastStrides } from "../shape/broadcast.js";
import type { Tensor } from "../tensor.js";

/**
 * Sets every element of `self` to `value`, in place (`Tensor.fill_`). Returns `self`.
 *
 * @example
 * ```ts
 * zeros([2]).fill_(7).toArray(); // [7, 7]
 * ```
 */
export function fill_(self: Tensor, value: number | bigint | boolean): Tensor {
  if (isGradEnabled() && self.requiresGrad) {
    if (self.isLeaf) {
      throw new AutogradError(
        "a leaf Variable that requires grad is being used in an in-place operation.",
      );
    }
    self.gradFn = null;
  }
  if (
    typeof value === "number" &&
    self.contiguousLayout &&
    (self.dtype === "float32" || self.dtype === "float64")
  ) {
    const storage = self.storage as Float32Array | Float64Array;
    storage.fill(value, self.storageOffset, self.storageOffset + self.numel());
    return self;
  }
  const scalar = asTensor(value, self.dtype);
  copyInto(self, scalar, broadcastStrides(scalar.shape, scalar.strides, self.shape));
  return self;
}

/**
 * Sets every element of `self` to zero, in place (`Tensor.zero_`). Returns `self`; optimizers
 * use it to clear gradients.
 */
export function zero_(self: Tensor): Tensor {
  return fill_(self, 0);
}
