import { log1p, optionKeys, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { type ReductionOption, reduce } from "./reduction.js";

/** Options of {@link binaryCrossEntropy}. */
export interface BCEOptions extends ReductionOption {
  /** A weight per element, broadcast to the input. */
  weight?: Tensor | null;
}

/**
 * Binary cross entropy of probabilities (`F.binary_cross_entropy`):
 * `-(t log x + (1 - t) log(1 - x))`, each log clamped at -100 as PyTorch does, times `weight`.
 *
 * @throws RangeError when an input is outside [0, 1].
 * @example
 * ```ts
 * binaryCrossEntropy(tensor([0.5]), tensor([1])).item(); // 0.6931471824645996
 * ```
 */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: BCEOptions = {},
): Tensor {
  rejectUnknownOptions("binaryCrossEntropy", options, BCE_OPTIONS);
  for (const v of input.detach().toTypedArray()) {
    const x = Number(v);
    if (!(x >= 0 && x <= 1))
      throw new RangeError("all elements of input should be between 0 and 1");
  }
  const logX = input.log().clamp(-100, null);
  const log1mX = log1p(input.neg()).clamp(-100, null);
  let losses = target.sub(1).mul(log1mX).sub(target.mul(logX));
  if (options.weight) losses = losses.mul(options.weight);
  return reduce(losses, options.reduction ?? "mean");
}

/** The keys BCEOptions takes, for the unknown-option check of the function and its module. */
export const BCE_OPTIONS = optionKeys<BCEOptions>()("weight", "reduction");
