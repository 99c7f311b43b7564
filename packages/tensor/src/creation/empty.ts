import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor } from "./options.js";
import { readSizeArgs, type SizeArgs } from "./sizeArgs.js";

/**
 * A tensor of `shape` whose values are unspecified (`torch.empty`); in Kindling they are zeros,
 * since typed arrays are always initialized, but do not rely on it.
 *
 * The shape is an array or one size, then the options; or separate sizes, then the options,
 * as in PyTorch (see {@link SizeArgs}).
 *
 * @example
 * ```ts
 * empty([2, 2]).shape; // [2, 2]
 * empty(2, 3).shape; // [2, 3]
 * ```
 */
export function empty(...args: SizeArgs<CreationOptions>): Tensor {
  const [shape, options] = readSizeArgs<CreationOptions>("empty", args);
  return makeTensor(shape, options.dtype ?? "float32", options);
}
