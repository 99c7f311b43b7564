import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { asTensor } from "../iteration/operands.js";
import { planReduction, reducedDims } from "../iteration/reduction.js";
import {
  contiguousLoops2d,
  type Loops2d,
  reducedShape,
  reductionLoops,
} from "../iteration/reductionLoops.js";
import { cascadeSum, cascadeSum2d } from "../kernels/cascadeSum.js";
import type { FloatStorage } from "../kernels/dense.js";
import { sumColsKernels, sumRowsKernels } from "../kernels/generated/tables.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { type Dims, Tensor } from "../tensor.js";

/**
 * The sum of the elements over `dim` (one dim, a list, or all when omitted or an empty list, as in
 * PyTorch 1.13), keeping reduced dims as size 1 if `keepdim` (`torch.sum`). Bool and int64 sum to int64. Float sums give PyTorch
 * 1.13's bits (one thread): its cascade sum, in the sum's own dtype, in PyTorch's order for any
 * layout. PyTorch with several threads splits tensors of more than 32,768 elements between them,
 * which can move the last bit.
 *
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), 0).toArray(); // [4, 6]
 * sum(tensor([[1, 2], [3, 4]])).item(); // 10
 * ```
 */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dtype = x.dtype === "bool" ? "int64" : x.dtype;
  const input = asTensor(x, dtype);
  const all = dim === undefined || dim === null;
  const normalized = reducedDims(input, allIfEmpty(dim));
  let result: Tensor;
  let dims: readonly number[];
  if (dtype === "float32" || dtype === "float64") {
    result = floatSum(input, normalized, keepdim);
    dims = normalized;
  } else if (!all && input.contiguousLayout && leadsOnly(normalized, input)) {
    result = leadingSum(input, normalized, keepdim);
    dims = normalized;
  } else {
    const plan = planReduction(input, null, keepdim, normalized);
    const out = allocate(dtype, plan.rows);
    const { storage, storageOffset } = plan.input;
    if (plan.n > 0) sumRowsKernels[dtype]!(storage, storageOffset, plan.rows, plan.n, out);
    result = new Tensor(out, plan.outShape, contiguousStrides(plan.outShape), 0, dtype);
    dims = plan.dims;
  }
  if (needsGrad(x)) {
    const name = all ? "SumBackward0" : "SumBackward1";
    record(result, name, [x], [], (g) => [expandReducedGrad(g, x.shape, dims, keepdim)]);
  }
  return result;
}

/** Loops of the last contiguous float sum (reused: no allocation per call). */
const loops2d: Loops2d = { size0: 0, size1: 0, is0: 0, is1: 0, os0: 0, os1: 0 };

/** A float sum over the sorted `dims`, in PyTorch's order and roundings ({@link cascadeSum}). */
function floatSum(x: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  const shape = x.shape;
  const { reduced, outShape, numel: n } = reducedShape(shape, dims, keepdim);
  const out = allocate(x.dtype, n) as FloatStorage;
  const storage = x.storage as FloatStorage;
  if (x.contiguousLayout && contiguousLoops2d(shape, reduced, loops2d)) {
    cascadeSum2d(storage, x.storageOffset, loops2d, out);
  } else {
    cascadeSum(storage, x.storageOffset, reductionLoops(shape, x.strides, reduced), out);
  }
  return new Tensor(out, outShape, contiguousStrides(outShape), 0, x.dtype);
}

/**
 * An int64 sum over the leading dims of a contiguous tensor (a batch sum): columns summed in
 * place rather than the transposed input copied into rows.
 */
function leadingSum(input: Tensor, leading: readonly number[], keepdim: boolean): Tensor {
  const shape = input.shape;
  const outShape = new Array<number>(keepdim ? shape.length : shape.length - leading.length);
  let n = 1;
  let cols = 1;
  let at = 0;
  for (let d = 0; d < shape.length; d++) {
    if (d < leading.length) {
      n *= shape[d]!;
      if (keepdim) outShape[at++] = 1;
    } else {
      cols *= shape[d]!;
      outShape[at++] = shape[d]!;
    }
  }
  const out = allocate(input.dtype, cols);
  if (n > 0 && cols > 0)
    sumColsKernels[input.dtype]!(input.storage, input.storageOffset, cols, n, out);
  return new Tensor(out, outShape, contiguousStrides(outShape), 0, input.dtype);
}

/**
 * True when the sorted, normalized `dims` are exactly the leading dims `0..k-1` of `x`, with at
 * least one dim of `x` kept after them.
 */
function leadsOnly(dims: readonly number[], x: Tensor): boolean {
  if (x.shape.length < 2 || dims.length >= x.shape.length) return false;
  for (let i = 0; i < dims.length; i++) if (dims[i] !== i) return false;
  return true;
}

/**
 * `dim`, or null (all dims) for an empty list: `torch.sum(x, [])` and `torch.mean(x, [])` reduce
 * over every dim in PyTorch 1.13.
 */
export function allIfEmpty(dim: Dims): Dims {
  return typeof dim === "object" && dim !== null && dim.length === 0 ? null : dim;
}
