import { needsGrad, record } from "../autograd/record.js";
import { zerosLike } from "../creation/zerosLike.js";
import { ShapeError } from "../errors.js";
import { copyInto } from "../iteration/cast.js";
import { checkedIndex, checkIndexDtype } from "../iteration/checkIndex.js";
import { castKernels } from "../kernels/generated/tables.js";
import { contiguousStrides, normalizeDim, shapeSize } from "../shape/dims.js";
import { allocate, allocateUnfilled } from "../storage.js";
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
  const idx = index.storage as BigInt64Array;
  const step = index.shape.length === 0 ? 0 : index.strides[0]!;
  if (d === 0 && x.shape.length > 0 && x.contiguousLayout) {
    const out = rowsOf(x, idx, index.storageOffset, step, count, shapeSize(shape));
    const result = new Tensor(out, shape, contiguousStrides(shape), 0, x.dtype);
    if (needsGrad(x)) recordBackward(result, x, d, index);
    return result;
  }
  const result = new Tensor(
    allocate(x.dtype, shapeSize(shape)),
    shape,
    contiguousStrides(shape),
    0,
    x.dtype,
  );
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
  if (needsGrad(x)) recordBackward(result, x, d, index);
  return result;
}

/** PyTorch's `IndexSelectBackward0`: the gradient's rows added into zeros at their indices. */
function recordBackward(result: Tensor, x: Tensor, d: number, index: Tensor): void {
  record(result, "IndexSelectBackward0", [x], [index], (g) => [
    indexAdd(zerosLike(x, { dtype: g.dtype }), d, index, g),
  ]);
}

/**
 * The rows of a contiguous `x` (along dim 0) at the `count` indices `idx[at + i·step]`, checked,
 * as one new storage of `size` elements: each row one copy.
 */
function rowsOf(
  x: Tensor,
  idx: BigInt64Array,
  at: number,
  step: number,
  count: number,
  size: number,
): Tensor["storage"] {
  const rows = x.shape[0]!;
  const len = rows === 0 ? 0 : x.numel() / rows;
  const src = x.storage;
  const base = x.storageOffset;
  const out = allocateUnfilled(x.dtype, size); // every row below is written
  // the same-dtype copy kernel: a `set` for long rows, a loop for short ones
  const copy = castKernels[x.dtype][x.dtype];
  for (let i = 0; i < count; i++) {
    const r = checkedIndex("indexSelect", idx[at + i * step]!, rows, 0);
    copy(src, base + r * len, 1, out, i * len, 1, len);
  }
  return out;
}
