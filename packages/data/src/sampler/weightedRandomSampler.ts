import {
  defaultGenerator,
  fillUniform,
  type Generator,
  optionKeys,
  rejectUnknownOptions,
} from "@kindling/tensor";
import { DataError, dataError } from "../dataErrors.js";
import type { Sampler } from "./sampler.js";

/** Options of {@link WeightedRandomSampler}. */
export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (`replacement`). Default true. */
  replacement?: boolean;
  /** Generator to draw from (`generator`). Default: the default generator. */
  generator?: Generator | null;
}

/** The keys WeightedRandomSampler's options take. */
const OPTIONS = optionKeys<WeightedRandomSamplerOptions>()("replacement", "generator");

/**
 * Indices 0..weights.length-1 drawn with probability proportional to their weight (PyTorch's
 * `WeightedRandomSampler`). With replacement each index costs one float64 uniform draw, searched in
 * the cumulative distribution as PyTorch's CPU `multinomial` does. Without replacement, indices are
 * drawn one at a time and removed; that path is not PyTorch's (which uses exponential keys) and
 * gives a different sequence for the same seed.
 *
 * @example
 * ```ts
 * [...new WeightedRandomSampler([0.1, 0.9], 5)]; // mostly 1s
 * ```
 */
export class WeightedRandomSampler implements Sampler {
  /** The weights, non-negative, not all zero. */
  readonly weights: Float64Array;
  /** Number of indices per pass. */
  readonly numSamples: number;
  /** Draw with replacement. */
  readonly replacement: boolean;
  /** The generator drawn from, or null for the default generator. */
  readonly generator: Generator | null;

  /**
   * @param weights One weight per index (need not sum to 1).
   * @param numSamples Number of indices per pass.
   * @param options See {@link WeightedRandomSamplerOptions}.
   */
  constructor(
    weights: ArrayLike<number>,
    numSamples: number,
    options: WeightedRandomSamplerOptions = {},
  ) {
    if (new.target === WeightedRandomSampler)
      rejectUnknownOptions("WeightedRandomSampler", options, OPTIONS, dataError);
    if (!Number.isInteger(numSamples) || numSamples <= 0) {
      throw new DataError(
        `num_samples should be a positive integer value, but got num_samples=${numSamples}`,
      );
    }
    this.weights = Float64Array.from(weights);
    if (this.weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
      throw new DataError("weights must be finite and non-negative");
    }
    if (!this.weights.some((w) => w > 0)) throw new DataError("weights must not all be zero");
    this.replacement = options.replacement ?? true;
    this.generator = options.generator ?? null;
    const positive = this.weights.filter((w) => w > 0).length;
    if (!this.replacement && numSamples > positive) {
      throw new DataError(
        `cannot sample ${numSamples} indices without replacement from ${positive} positive weights`,
      );
    }
    this.numSamples = numSamples;
  }

  /** Number of indices per pass. */
  get length(): number {
    return this.numSamples;
  }

  /** One pass of weighted draws. */
  *[Symbol.iterator](): Iterator<number> {
    const gen = this.generator ?? defaultGenerator;
    const weights = Float64Array.from(this.weights);
    const u = new Float64Array(1);
    for (let s = 0; s < this.numSamples; s++) {
      const cumulative = new Float64Array(weights.length);
      let total = 0;
      for (let i = 0; i < weights.length; i++) cumulative[i] = total += weights[i]!;
      fillUniform(gen, u);
      const target = u[0]! * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      yield lo;
      if (!this.replacement) weights[lo] = 0;
    }
  }
}
