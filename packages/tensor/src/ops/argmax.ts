import { argReduceForward } from "../iteration/argReduction.js";
import { maxRowsKernels } from "../kernels/generated/tables.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";

/**
 * The int64 index of the largest element along `dim`, or in the flattened tensor when `dim` is
 * omitted (`torch.argmax`); the first one at ties, NaN counts as largest. With `keepdim` and no
 * `dim`, the result keeps every dim as size 1.
 *
 * @example
 * ```ts
 * argmax(tensor([[1, 5], [7, 2]]), 1).toArray(); // [1, 0]
 * argmax(tensor([[1, 5], [7, 2]])).item(); // 2
 * ```
 */
export function argmax(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  const d = dim === undefined || dim === null ? null : normalizeDim(dim, x.shape.length);
  return argReduceForward("argmax", x, d, keepdim, maxRowsKernels).indices;
}
