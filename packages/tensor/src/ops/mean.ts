import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { uncounted } from "../autograd/version.js";
import { isFloatingPoint } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { reducedCount, reducedDims } from "../iteration/reduction.js";
import type { Dims, Tensor } from "../tensor.js";
import { div, div_ } from "./div.js";
import { allIfEmpty, sum } from "./sum.js";

/**
 * The mean of the elements over `dim` (one dim, a list, or all when omitted or an empty list),
 * keeping reduced dims as size 1 if `keepdim` (`torch.mean`). Needs a floating-point tensor, as in PyTorch. The
 * mean of no elements is NaN.
 *
 * @example
 * ```ts
 * mean(tensor([[1, 2], [3, 4]]), 1).toArray(); // [1.5, 3.5]
 * ```
 */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (!isFloatingPoint(x.dtype)) {
    throw new DTypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype}`,
    );
  }
  const dims = reducedDims(x, allIfEmpty(dim));
  const count = reducedCount(x, dims);
  // `dim` as given rather than `dims`: with no dim, sum takes its reduce-all path.
  const out = noGrad(() => uncounted(() => div_(sum(x, dim, keepdim), count)));
  if (needsGrad(x)) {
    // mean(x) saves only sizes; PyTorch's mean(x, dim) saves x itself.
    const all = dim === undefined || dim === null;
    record(out, `MeanBackward${all ? "0" : "1"}`, [x], all ? [] : [x], (g) => [
      expandReducedGrad(div(g, count), x.shape, dims, keepdim),
    ]);
  }
  return out;
}
