import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { reducedCount, reducedDims } from "../iteration/reduction.js";
import { reducedShape, reductionLoops } from "../iteration/reductionLoops.js";
import type { FloatStorage } from "../kernels/dense.js";
import { varianceInto } from "../kernels/varianceLoops.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { type Dims, Tensor } from "../tensor.js";
import { div } from "./div.js";
import { mean } from "./mean.js";
import { mul } from "./mul.js";
import { sqrt } from "./sqrt.js";
import { sub } from "./sub.js";
import { allIfEmpty, sum } from "./sum.js";

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
 * The variance over `dim` (one dim, a list, or all when omitted or empty): the mean squared deviation from
 * the mean, divided by `N - correction` (`torch.var`; named `variance` because `var` is reserved
 * in JavaScript, and available as the method `x.var()`). PyTorch 1.13's arithmetic on one
 * thread, so its bits: float64 throughout, two passes over all elements for a variance of
 * everything, Welford's update for each output otherwise. One backward node, `VarBackward0`.
 *
 * @example
 * ```ts
 * variance(tensor([1, 2, 3, 4])).item(); // 1.6666666269302368 (float32 of 5/3)
 * variance(tensor([1, 2, 3, 4]), 0, { correction: 0 }).item(); // 1.25
 * ```
 */
export function variance(x: Tensor, dim?: Dims, options: VarianceOptions = {}): Tensor {
  const plan = planVariance(x, dim, options);
  const out = noGrad(() => varianceForward(x, plan));
  if (needsGrad(x)) record(out, "VarBackward0", [x], [x], (g) => [varianceBackward(g, x, plan)]);
  return out;
}

/** What {@link variance} and `std` reduce: the normalized dims, their element count, the options. */
export interface VariancePlan {
  /** The reduced dims, normalized and sorted. */
  readonly dims: readonly number[];
  /** Elements reduced into each output (N). */
  readonly count: number;
  /** The divisor is `N - correction`. */
  readonly correction: number;
  /** Keep the reduced dims as size 1. */
  readonly keepdim: boolean;
}

/** Resolves the dims and options of a variance of `x` over `dim`. */
export function planVariance(x: Tensor, dim: Dims, options: VarianceOptions): VariancePlan {
  const dims = reducedDims(x, allIfEmpty(dim));
  return {
    dims,
    count: reducedCount(x, dims),
    correction: options.correction ?? (options.unbiased === false ? 0 : 1),
    keepdim: options.keepdim ?? false,
  };
}

/**
 * The variance of `x` as `plan` says (no autograd of its own), its square root when `takeSqrt`:
 * for float tensors with elements, PyTorch's own arithmetic ({@link varianceInto}: float64, the
 * two-pass sum for all elements, Welford's update per output otherwise), so its bits.
 */
export function varianceForward(x: Tensor, plan: VariancePlan, takeSqrt = false): Tensor {
  if ((x.dtype === "float32" || x.dtype === "float64") && x.numel() > 0) {
    const { reduced, outShape, numel } = reducedShape(x.shape, plan.dims, plan.keepdim);
    const out = allocate(x.dtype, numel) as FloatStorage;
    const loops = reductionLoops(x.shape, x.strides, reduced);
    // the two-pass path (all elements) subtracts the tensor's mean, as PyTorch rounds it
    const meanOf = () => mean(x).item() as number;
    const storage = x.storage as FloatStorage;
    varianceInto(storage, x.storageOffset, loops, plan.correction, takeSqrt, meanOf, out);
    return new Tensor(out, outShape, contiguousStrides(outShape), 0, x.dtype);
  }
  const deviation = sub(x, mean(x, plan.dims, true));
  const squares = sum(mul(deviation, deviation), plan.dims, plan.keepdim);
  const v = div(squares, Math.max(0, plan.count - plan.correction));
  return takeSqrt ? sqrt(v) : v;
}

/**
 * The gradient of a variance with output gradient `g`, as PyTorch's `var_backward`:
 * `2 / (N - correction) * g * (x - mean(x))`, with `g` broadcast back over the reduced dims.
 */
export function varianceBackward(g: Tensor, x: Tensor, plan: VariancePlan): Tensor {
  const expanded = expandReducedGrad(g, x.shape, plan.dims, plan.keepdim);
  const scaled = mul(expanded, 2 / (plan.count - plan.correction));
  return mul(scaled, sub(x, mean(x, plan.dims, true)));
}
