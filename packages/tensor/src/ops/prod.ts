import { productOfOthers } from "../autograd/productOfOthers.js";
import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { asTensor } from "../iteration/operands.js";
import { planReduction } from "../iteration/reduction.js";
import { prodRowsKernels } from "../kernels/generated/tables.js";
import { contiguousStrides, normalizeDim } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { mul } from "./mul.js";

/**
 * The product of the elements along `dim`, or of all when omitted (`torch.prod`). Bool and int64
 * give int64. The gradient is the product of the other elements, correct with zeros too.
 *
 * @example
 * ```ts
 * prod(tensor([[1, 2], [3, 4]]), 1).toArray(); // [2, 12]
 * ```
 */
export function prod(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  const dtype = x.dtype === "bool" ? "int64" : x.dtype;
  const d = dim === undefined || dim === null ? null : normalizeDim(dim, x.shape.length);
  const plan = planReduction(asTensor(x, dtype), d, d === null ? false : keepdim);
  const out = allocate(dtype, plan.rows);
  if (plan.n === 0) out.fill(dtype === "int64" ? (1n as never) : (1 as never));
  else
    prodRowsKernels[dtype]!(plan.input.storage, plan.input.storageOffset, plan.rows, plan.n, out);
  const result = new Tensor(out, plan.outShape, contiguousStrides(plan.outShape), 0, dtype);
  if (needsGrad(x)) {
    record(result, d === null ? "ProdBackward0" : "ProdBackward1", [x], [x, result], (g) => {
      const expanded = expandReducedGrad(g, x.shape, plan.dims, d === null ? false : keepdim);
      return [mul(expanded, productOfOthers(x, plan.dims))];
    });
  }
  return result;
}
