import { optionKeys, type Tensor } from "@kindling/tensor";

/** How a loss combines per-element values: `"mean"` (default), `"sum"`, or `"none"` (kept). */
export type Reduction = "mean" | "sum" | "none";

/**
 * Refuses anything but `"mean" | "sum" | "none"`, naming the valid values.
 *
 * @throws RangeError `"avg is not a valid value for reduction (expected "none", "mean" or "sum")"`.
 */
export function checkReduction(reduction: string): Reduction {
  if (reduction === "mean" || reduction === "sum" || reduction === "none") return reduction;
  throw new RangeError(
    `${reduction} is not a valid value for reduction (expected "none", "mean" or "sum")`,
  );
}

/** Applies a reduction to per-element losses. */
export function reduce(losses: Tensor, reduction: Reduction): Tensor {
  switch (checkReduction(reduction)) {
    case "mean":
      return losses.mean();
    case "sum":
      return losses.sum();
    default:
      return losses;
  }
}

/**
 * `sum / total` for the `"mean"` of a class loss, `total` being the summed weight of the rows not
 * ignored. When every row is ignored the loss is NaN as `0 / 0`, but, as PyTorch's kernels skip
 * ignored rows, the gradient is zero instead of the `0 · ∞` the division's chain rule would give.
 */
export function weightedMean(sum: Tensor, total: Tensor, valid: Tensor): Tensor {
  if (total.item() === 0 && valid.sum().item() === 0) return sum.mul(0).add(Number.NaN);
  return sum.div(total);
}

/** The `reduction` option every loss takes. */
export interface ReductionOption {
  /** `"mean"` (default), `"sum"` or `"none"`. */
  reduction?: Reduction;
}

/** The keys ReductionOption takes, for the unknown-option check of the function and its module. */
export const REDUCTION_OPTIONS = optionKeys<ReductionOption>()("reduction");
