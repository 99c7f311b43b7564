import type { Tensor } from "../tensor.js";
import { full } from "./full.js";
import type { CreationOptions, ShapeLike } from "./options.js";

/**
 * A tensor of `shape` filled with ones (`torch.ones`); dtype defaults to float32.
 *
 * @example
 * ```ts
 * ones([2]).toArray(); // [1, 1]
 * ```
 */
export function ones(shape: ShapeLike, options: CreationOptions = {}): Tensor {
  return full(shape, 1, { dtype: "float32", ...options });
}
