import { mseLoss as fusedMseLoss, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { withNode } from "../node.js";
import { broadcastPair, lossGrads } from "./lossGrads.js";
import { checkReduction, REDUCTION_OPTIONS, type ReductionOption } from "./reduction.js";
import { warnIfSizesDiffer } from "./sizeWarning.js";

/**
 * Squared error `(input - target)²`, reduced (`F.mse_loss`): one node, `MseLossBackward0`, for
 * every reduction; `"mean"` and `"sum"` are `mseLoss` of `@kindling/tensor` (fused loops).
 *
 * @example
 * ```ts
 * mseLoss(tensor([1, 2]), tensor([0, 0])).item(); // 2.5
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOption = {}): Tensor {
  rejectUnknownOptions("mseLoss", options, REDUCTION_OPTIONS);
  warnIfSizesDiffer(input, target);
  const reduction = checkReduction(options.reduction ?? "mean");
  if (reduction !== "none") return fusedMseLoss(input, target, reduction);
  const [a, b] = broadcastPair(input, target);
  return withNode(
    "MseLossBackward0",
    [a, b],
    [a, b],
    () => {
      const d = a.sub(b);
      return d.mul(d);
    },
    (g) => {
      // 2 g (a - b), rounded as the product's chain rule rounds it.
      const half = g.mul(a.sub(b));
      return lossGrads(half.add(half), a, b);
    },
  );
}
