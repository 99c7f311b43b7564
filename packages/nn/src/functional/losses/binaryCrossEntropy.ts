import { log1p, optionKeys, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { withNode } from "../node.js";
import { checkReduction, type Reduction, type ReductionOption, reduce } from "./reduction.js";

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
  const weight = options.weight ?? null;
  const reduction = checkReduction(options.reduction ?? "mean");
  return withNode(
    "BinaryCrossEntropyBackward0",
    [input, target],
    [input, target, weight],
    () => reduce(bceLosses(input, target, weight), reduction),
    (g: Tensor) => [
      input.requiresGrad ? bceGrad(g, input, target, weight, reduction) : null,
      target.requiresGrad ? bceTargetGrad(g, input, weight, reduction) : null,
    ],
  );
}

/** `-(t log x + (1 - t) log(1 - x))` per element, each log clamped at -100, times `weight`. */
function bceLosses(input: Tensor, target: Tensor, weight: Tensor | null): Tensor {
  const logX = input.log().clamp(-100, null);
  const log1mX = log1p(input.neg()).clamp(-100, null);
  const losses = target.sub(1).mul(log1mX).sub(target.mul(logX));
  return weight === null ? losses : losses.mul(weight);
}

/** `g` spread over the elements `reduction` combined, divided by their count for a mean. */
function scaled(grad: Tensor, input: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
  const weighted = weight === null ? grad : grad.mul(weight);
  return reduction === "mean" ? weighted.div(input.numel()) : weighted;
}

/**
 * PyTorch's `binary_cross_entropy_backward`: `g (x - t) / max(x (1 - x), 1e-12)`, times `weight`
 * (and over the count for a mean), finite at x = 0 or 1 where the clamped logs' chain rule is not.
 */
function bceGrad(
  g: Tensor,
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
): Tensor {
  const denominator = input.neg().add(1).mul(input).clamp(BCE_EPSILON, null);
  const grad = g.mul(input.sub(target)).div(denominator);
  return scaled(grad, input, weight, reduction);
}

/** PyTorch's `binary_cross_entropy_target_backward`: `g (log(1 - x) - log x)`, weighted. */
function bceTargetGrad(
  g: Tensor,
  input: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
): Tensor {
  return scaled(log1p(input.neg()).sub(input.log()).mul(g), input, weight, reduction);
}

/** The floor of `x (1 - x)` in BCE's gradient (PyTorch's `EPSILON`). */
const BCE_EPSILON = 1e-12;

/** The keys BCEOptions takes, for the unknown-option check of the function and its module. */
export const BCE_OPTIONS = optionKeys<BCEOptions>()("weight", "reduction");
