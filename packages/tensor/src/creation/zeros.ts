import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor, type ShapeLike, toShape } from "./options.js";

/**
 * A tensor of `shape` filled with zeros (`torch.zeros`); dtype defaults to float32.
 *
 * @example
 * ```ts
 * zeros([2, 3]).toArray(); // [[0, 0, 0], [0, 0, 0]]
 * ```
 */
export function zeros(shape: ShapeLike, options: CreationOptions = {}): Tensor {
  return makeTensor(toShape(shape), options.dtype ?? "float32", options);
}
