import { DataError } from "../dataErrors.js";

/**
 * A map-style dataset, as PyTorch's `torch.utils.data.Dataset`: `length` items, item `i` from
 * `getItem(i)`. A dataset may also offer `getItems(indices)`, which returns a whole batch at once,
 * already collated, exactly as `defaultCollate` would collate the items (the fast path of
 * {@link TensorDataset}, which gathers rows straight into the batch tensors). The
 * {@link DataLoader} uses it when no custom `collateFn` is given, unless `getItem` is defined
 * closer to the object than `getItems` (a subclass that overrides `getItem` only): then it reads
 * the items one by one, so the override is honoured.
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
