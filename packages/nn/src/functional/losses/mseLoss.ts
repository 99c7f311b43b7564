import type { Tensor } from "@kindling/tensor";
import { type ReductionOption, reduce } from "./reduction.js";

/**
 * Squared error `(input - target)²`, reduced (`F.mse_loss`).
 *
 * @example
 * ```ts
 * mseLoss(tensor([1, 2]), tensor([0, 0])).item(); // 2.5
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOption = {}): Tensor {
  const d = input.sub(target);
  return reduce(d.mul(d), options.reduction ?? "mean");
}
