import { DTypeError } from "../errors.js";
import type { Tensor } from "../tensor.js";
import { castTo } from "./cast.js";
import { checkedIndex, checkGatherShapes, checkIndexDtype } from "./checkIndex.js";
import { elementOffsets } from "./elementOffsets.js";
import { asTensor } from "./operands.js";

/**
 * A copy of `x` where, for `dim = 1`, `out[i][index[i][j]] = src[i][j]` (or `+=` when
 * `accumulate`). `src` is a tensor of `x`'s dtype at least as large as `index`, or a scalar.
 * Indices must lie in `[0, size)`. No autograd.
 */
export function scatterForward(
  op: string,
  x: Tensor,
  d: number,
  index: Tensor,
  src: Tensor | number,
  accumulate: boolean,
): Tensor {
  checkIndexDtype(op, index);
  if (typeof src !== "number" && src.dtype !== x.dtype) {
    throw new DTypeError(
      `${op}(): Expected self.dtype to be equal to src.dtype, got ${x.dtype} and ${src.dtype}`,
    );
  }
  const source = asTensor(src, x.dtype);
  checkGatherShapes(op, x, d, index, typeof src === "number" ? undefined : source);
  const result = castTo(x, x.dtype);
  const out = result.storage as Float64Array;
  const values = source.storage as Float64Array;
  const idx = index.storage as BigInt64Array;
  const pinned = result.strides.map((s, k) => (k === d ? 0 : s));
  const base = elementOffsets(index.shape, pinned, 0);
  const at = elementOffsets(index.shape, index.strides, index.storageOffset);
  const from =
    source.shape.length === 0
      ? new Int32Array(at.length).fill(source.storageOffset)
      : elementOffsets(index.shape, source.strides, source.storageOffset);
  const size = x.shape[d]!;
  const stride = result.strides[d]!;
  for (let e = 0; e < at.length; e++) {
    const target = base[e]! + checkedIndex(op, idx[at[e]!]!, size, d) * stride;
    if (accumulate) out[target]! += values[from[e]!]!;
    else out[target] = values[from[e]!]!;
  }
  return result;
}
