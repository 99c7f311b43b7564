import { optionKeys, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { type ReductionOption, reduce } from "./reduction.js";

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BCEWithLogitsOptions extends ReductionOption {
  /** A weight per element, broadcast to the input. */
  weight?: Tensor | null;
  /** A weight of the positive term per class (last dim), broadcast to the input. */
  posWeight?: Tensor | null;
}

/**
 * Binary cross entropy of logits (`F.binary_cross_entropy_with_logits`), in PyTorch's stable form:
 * with `m = max(-x, 0)`, `(1 - t) x + l (log(e^(-m) + e^(-x - m)) + m)` where
 * `l = 1 + (posWeight - 1) t` (1 without posWeight); never overflows.
 *
 * @example
 * ```ts
 * binaryCrossEntropyWithLogits(tensor([0]), tensor([1])).item(); // 0.6931471824645996
 * ```
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BCEWithLogitsOptions = {},
): Tensor {
  rejectUnknownOptions("binaryCrossEntropyWithLogits", options, BCE_WITH_LOGITS_OPTIONS);
  const maxVal = input.neg().clamp(0, null);
  const logTerm = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log();
  const base = target.neg().add(1).mul(input);
  let losses: Tensor;
  if (options.posWeight) {
    const logWeight = options.posWeight.sub(1).mul(target).add(1);
    losses = base.add(logWeight.mul(logTerm.add(maxVal)));
  } else {
    losses = base.add(maxVal).add(logTerm);
  }
  if (options.weight) losses = losses.mul(options.weight);
  return reduce(losses, options.reduction ?? "mean");
}

/** The keys BCEWithLogitsOptions takes, for the unknown-option check of the function and its module. */
export const BCE_WITH_LOGITS_OPTIONS = optionKeys<BCEWithLogitsOptions>()(
  "weight",
  "posWeight",
  "reduction",
);
