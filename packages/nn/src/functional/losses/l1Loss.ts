import { rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { REDUCTION_OPTIONS, type ReductionOption, reduce } from "./reduction.js";
import { warnIfSizesDiffer } from "./sizeWarning.js";

/**
 * Absolute error `|input - target|`, reduced (`F.l1_loss`).
 *
 * @example
 * ```ts
 * l1Loss(tensor([1, -2]), tensor([0, 0])).item(); // 1.5
 * ```
 */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOption = {}): Tensor {
  rejectUnknownOptions("l1Loss", options, REDUCTION_OPTIONS);
  warnIfSizesDiffer(input, target);
  return reduce(input.sub(target).abs(), options.reduction ?? "mean");
}
