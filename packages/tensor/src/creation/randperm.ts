import { randpermInto } from "../random/randperm.js";
import type { Tensor } from "../tensor.js";
import { checkCreationOptions, makeTensor, toShape } from "./options.js";
import { generatorOf, type RandomOptions } from "./randomOptions.js";

/**
 * A random permutation of `0..n-1` (`torch.randperm`), bit for bit as PyTorch 1.13 on CPU.
 * Dtype int64 by default (float32 and float64 also work).
 *
 * @example
 * ```ts
 * manualSeed(42);
 * randperm(5).toArray(); // [2, 4, 3, 0, 1]
 * ```
 */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  checkCreationOptions(options, true);
  // makeTensor, not empty: the options were checked above, once.
  const out = makeTensor(toShape([n]), options.dtype ?? "int64", {});
  randpermInto(generatorOf(options), out.storage as BigInt64Array);
  return out;
}
