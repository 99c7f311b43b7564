import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { ShapeError } from "../errors.js";
import { copyInto } from "../iteration/cast.js";
import { checkedIndex, checkIndexDtype } from "../iteration/checkIndex.js";
import { contiguousStrides, normalizeDim, shapeSize } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { indexAdd } from "./indexAdd.js";
import { selectView } from "./select.js";

/**
 * The slices of `x` at the int64 positions `index` (1-d) along `dim`, in that order
 * (`torch.index_select`); positions may repeat.
 *
 * @example
 * ```ts
 * indexSelect(tensor([[1, 2], [3, 4]]), 0, tensor([1n, 1n, 0n])).toArray();
 * // [[3, 4], [3, 4], [1, 2]]
 * ```
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  checkIndexDtype("indexSelect", index);
  if (index.shape.length > 1)
    throw new ShapeError("indexSelect(): Index is supposed to be a vector");
  const d = normalizeDim(dim, x.shape.length);
  const count = index.numel();
  const shape = x.shape.slice();
  if (shape.length > 0) shape[d] = count;
  const result = new Tensor(
    allocate(x.dtype, shapeSize(shape)),
    shape,
    contiguousStrides(shape),
    0,
    x.dtype,
  );
  const idx = index.storage as BigInt64Array;
  const step = index.shape.length === 0 ? 0 : index.strides[0]!;
  for (let i = 0; i < count; i++) {
    const at = checkedIndex(
      "indexSelect",
      idx[index.storageOffset + i * step]!,
      x.shape[d] ?? 1,
      d,
    );
    if (x.shape.length === 0) copyInto(result, x);
    else copyInto(selectView(result, d, i), selectView(x, d, at));
  }
  if (needsGrad(x)) {
    record(result, "IndexSelectBackward0", [x], [index], (g) => [
      indexAdd(zerosLike(x, { dtype: g.dtype }), d, index, g),
    ]);
  }
  return result;
}
