import { uncounted } from "../autograd/version.js";
import { random_ } from "../ops/random.js";
import type { Tensor } from "../tensor.js";
import { checkCreationOptions, makeTensor, type ShapeLike, toShape } from "./options.js";
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
  options?: RandomOptions,
): Tensor;
/**
 * `randint(high, shape)`: integers uniform in `[0, high)` (`torch.randint(high, size)`).
 *
 * @example
 * ```ts
 * randint(10, [3]).shape; // [3]
 * ```
 */
export function randint(high: number | bigint, shape: ShapeLike, options?: RandomOptions): Tensor;
export function randint(
  first: number | bigint,
  second: number | bigint | ShapeLike,
  third?: ShapeLike | RandomOptions,
  fourth: RandomOptions = {},
): Tensor {
  // torch.randint(high, size): the second argument is the shape (an array), not `high`.
  const short = typeof second === "object";
  const low = short ? 0 : first;
  const high = short ? first : (second as number | bigint);
  const shape = (short ? second : third) as ShapeLike;
  const options = ((short ? third : fourth) ?? {}) as RandomOptions;
  checkCreationOptions(options, true);
  // makeTensor, not empty: the options were checked above, once.
  const out = makeTensor(toShape(shape), options.dtype ?? "int64", {});
  return uncounted(() => random_(out, low, high, { generator: generatorOf(options) }));
}
