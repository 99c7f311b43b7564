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

/** The `reduction` option every loss takes. */
export interface ReductionOption {
  /** `"mean"` (default), `"sum"` or `"none"`. */
  reduction?: Reduction;
}

/** The keys ReductionOption takes, for the unknown-option check of the function and its module. */
export const REDUCTION_OPTIONS = optionKeys<ReductionOption>()("reduction");
