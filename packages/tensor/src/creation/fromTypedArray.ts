import { ShapeError } from "../errors.js";
import { shapeSize } from "../shape/dims.js";
import { dtypeOfStorage, type Storage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { makeTensor, type ShapeLike, toShape } from "./options.js";

/**
 * A tensor over `array` without copying (like `torch.from_numpy`): changes to either are seen by
 * both. The dtype follows the array type (Float32Array → float32, Float64Array → float64,
 * BigInt64Array → int64, Uint8Array → bool); the shape defaults to 1-d.
 *
 * @example
 * ```ts
 * fromTypedArray(new Float32Array([1, 2, 3, 4]), [2, 2]).shape; // [2, 2]
 * ```
 */
export function fromTypedArray(
  array: Storage,
  shape: ShapeLike = [array.length],
  options: { requiresGrad?: boolean } = {},
): Tensor {
  const dims = toShape(shape);
  if (shapeSize(dims) !== array.length) {
    throw new ShapeError(
      `fromTypedArray: shape [${dims.join(", ")}] does not hold ${array.length} elements`,
    );
  }
  return makeTensor(dims, dtypeOfStorage(array), options, array);
}
