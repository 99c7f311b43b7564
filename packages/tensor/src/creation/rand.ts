import { uncounted } from "../autograd/version.js";
import { uniform_ } from "../ops/uniform.js";
import type { Tensor } from "../tensor.js";
import { checkCreationOptions, makeTensor } from "./options.js";
import { generatorOf, type RandomOptions } from "./randomOptions.js";
import { readSizeArgs, type SizeArgs } from "./sizeArgs.js";

/**
 * A tensor of `shape` with values uniform in `[0, 1)` (`torch.rand`), bit for bit as PyTorch
 * 1.13 on CPU for the same seed and call order. Dtype float32 (default) or float64.
 *
 * The shape is an array or one size, then the options; or separate sizes, then the options,
 * as in PyTorch (see {@link SizeArgs}).
 *
 * @example
 * ```ts
 * manualSeed(42);
 * rand([2]).toArray(); // [0.8822692632675171, 0.9150039553642273]
 * rand(2, 3, { dtype: "float64" }).dtype; // "float64"
 * ```
 */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const [shape, options] = readSizeArgs<RandomOptions>("rand", args);
  checkCreationOptions(options, true);
  // makeTensor, not empty: the options were checked above, once.
  const out = makeTensor(shape, options.dtype ?? "float32", {});
  uncounted(() => uniform_(out, 0, 1, { generator: generatorOf(options) }));
  if (options.requiresGrad === true) out.requiresGrad = true;
  return out;
}
