import { copyInto } from "../iteration/cast.js";
import { contiguousStrides, shapeSize } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";

/**
 * The gradient of a view op (slice, select, narrow): zeros of the input's `shape` with `grad`
 * written into the part `region` picks out of them.
 */
export function gradIntoZeros(
  grad: Tensor,
  shape: readonly number[],
  region: (zeros: Tensor) => Tensor,
): Tensor {
  const zeros = new Tensor(
    allocate(grad.dtype, shapeSize(shape)),
    shape,
    contiguousStrides(shape),
    0,
    grad.dtype,
  );
  copyInto(region(zeros), grad);
  return zeros;
}
