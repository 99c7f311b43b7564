import type { Tensor } from "../tensor.js";
import { full } from "./full.js";
import type { CreationOptions } from "./options.js";
import { readSizeArgs, type SizeArgs } from "./sizeArgs.js";

/**
 * A tensor of `shape` filled with ones (`torch.ones`); dtype defaults to float32.
 *
 * The shape is an array or one size, then the options; or separate sizes, then the options,
 * as in PyTorch (see {@link SizeArgs}).
 *
 * @example
 * ```ts
 * ones([2]).toArray(); // [1, 1]
 * ones(2, 2).toArray(); // [[1, 1], [1, 1]]
 * ```
 */
export function ones(...args: SizeArgs<CreationOptions>): Tensor {
  const [shape, options] = readSizeArgs<CreationOptions>("ones", args);
  return full(shape, 1, { dtype: "float32", ...options });
}
