import { needsGrad, record } from "../autograd/record.js";
import { expandReducedGrad } from "../autograd/reductionGrad.js";
import { asTensor } from "../iteration/operands.js";
import { planReduction, reducedDims } from "../iteration/reduction.js";
import { sumColsKernels, sumRowsKernels } from "../kernels/generated/tables.js";
import { trySimdRowSums } from "../kernels/wasm/dispatch.js";
import { simdColumnSumsF32 } from "../kernels/wasm/simdColumnSums.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { type Dims, Tensor } from "../tensor.js";

/**
 * The sum of the elements over `dim` (one dim, a list, or all when omitted or an empty list, as in
 * PyTorch 1.13), keeping reduced dims as size 1 if `keepdim` (`torch.sum`). Bool and int64 sum to int64. Float32 sums accumulate in
 * float64 and round once, so they can differ from PyTorch's float32 cascade sum in the last bits
 * (they are the more accurate); float64 uses compensated summation, or the plain sum when that is
 * not finite (an infinite element or an overflow gives ±inf, not NaN).
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
  const leading =
    !all && input.contiguousLayout && leadsOnly(normalized, input) ? normalized : null;
  let result: Tensor;
  let dims: readonly number[];
  if (leading !== null) {
    // Reducing the leading dims of a contiguous tensor (a batch sum): sum columns in place rather
    // than copying the transposed input into rows. Same additions, same order, same result.
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
    const out = allocate(dtype, cols);
    const simd =
      dtype === "float32" &&
      n > 0 &&
      simdColumnSumsF32(
        n,
        cols,
        { data: input.storage as Float32Array, offset: input.storageOffset },
        out as Float32Array,
      );
    if (n > 0 && cols > 0 && !simd) {
      sumColsKernels[dtype]!(input.storage, input.storageOffset, cols, n, out);
    }
    result = new Tensor(out, outShape, contiguousStrides(outShape), 0, dtype);
    dims = leading;
  } else {
    const plan = planReduction(input, null, keepdim, normalized);
    const out = allocate(dtype, plan.rows);
    const { storage, storageOffset } = plan.input;
    const simd =
      dtype === "float32" &&
      trySimdRowSums(
        storage as Float32Array,
        storageOffset,
        plan.rows,
        plan.n,
        out as Float32Array,
      );
    if (plan.n > 0 && !simd) {
      sumRowsKernels[dtype]!(storage, storageOffset, plan.rows, plan.n, out);
    }
    result = new Tensor(out, plan.outShape, contiguousStrides(plan.outShape), 0, dtype);
    dims = plan.dims;
  }
  if (needsGrad(x)) {
    const name = all ? "SumBackward0" : "SumBackward1";
    record(result, name, [x], [], (g) => [expandReducedGrad(g, x.shape, dims, keepdim)]);
  }
  return result;
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
