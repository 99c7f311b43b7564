import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { checkedIndex, checkGatherShapes, checkIndexDtype } from "../iteration/checkIndex.js";
import { elementOffsets } from "../iteration/elementOffsets.js";
import { contiguousStrides, normalizeDim } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { scatterAdd } from "./scatterAdd.js";

/**
 * Picks elements of `x` along `dim` by the int64 `index` (`torch.gather`): for `dim = 1`,
 * `out[i][j] = x[i][index[i][j]]`. The result has `index`'s shape.
 *
 * @example
 * ```ts
 * gather(tensor([[1, 2], [3, 4]]), 1, tensor([[1n], [0n]])).toArray(); // [[2], [3]]
 * ```
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  checkIndexDtype("gather", index);
  const d = normalizeDim(dim, x.shape.length);
  checkGatherShapes("gather", x, d, index);
  const n = index.numel();
  const out = allocate(x.dtype, n) as Float64Array;
  const src = x.storage as Float64Array;
  const idx = index.storage as BigInt64Array;
  const pinned = x.strides.map((s, k) => (k === d ? 0 : s));
  const base = elementOffsets(index.shape, pinned, x.storageOffset);
  const at = elementOffsets(index.shape, index.strides, index.storageOffset);
  const size = x.shape[d]!;
  const stride = x.strides[d]!;
  for (let e = 0; e < n; e++)
    out[e] = src[base[e]! + checkedIndex("gather", idx[at[e]!]!, size, d) * stride]!;
  const result = new Tensor(out, index.shape, contiguousStrides(index.shape), 0, x.dtype);
  if (needsGrad(x)) {
    record(result, "GatherBackward0", [x], [x, index], (g) => [
      scatterAdd(zerosLike(x, { dtype: g.dtype }), d, index, g),
    ]);
  }
  return result;
}
