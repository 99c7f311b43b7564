import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { DTypeError } from "../errors.js";
import { castTo } from "../iteration/cast.js";
import { planReduction } from "../iteration/reduction.js";
import { maxRowsKernels } from "../kernels/generated/tables.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { type Dims, Tensor } from "../tensor.js";
import { div } from "./div.js";
import { eq } from "./eq.js";
import { mul } from "./mul.js";
import { sum } from "./sum.js";

/**
 * The largest elements over `dim` (one dim, a list, or all when omitted), without indices
 * (`torch.amax`). Ties share the gradient evenly, as in PyTorch.
 *
 * @example
 * ```ts
 * amax(tensor([[1, 5], [7, 2]]), 0).toArray(); // [7, 5]
 * ```
 */
export function amax(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const kernel = maxRowsKernels[x.dtype];
  if (kernel === undefined) throw new DTypeError(`amax: not implemented for dtype ${x.dtype}`);
  const plan = planReduction(x, dim, keepdim);
  const values = allocate(x.dtype, plan.rows);
  kernel(
    plan.input.storage,
    plan.input.storageOffset,
    plan.rows,
    plan.n,
    values,
    new BigInt64Array(plan.rows),
  );
  const out = new Tensor(values, plan.outShape, contiguousStrides(plan.outShape), 0, x.dtype);
  if (needsGrad(x)) {
    record(out, "AmaxBackward0", [x], (g) => {
      const kept = expandReducedGrad(out, x.shape, plan.dims, keepdim);
      const mask = castTo(eq(x, kept), g.dtype);
      const count = expandReducedGrad(sum(mask, plan.dims, keepdim), x.shape, plan.dims, keepdim);
      return [mul(div(expandReducedGrad(g, x.shape, plan.dims, keepdim), count), mask)];
    });
  }
  return out;
}
