import { DataError } from "../dataErrors.js";

/**
 * A map-style dataset, as PyTorch's `torch.utils.data.Dataset`: `length` items, item `i` from
 * `getItem(i)`. A dataset may also offer `getItems(indices)`, which returns a whole batch at once,
 * already collated; the {@link DataLoader} uses it when no custom `collateFn` is given (the fast
 * path of {@link TensorDataset}, which gathers rows straight into the batch tensors).
 */
export interface Dataset<T> {
  /** Number of items. */
  readonly length: number;
  /** Item `index`, for `0 <= index < length`. */
  getItem(index: number): T;
  /** Optional batched access: the collated batch of the items at `indices`, in that order. */
  getItems?(indices: ArrayLike<number>): T;
}

/** Throws a {@link DataError} unless `index` is an integer in [-length, length); returns it non-negative. */
export function checkIndex(index: number, length: number, what = "index"): number {
  if (!Number.isInteger(index) || index < -length || index >= length) {
    throw new DataError(`${what} ${index} is out of range for a dataset of length ${length}`);
  }
  return index < 0 ? index + length : index;
}
