import type { DType } from "../dtype.js";
import { castKernels } from "../kernels/generated/tables.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { planRows } from "./rowPlan.js";

/** A new contiguous tensor with `src`'s elements converted to `dtype` (no autograd). */
export function castTo(src: Tensor, dtype: DType): Tensor {
  const n = src.numel();
  const out = allocateUnfilled(dtype, n); // copyInto writes every element
  const result = new Tensor(out, src.shape, contiguousStrides(src.shape), 0, dtype);
  copyInto(result, src);
  return result;
}

/**
 * Writes `src`'s elements (converted to `dst.dtype`, broadcast to `dst.shape` if the strides say
 * so) into `dst`, both strided. `srcStrides` defaults to `src.strides`.
 */
export function copyInto(
  dst: Tensor,
  src: Tensor,
  srcStrides: readonly number[] = src.strides,
): void {
  const kernel = castKernels[src.dtype][dst.dtype];
  if (dst.contiguousLayout && src.contiguousLayout && srcStrides === src.strides) {
    kernel(src.storage, src.storageOffset, 1, dst.storage, dst.storageOffset, 1, dst.numel());
    return;
  }
  if (dst.shape.length === 2 && srcStrides.length === 2) {
    // A matrix (a transposed gradient's clone): one kernel call per row, without a row plan.
    const rows = dst.shape[0]!;
    const cols = dst.shape[1]!;
    const [sr, sc] = srcStrides as [number, number];
    const [dr, dc] = dst.strides as [number, number];
    for (
      let r = 0, si = src.storageOffset, di = dst.storageOffset;
      r < rows;
      r++, si += sr, di += dr
    )
      kernel(src.storage, si, sc, dst.storage, di, dc, cols);
    return;
  }
  const plan = planRows(
    dst.shape,
    [srcStrides, dst.strides],
    [src.storageOffset, dst.storageOffset],
  );
  const [ss, ds] = plan.steps as [number, number];
  const [s0, d0] = plan.starts as [Int32Array, Int32Array];
  for (let r = 0; r < plan.rows; r++) {
    kernel(src.storage, s0[r]!, ss, dst.storage, d0[r]!, ds, plan.n);
  }
}
