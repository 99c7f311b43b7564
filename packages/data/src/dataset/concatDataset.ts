import { DataError } from "../dataErrors.js";
import { checkIndex, type Dataset } from "./dataset.js";

/**
 * Several datasets one after another (PyTorch's `ConcatDataset`).
 *
 * @example
 * ```ts
 * const all = new ConcatDataset([first, second]);
 * all.length; // first.length + second.length
 * ```
 */
export class ConcatDataset<T> implements Dataset<T> {
  /** The datasets, in order. */
  readonly datasets: readonly Dataset<T>[];
  /** Running totals of the datasets' lengths. */
  readonly cumulativeSizes: readonly number[];

  /** @param datasets The datasets to chain; at least one. */
  constructor(datasets: readonly Dataset<T>[]) {
    if (datasets.length === 0) throw new DataError("datasets should not be an empty iterable");
    this.datasets = datasets;
    let total = 0;
    this.cumulativeSizes = datasets.map((d) => (total += d.length));
  }

  /** Total number of items. */
  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  /** Item `index`, from the dataset it falls in. */
  getItem(index: number): T {
    const i = checkIndex(index, this.length);
    let d = 0;
    while (i >= this.cumulativeSizes[d]!) d++;
    const before = d === 0 ? 0 : this.cumulativeSizes[d - 1]!;
    return this.datasets[d]!.getItem(i - before);
  }
}
