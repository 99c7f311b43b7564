import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { asTensor } from "../iteration/operands.js";
import { planReduction } from "../iteration/reduction.js";
import { sumRowsKernels } from "../kernels/generated/tables.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { type Dims, Tensor } from "../tensor.js";

/**
 * The sum of the elements over `dim` (one dim, a list, or all when omitted), keeping reduced dims
 * as size 1 if `keepdim` (`torch.sum`). Bool and int64 sum to int64. Float32 sums accumulate in
 * float64 and round once, so they can differ from PyTorch's float32 cascade sum in the last bits
 * (they are the more accurate); float64 uses compensated summation.
 *
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), 0).toArray(); // [4, 6]
 * sum(tensor([[1, 2], [3, 4]])).item(); // 10
 * ```
 */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dtype = x.dtype === "bool" ? "int64" : x.dtype;
  const plan = planReduction(asTensor(x, dtype), dim, keepdim);
  const out = allocate(dtype, plan.rows);
  if (plan.n > 0) {
    sumRowsKernels[dtype]!(plan.input.storage, plan.input.storageOffset, plan.rows, plan.n, out);
  }
  const result = new Tensor(out, plan.outShape, contiguousStrides(plan.outShape), 0, dtype);
  if (needsGrad(x)) {
    const name = dim === undefined || dim === null ? "SumBackward0" : "SumBackward1";
    record(result, name, [x], (g) => [expandReducedGrad(g, x.shape, plan.dims, keepdim)]);
  }
  return result;
}
