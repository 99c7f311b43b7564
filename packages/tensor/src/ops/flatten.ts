import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { reshape } from "./reshape.js";

/**
 * Merges dims `startDim..endDim` (inclusive, default all) into one (`torch.flatten`); a view when
 * possible, and `x` itself when there is nothing to merge (a single dim), as in PyTorch.
 *
 * @example
 * ```ts
 * zeros([2, 3, 4]).flatten(1).shape; // [2, 12]
 * ```
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.shape.length === 0) return reshape(x, [1]);
  const start = normalizeDim(startDim, x.shape.length);
  const end = normalizeDim(endDim, x.shape.length);
  if (start > end)
    throw new RangeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (start === end) return x;
  let merged = 1;
  for (let d = start; d <= end; d++) merged *= x.shape[d]!;
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}
