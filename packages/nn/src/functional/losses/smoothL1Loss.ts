import { optionKeys, rejectUnknownOptions, type Tensor, where } from "@kindling/tensor";
import { withNode } from "../node.js";
import { broadcastPair, lossGrads, scaledGrad } from "./lossGrads.js";
import { checkReduction, type ReductionOption, reduce } from "./reduction.js";
import { warnIfSizesDiffer } from "./sizeWarning.js";

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1Options extends ReductionOption {
  /** Where the loss turns from quadratic to linear; >= 0, default 1. 0 gives the L1 loss. */
  beta?: number;
}

/**
 * `0.5 d² / β` where `|d| < β`, else `|d| - 0.5 β`, with `d = input - target`, reduced
 * (`F.smooth_l1_loss`). One node, `SmoothL1LossBackward0`, with PyTorch's gradient.
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
  const reduction = checkReduction(options.reduction ?? "mean");
  const [a, b] = broadcastPair(input, target);
  return withNode(
    "SmoothL1LossBackward0",
    [a, b],
    [a, b],
    () => {
      const z = a.sub(b).abs();
      const losses =
        beta === 0 ? z : where(z.lt(beta), z.mul(z).mul(0.5).div(beta), z.sub(0.5 * beta));
      return reduce(losses, reduction);
    },
    (g) => {
      // PyTorch's smooth_l1_loss_backward: ∓norm·g beyond ±beta, norm·x·g/beta between.
      const x = a.sub(b);
      const scaled = scaledGrad(g, x, reduction);
      const inside = beta === 0 ? scaled : x.mul(scaled).div(beta);
      const grad = where(x.le(-beta), scaled.neg(), where(x.ge(beta), scaled, inside));
      return lossGrads(grad, a, b);
    },
  );
}

/** The keys SmoothL1Options takes, for the unknown-option check of the function and its module. */
export const SMOOTH_L1_OPTIONS = optionKeys<SmoothL1Options>()("beta", "reduction");
