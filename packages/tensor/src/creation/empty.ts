import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor, type ShapeLike, toShape } from "./options.js";

/**
 * A tensor of `shape` whose values are unspecified (`torch.empty`); in Kindling they are zeros,
 * since typed arrays are always initialized, but do not rely on it.
 *
 * @example
 * ```ts
 * empty([2, 2]).shape; // [2, 2]
 * ```
 */
export function empty(shape: ShapeLike, options: CreationOptions = {}): Tensor {
  return makeTensor(toShape(shape), options.dtype ?? "float32", options);
}
