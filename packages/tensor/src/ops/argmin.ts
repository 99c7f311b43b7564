import { argReduceForward } from "../iteration/argReduction.js";
import { minRowsKernels } from "../kernels/generated/tables.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";

/**
 * The int64 index of the smallest element along `dim`, or in the flattened tensor when `dim` is
 * omitted (`torch.argmin`); the first one at ties, NaN counts as smallest. With `keepdim` and no
 * `dim`, the result keeps every dim as size 1.
 *
 * @example
 * ```ts
 * argmin(tensor([[1, 5], [7, 2]]), 1).toArray(); // [0, 1]
 * argmin(tensor([[1, 5], [7, 2]])).item(); // 0
 * ```
 */
export function argmin(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  const d = dim === undefined || dim === null ? null : normalizeDim(dim, x.shape.length);
  return argReduceForward("argmin", x, d, keepdim, minRowsKernels).indices;
}
