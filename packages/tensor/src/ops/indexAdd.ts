import { needsGrad2, record } from "../autograd/record.js";
import { uncounted } from "../autograd/version.js";
import { DTypeError } from "../errors.js";
import { castTo } from "../iteration/cast.js";
import { checkedIndex, checkIndexDtype } from "../iteration/checkIndex.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";
import { add_ } from "./add.js";
import { indexSelect } from "./indexSelect.js";
import { selectView } from "./select.js";

/**
 * A copy of `x` with slice `i` of `src` along `dim` added to slice `index[i]` of `x`
 * (`torch.index_add`); repeated indices add up. `src` must have `x`'s dtype and the indices
 * must lie in `[0, size)`.
 *
 * @example
 * ```ts
 * indexAdd(zeros([3]), 0, tensor([0n, 0n]), tensor([1, 2])).toArray(); // [3, 0, 0]
 * ```
 */
export function indexAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkIndexDtype("indexAdd", index);
  if (src.dtype !== x.dtype) {
    throw new DTypeError(
      `indexAdd(): self (${x.dtype}) and source (${src.dtype}) must have the same scalar type`,
    );
  }
  const d = normalizeDim(dim, x.shape.length);
  const result = castTo(x, x.dtype);
  const idx = index.storage as BigInt64Array;
  const step = index.shape.length === 0 ? 0 : index.strides[0]!;
  const detachedSrc = new Tensor(src.storage, src.shape, src.strides, src.storageOffset, src.dtype);
  uncounted(() => {
    for (let i = 0; i < index.numel(); i++) {
      const at = checkedIndex("indexAdd", idx[index.storageOffset + i * step]!, x.shape[d]!, d);
      add_(selectView(result, d, at), selectView(detachedSrc, d, i));
    }
  });
  if (needsGrad2(x, src)) {
    record(result, "IndexAddBackward0", [x, src], src.requiresGrad ? [index, src] : [], (g) => [
      x.requiresGrad ? g : null,
      src.requiresGrad ? indexSelect(g, d, index) : null,
    ]);
  }
  return result;
}
