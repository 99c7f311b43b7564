import { inPlaceGenerator } from "../creation/randomOptions.js";
import { zerosLike } from "../creation/zerosLike.js";
import { DTypeError } from "../errors.js";
import { castTo } from "../iteration/cast.js";
import { fillBernoulli, fillBernoulliTensor } from "../random/bernoulli.js";
import type { Generator } from "../random/generator.js";
import type { Tensor } from "../tensor.js";

/**
 * Samples 0 or 1 for each element, 1 with the probability given by `probs` (`torch.bernoulli`),
 * bit for bit as PyTorch 1.13 on CPU; with a number `p`, fills a tensor shaped like `probs` with
 * probability `p` (`torch.bernoulli(input, p)`). The result has `probs`'s dtype.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * bernoulli(zeros([4]), 0.5).toArray(); // [0, 0, 1, 0]
 * bernoulli(full([3], 0.5), { generator: new Generator().manualSeed(1) }).shape; // [3]
 * ```
 */
export function bernoulli(probs: Tensor, options?: { generator?: Generator }): Tensor;
/** With a number `p`: every element 1 with probability `p`, shaped like `probs`. */
export function bernoulli(probs: Tensor, p?: number, options?: { generator?: Generator }): Tensor;
export function bernoulli(
  probs: Tensor,
  pOrOptions?: number | { generator?: Generator },
  maybeOptions: { generator?: Generator } = {},
): Tensor {
  // bernoulli(probs, { generator }), as torch.bernoulli(probs, generator=g).
  const p = typeof pOrOptions === "object" ? undefined : pOrOptions;
  const options = typeof pOrOptions === "object" ? pOrOptions : maybeOptions;
  if (p !== undefined && typeof p !== "number") {
    throw new TypeError(`bernoulli: p must be a number, got ${typeof p}`);
  }
  const gen = inPlaceGenerator("bernoulli", options);
  const out = zerosLike(probs);
  if (p !== undefined) {
    fillBernoulli(gen, out.storage, p);
    return out;
  }
  if (probs.dtype !== "float32" && probs.dtype !== "float64") {
    throw new DTypeError(`bernoulli: expected floating-point probabilities, got ${probs.dtype}`);
  }
  const contiguousProbs = castTo(probs, probs.dtype).storage as Float32Array | Float64Array;
  fillBernoulliTensor(gen, out.storage, contiguousProbs);
  return out;
}
