import { optionKeys, rejectUnknownOptions, type Tensor, where } from "@kindling/tensor";
import { withNode } from "../node.js";
import { broadcastPair, lossGrads, scaledGrad } from "./lossGrads.js";
import { checkReduction, type ReductionOption, reduce } from "./reduction.js";
import { warnIfSizesDiffer } from "./sizeWarning.js";

/** Options of {@link huberLoss}. */
export interface HuberOptions extends ReductionOption {
  /** Where the loss turns from quadratic to linear; > 0, default 1. */
  delta?: number;
}

/**
 * `0.5 d²` where `|d| < δ`, else `δ (|d| - 0.5 δ)`, with `d = input - target`, reduced
 * (`F.huber_loss`). One node, `HuberLossBackward0`, with PyTorch's gradient.
 *
 * @throws RangeError for delta <= 0.
 * @example
 * ```ts
 * huberLoss(tensor([0.5, 3]), tensor([0, 0]), { delta: 2 }).item(); // (0.125 + 4) / 2
 * ```
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberOptions = {}): Tensor {
  rejectUnknownOptions("huberLoss", options, HUBER_OPTIONS);
  warnIfSizesDiffer(input, target);
  const delta = options.delta ?? 1;
  if (!(delta > 0))
    throw new RangeError(`huber_loss does not support non-positive values for delta, got ${delta}`);
  const reduction = checkReduction(options.reduction ?? "mean");
  const [a, b] = broadcastPair(input, target);
  return withNode(
    "HuberLossBackward0",
    [a, b],
    [a, b],
    () => {
      const z = a.sub(b).abs();
      const losses = where(z.lt(delta), z.mul(z).mul(0.5), z.sub(0.5 * delta).mul(delta));
      return reduce(losses, reduction);
    },
    (g) => {
      // PyTorch's huber_loss_backward: ∓norm·g·delta beyond ±delta, norm·x·g between.
      const x = a.sub(b);
      const scaled = scaledGrad(g, x, reduction);
      const outside = scaled.mul(delta);
      const grad = where(x.le(-delta), outside.neg(), where(x.ge(delta), outside, x.mul(scaled)));
      return lossGrads(grad, a, b);
    },
  );
}

/** The keys HuberOptions takes, for the unknown-option check of the function and its module. */
export const HUBER_OPTIONS = optionKeys<HuberOptions>()("delta", "reduction");
