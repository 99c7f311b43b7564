import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { DTypeError, IndexError } from "../errors.js";
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
 * (`torch.amax`). Ties share the gradient evenly, as in PyTorch. Bool gives bool. Reducing a
 * size-0 dim throws an IndexError, as in PyTorch (there is no maximum of no elements).
 *
 * @example
 * ```ts
 * amax(tensor([[1, 5], [7, 2]]), 0).toArray(); // [7, 5]
 * ```
 */
export function amax(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  // Bool has no kernel of its own: its maximum is that of the 0/1 values as int64.
  if (x.dtype === "bool") return castTo(amax(castTo(x, "int64"), dim, keepdim), "bool");
  const kernel = maxRowsKernels[x.dtype];
  if (kernel === undefined) throw new DTypeError(`amax: not implemented for dtype ${x.dtype}`);
  const plan = planReduction(x, dim, keepdim);
  if (plan.n === 0) checkNonEmptyReduction("amax", x, dim);
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
    record(out, "AmaxBackward0", [x], [x, out], (g) => {
      const kept = expandReducedGrad(out, x.shape, plan.dims, keepdim);
      const mask = castTo(eq(x, kept), g.dtype);
      const count = expandReducedGrad(sum(mask, plan.dims, keepdim), x.shape, plan.dims, keepdim);
      return [mul(div(expandReducedGrad(g, x.shape, plan.dims, keepdim), count), mask)];
    });
  }
  return out;
}

/**
 * Throws PyTorch's IndexError when a reduction named `op` over `dim` (as the caller gave it; all
 * dims when null, undefined or empty) would reduce a size-0 dim: `max`, `amax` and the like have
 * no identity element. Call it only when the plan reduces no elements; it returns when the
 * reduction is still defined (an empty output, or a 0-d input reduced over dim 0).
 */
export function checkNonEmptyReduction(op: string, x: Tensor, dim: Dims): void {
  const given = typeof dim === "number" ? [dim] : (dim ?? []);
  if (given.length === 0) {
    if (x.numel() === 0) {
      throw new IndexError(
        `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
      );
    }
    return;
  }
  const ndim = x.shape.length;
  for (const d of given) {
    if (x.shape[d < 0 ? d + ndim : d] === 0) {
      throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
    }
  }
}
