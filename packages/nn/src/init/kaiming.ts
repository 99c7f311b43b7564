import { optionKeys, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { calculateGain, type Nonlinearity } from "./calculateGain.js";
import { calculateCorrectFan, type FanMode } from "./fans.js";
import type { GeneratorOption } from "./generatorOption.js";
import { normalInPlace, uniformInPlace } from "./random.js";
import { warn } from "./warn.js";

/** Options of {@link kaimingUniform_} and {@link kaimingNormal_}, with PyTorch's defaults. */
export interface KaimingOptions extends GeneratorOption {
  /** Negative slope of the following leaky_relu. Default 0. */
  a?: number;
  /** Which fan to preserve. Default "fan_in". */
  mode?: FanMode;
  /** The following nonlinearity. Default "leaky_relu". */
  nonlinearity?: Nonlinearity;
}

const KAIMING_OPTIONS = optionKeys<KaimingOptions>()("a", "mode", "nonlinearity", "generator");

function kaimingStd(fn: string, t: Tensor, options: KaimingOptions): number | null {
  rejectUnknownOptions(fn, options, KAIMING_OPTIONS);
  if (t.numel() === 0) {
    warn("Initializing zero-element tensors is a no-op");
    return null;
  }
  const fan = calculateCorrectFan(t, options.mode ?? "fan_in");
  const gain = calculateGain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  return gain / Math.sqrt(fan);
}

/**
 * He uniform (`torch.nn.init.kaiming_uniform_`): U(-bound, bound) with
 * `bound = √3 * gain / √fan`, computed in PyTorch's order of float64 operations so the bound and
 * so the values are bit-identical. Returns `t`.
 *
 * @example
 * ```ts
 * // Linear's default weight init:
 * kaimingUniform_(weight, { a: Math.sqrt(5) }); // U(-1/√fan_in, 1/√fan_in)
 * ```
 */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd("kaimingUniform_", t, options);
  if (std === null) return t;
  const bound = Math.sqrt(3.0) * std;
  return uniformInPlace(t, -bound, bound, options.generator);
}

/**
 * He normal (`torch.nn.init.kaiming_normal_`): N(0, std²) with `std = gain / √fan`. Returns `t`.
 */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd("kaimingNormal_", t, options);
  if (std === null) return t;
  return normalInPlace(t, 0, std, options.generator);
}
