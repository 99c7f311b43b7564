import { DTypeError, formatShape, IndexError } from "../errors.js";
import type { Tensor } from "../tensor.js";

/** Refuses index tensors that are not int64, naming the op. */
export function checkIndexDtype(op: string, index: Tensor): void {
  if (index.dtype !== "int64") {
    throw new DTypeError(`${op}(): Expected dtype int64 for index, got ${index.dtype}`);
  }
}

/**
 * Reads index `value` for a dim of `size`, or throws naming `op` and the valid range. As in
 * PyTorch's gather, scatter, index_select and index_add, negative indices are out of range.
 */
export function checkedIndex(op: string, value: bigint, size: number, dim: number): number {
  const i = Number(value);
  if (i < 0 || i >= size) {
    throw new IndexError(
      `${op}(): index ${i} is out of bounds for dimension ${dim} with size ${size} (valid range [0, ${size}))`,
    );
  }
  return i;
}

/** Checks that `index` has `x`'s number of dims and is no larger in any dim but `dim`. */
export function checkGatherShapes(
  op: string,
  x: Tensor,
  dim: number,
  index: Tensor,
  other?: Tensor,
): void {
  const bad =
    index.shape.length !== x.shape.length ||
    index.shape.some((s, d) => d !== dim && s > x.shape[d]!) ||
    (other !== undefined && index.shape.some((s, d) => s > (other.shape[d] ?? 0)));
  if (bad) {
    throw new IndexError(
      `${op}(): index of shape ${formatShape(index.shape)} does not fit input of shape ${formatShape(x.shape)} along dim ${dim}`,
    );
  }
}
