import { mseLoss as fusedMseLoss, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { checkReduction, REDUCTION_OPTIONS, type ReductionOption } from "./reduction.js";
import { warnIfSizesDiffer } from "./sizeWarning.js";

/**
 * Squared error `(input - target)²`, reduced (`F.mse_loss`). The `"mean"` and `"sum"` reductions
 * run as one fused op (`MseLossBackward0`), see `mseLoss` in `@kindling/tensor`.
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
  const d = input.sub(target);
  return d.mul(d);
}
