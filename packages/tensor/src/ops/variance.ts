import { reducedCount, reducedDims } from "../iteration/reduction.js";
import type { Dims, Tensor } from "../tensor.js";
import { div } from "./div.js";
import { mean } from "./mean.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";

/** Options of {@link variance} and {@link std}. */
export interface VarianceOptions {
  /**
   * Divide by `N - correction` instead of `N` (Bessel's correction). Default 1 (unbiased);
   * overrides `unbiased` when both are given.
   */
  correction?: number;
  /** `false` is `correction: 0` (the population variance). Default true. */
  unbiased?: boolean;
  /** Keep reduced dims as size 1. Default false. */
  keepdim?: boolean;
}

/**
 * The variance over `dim` (one dim, a list, or all when omitted): the mean squared deviation from
 * the mean, divided by `N - correction` (`torch.var`; named `variance` because `var` is reserved
 * in JavaScript, and available as the method `x.var()`). Computed in two passes, so it agrees with
 * PyTorch's Welford algorithm to rounding.
 *
 * @example
 * ```ts
 * variance(tensor([1, 2, 3, 4])).item(); // 1.6666666269302368 (float32 of 5/3)
 * variance(tensor([1, 2, 3, 4]), 0, { correction: 0 }).item(); // 1.25
 * ```
 */
export function variance(x: Tensor, dim?: Dims, options: VarianceOptions = {}): Tensor {
  const correction = options.correction ?? (options.unbiased === false ? 0 : 1);
  const keepdim = options.keepdim ?? false;
  const dims = reducedDims(x, dim);
  const count = reducedCount(x, dims);
  const deviation = sub(x, mean(x, dims, true));
  return div(sum(mul(deviation, deviation), dims, keepdim), Math.max(0, count - correction));
}
