import type { Tensor } from "@kindling/tensor";
import { type GeneratorOption, generatorOption } from "./generatorOption.js";
import { normalInPlace, uniformInPlace } from "./random.js";

/**
 * Fills `t` in place with draws from U(a, b) (`torch.nn.init.uniform_`), consuming the generator
 * exactly as PyTorch does. Returns `t`.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * uniform_(zeros([2])).toArray(); // [0.8822692632675171, 0.9150039553642273]
 * ```
 */
export function uniform_(t: Tensor, a = 0, b = 1, options: GeneratorOption = {}): Tensor {
  return uniformInPlace(t, a, b, generatorOption("uniform_", options));
}

/**
 * Fills `t` in place with draws from N(mean, std²) (`torch.nn.init.normal_`), consuming the
 * generator exactly as PyTorch does. Returns `t`.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * normal_(zeros([3])).toArray(); // [0.3366903..., 0.1288094..., 0.2344623...]
 * ```
 */
export function normal_(t: Tensor, mean = 0, std = 1, options: GeneratorOption = {}): Tensor {
  return normalInPlace(t, mean, std, generatorOption("normal_", options));
}
