import type { Dataset } from "./dataset.js";

/**
 * The batched access (`getItems`) of `dataset` when it may stand in for `getItem` item by item,
 * bound to the dataset; else null. It may not when `getItem` is defined closer to the object than
 * `getItems` (a subclass of {@link TensorDataset} that overrides `getItem` only, or an instance whose
 * `getItem` was replaced): such a dataset is read item by item, as PyTorch reads it.
 */
export function batchedAccess<T>(dataset: Dataset<T>): ((indices: ArrayLike<number>) => T) | null {
  if (typeof dataset.getItems !== "function") return null;
  for (let level: object | null = dataset; level !== null; level = Object.getPrototypeOf(level)) {
    if (Object.hasOwn(level, "getItems")) return dataset.getItems.bind(dataset);
    if (Object.hasOwn(level, "getItem")) return null;
  }
  return null;
}
