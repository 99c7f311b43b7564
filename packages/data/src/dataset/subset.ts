import { DataError } from "../dataErrors.js";
import { defaultCollate } from "../loader/collate.js";
import { batchedAccess } from "./batchedAccess.js";
import { checkIndex, type Dataset } from "./dataset.js";

/**
 * The items of `dataset` at `indices`, in that order (PyTorch's `Subset`). Batched access maps
 * the indices and passes them on, so a subset of a {@link TensorDataset} keeps the fast path.
 *
 * @example
 * ```ts
 * const sub = new Subset(ds, [4, 0, 2]);
 * sub.getItem(0); // ds.getItem(4)
 * ```
 */
export class Subset<T> implements Dataset<T> {
  /** The dataset the items come from. */
  readonly dataset: Dataset<T>;
  /** Indices into `dataset`, in subset order. */
  readonly indices: Int32Array;

  /**
   * @param dataset The dataset to take items from.
   * @param indices Indices into it: a list, or a range `{ start, end }` (end excluded).
   */
  constructor(dataset: Dataset<T>, indices: ArrayLike<number> | { start: number; end: number }) {
    this.dataset = dataset;
    if ("start" in indices) {
      const { start, end } = indices;
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(end) ||
        start < 0 ||
        end < start ||
        end > dataset.length
      ) {
        throw new DataError(
          `Subset range [${start}, ${end}) does not fit a dataset of length ${dataset.length}`,
        );
      }
      this.indices = Int32Array.from({ length: end - start }, (_, k) => start + k);
    } else {
      this.indices = Int32Array.from(indices as ArrayLike<number>, (i) =>
        checkIndex(i, dataset.length),
      );
    }
  }

  /** Number of items. */
  get length(): number {
    return this.indices.length;
  }

  /** Item `index` of the subset: `dataset.getItem(indices[index])`. */
  getItem(index: number): T {
    return this.dataset.getItem(this.indices[checkIndex(index, this.indices.length)]!);
  }

  /**
   * The items at subset positions `indices`, collated: through the underlying dataset's batched
   * access when it has one that stands for its `getItem`, else item by item with
   * {@link defaultCollate}.
   */
  getItems(indices: ArrayLike<number>): T {
    const n = indices.length;
    const own = this.indices;
    const size = own.length;
    const mapped = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      mapped[k] = own[i >= 0 && i < size && (i | 0) === i ? i : checkIndex(i, size)]!;
    }
    const access = batchedAccess(this.dataset);
    if (access !== null) return access(mapped);
    return defaultCollate(Array.from(mapped, (i) => this.dataset.getItem(i))) as T;
  }
}
