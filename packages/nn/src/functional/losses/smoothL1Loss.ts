import { optionKeys, rejectUnknownOptions, type Tensor, where } from "@kindling/tensor";
import { type ReductionOption, reduce } from "./reduction.js";
import { warnIfSizesDiffer } from "./sizeWarning.js";

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1Options extends ReductionOption {
  /** Where the loss turns from quadratic to linear; >= 0, default 1. 0 gives the L1 loss. */
  beta?: number;
}

/**
 * `0.5 d² / β` where `|d| < β`, else `|d| - 0.5 β`, with `d = input - target`, reduced
 * (`F.smooth_l1_loss`).
 *
 * @throws RangeError for a negative beta.
 * @example
 * ```ts
 * smoothL1Loss(tensor([0.5, 3]), tensor([0, 0])).item(); // (0.125 + 2.5) / 2 = 1.3125
 * ```
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: SmoothL1Options = {}): Tensor {
  rejectUnknownOptions("smoothL1Loss", options, SMOOTH_L1_OPTIONS);
  warnIfSizesDiffer(input, target);
  const beta = options.beta ?? 1;
  if (!(beta >= 0))
    throw new RangeError(`smooth_l1_loss does not support negative values for beta, got ${beta}`);
  const z = input.sub(target).abs();
  const losses = beta === 0 ? z : where(z.lt(beta), z.mul(z).mul(0.5).div(beta), z.sub(0.5 * beta));
  return reduce(losses, options.reduction ?? "mean");
}

/** The keys SmoothL1Options takes, for the unknown-option check of the function and its module. */
export const SMOOTH_L1_OPTIONS = optionKeys<SmoothL1Options>()("beta", "reduction");
