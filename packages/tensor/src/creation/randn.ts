import { uncounted } from "../autograd/version.js";
import { normal_ } from "../ops/normal.js";
import type { Tensor } from "../tensor.js";
import { checkCreationOptions, makeTensor } from "./options.js";
import { generatorOf, type RandomOptions } from "./randomOptions.js";
import { readSizeArgs, type SizeArgs } from "./sizeArgs.js";

/**
 * A tensor of `shape` with standard normal samples (`torch.randn`), bit for bit as PyTorch 1.13
 * on CPU for the same seed and call order. Dtype float32 (default) or float64.
 *
 * The shape is an array or one size, then the options; or separate sizes, then the options,
 * as in PyTorch (see {@link SizeArgs}).
 *
 * @example
 * ```ts
 * manualSeed(42);
 * randn([3]).toArray(); // [0.33669036626815796, 0.12880940735340118, 0.23446236550807953]
 * randn(4, 5).shape; // [4, 5]
 * ```
 */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const [shape, options] = readSizeArgs<RandomOptions>("randn", args);
  checkCreationOptions(options, true);
  // makeTensor, not empty: the options were checked above, once.
  const out = makeTensor(shape, options.dtype ?? "float32", {});
  uncounted(() => normal_(out, 0, 1, { generator: generatorOf(options) }));
  if (options.requiresGrad === true) out.requiresGrad = true;
  return out;
}
