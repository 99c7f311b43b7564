import type { Tensor } from "@kindling/tensor";
import { calculateFanInAndFanOut } from "./fans.js";
import { type GeneratorOption, generatorOption } from "./generatorOption.js";
import { normalInPlace, uniformInPlace } from "./random.js";

/**
 * Glorot uniform (`torch.nn.init.xavier_uniform_`): U(-a, a) with
 * `a = gain * √(2 / (fan_in + fan_out)) * √3`. Returns `t`.
 *
 * @example
 * ```ts
 * xavierUniform_(zeros([4, 5]), calculateGain("tanh")); // values within ±1.2422
 * ```
 */
export function xavierUniform_(t: Tensor, gain = 1, options: GeneratorOption = {}): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniformInPlace(t, -a, a, generatorOption("xavierUniform_", options));
}

/**
 * Glorot normal (`torch.nn.init.xavier_normal_`): N(0, std²) with
 * `std = gain * √(2 / (fan_in + fan_out))`. Returns `t`.
 */
export function xavierNormal_(t: Tensor, gain = 1, options: GeneratorOption = {}): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return normalInPlace(t, 0, std, generatorOption("xavierNormal_", options));
}
