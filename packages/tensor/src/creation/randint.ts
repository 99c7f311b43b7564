import { random_ } from "../ops/random.js";
import type { Tensor } from "../tensor.js";
import { empty } from "./empty.js";
import type { ShapeLike } from "./options.js";
import { checkCreationOptions } from "./options.js";
import { generatorOf, type RandomOptions } from "./randomOptions.js";

/**
 * A tensor of `shape` with integers uniform in `[low, high)` (`torch.randint(low, high, size)`),
 * bit for bit as PyTorch 1.13 on CPU. Dtype int64 by default.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * randint(0, 10, [3]).toArray(); // [2, 7, 6]
 * ```
 */
export function randint(
  low: number | bigint,
  high: number | bigint,
  shape: ShapeLike,
  options: RandomOptions = {},
): Tensor {
  checkCreationOptions(options, true);
  const out = empty(shape, { dtype: options.dtype ?? "int64" });
  return random_(out, low, high, { generator: generatorOf(options) });
}
