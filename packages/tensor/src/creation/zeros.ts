import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor } from "./options.js";
import { readSizeArgs, type SizeArgs } from "./sizeArgs.js";

/**
 * A tensor of `shape` filled with zeros (`torch.zeros`); dtype defaults to float32.
 *
 * The shape is an array or one size, then the options; or separate sizes, then the options,
 * as in PyTorch (see {@link SizeArgs}).
 *
 * @example
 * ```ts
 * zeros([2, 3]).toArray(); // [[0, 0, 0], [0, 0, 0]]
 * zeros(2, 3, { dtype: "float64" }).shape; // [2, 3]
 * ```
 */
export function zeros(...args: SizeArgs<CreationOptions>): Tensor {
  const [shape, options] = readSizeArgs<CreationOptions>("zeros", args);
  return makeTensor(shape, options.dtype ?? "float32", options);
}
