import { fromTypedArray, type Storage, stack, type Tensor } from "@kindling/tensor";
import { DataError } from "../dataErrors.js";
import { batchStorage } from "./batchStorage.js";
import { checkIndex, type Dataset } from "./dataset.js";
import { gatherRows, type Units } from "./gatherRows.js";

/**
 * How batches of one tensor are gathered: straight from its storage when it is contiguous, as
 * 8-byte units (rows of whole, aligned 8-byte units), 32-bit words (other rows) or bytes (bool).
 */
interface Column {
  /** The tensor's storage seen as words or bytes, or null to stack `select` views instead. */
  readonly src: Units | null;
  /** Units of `src` per row. */
  readonly rowLength: number;
  /** Shape of one row. */
  readonly rowShape: readonly number[];
}

/**
 * A dataset of tensors sharing their first dim: item `i` is `[t0[i], t1[i], ...]`, as PyTorch's
 * `TensorDataset`. Batches gather rows straight from the tensors' storage into new batch tensors
 * (no per-item tensors), which is what makes a `DataLoader` over it fast. The tensors are kept, not
 * copied: items and batches read them when asked for.
 *
 * @example
 * ```ts
 * const ds = new TensorDataset(features, labels); // features [1000, 5], labels [1000, 1]
 * const [x, y] = ds.getItem(0);                   // x [5], y [1]
 * const [xb, yb] = ds.getItems([3, 1, 4]);        // xb [3, 5], yb [3, 1]
 * ```
 */
export class TensorDataset implements Dataset<Tensor[]> {
  /** The tensors, each with `length` rows. */
  readonly tensors: readonly Tensor[];
  /** Number of rows. */
  readonly length: number;
  private readonly columns: Column[];

  /** @param tensors Tensors with the same size of dim 0. */
  constructor(...tensors: Tensor[]) {
    const length = tensors[0]?.shape[0];
    if (length === undefined) {
      throw new DataError("TensorDataset needs at least one tensor with at least one dim");
    }
    for (const t of tensors) {
      if (t.shape[0] !== length) {
        throw new DataError(
          `Size mismatch between tensors: dim 0 has size ${length} in the first tensor and ${t.shape[0]} in another`,
        );
      }
    }
    this.tensors = tensors;
    this.length = length;
    this.columns = tensors.map(columnOf);
  }

  /** Row `index` of every tensor. */
  getItem(index: number): Tensor[] {
    const i = checkIndex(index, this.length);
    return this.tensors.map((t) => t.select(0, i));
  }

  /**
   * Rows `indices` of every tensor, gathered into batch tensors of shape `[indices.length, ...]`:
   * the same tensors (dtype, shape, values) as stacking `getItem(i)` for each index. The rows of a
   * contiguous tensor are copied straight from its storage (read when called, so in-place changes
   * to the tensors show, as they do through `getItem`); a strided tensor, or one that requires
   * grad, is stacked from `select` views, so the batch keeps its autograd history.
   */
  getItems(indices: ArrayLike<number>): Tensor[] {
    const n = indices.length;
    const rows = rowsOf(indices, this.length);
    return this.tensors.map((t, c) => {
      const { src, rowLength, rowShape } = this.columns[c]!;
      if (src === null || t.requiresGrad || n === 0) {
        return n === 0
          ? fromTypedArray(t.storage.slice(0, 0), [0, ...rowShape])
          : stack(Array.from(rows, (i) => t.select(0, i)));
      }
      const out = gatherRows(src, 0, rowLength, rows, batchStorage(src, n * rowLength));
      return fromTypedArray(asStorage(t.storage, out), [n, ...rowShape]);
    });
  }
}

/**
 * `indices` as non-negative row numbers, checked against `length`: `indices` itself when it is an
 * Int32Array of valid non-negative rows (it is only read), else a new Int32Array.
 */
function rowsOf(indices: ArrayLike<number>, length: number): Int32Array {
  const n = indices.length;
  if (indices instanceof Int32Array) {
    let k = 0;
    while (k < n && indices[k]! >= 0 && indices[k]! < length) k++;
    if (k === n) return indices;
  }
  const rows = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    rows[k] = i >= 0 && i < length && (i | 0) === i ? i : checkIndex(i, length);
  }
  return rows;
}

/**
 * How to gather rows of `t` (see {@link Column}): a view of exactly its elements, as 8-byte units
 * when its rows are whole, aligned 8-byte units, else as 32-bit words (bytes for bool).
 */
function columnOf(t: Tensor): Column {
  const rowShape = t.shape.slice(1);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  if (!t.contiguousLayout) return { src: null, rowLength: 0, rowShape };
  const storage = t.storage;
  const bytes = storage.BYTES_PER_ELEMENT;
  const start = storage.byteOffset + t.storageOffset * bytes;
  const total = t.shape[0]! * rowSize * bytes;
  if (storage instanceof Uint8Array) {
    return { src: new Uint8Array(storage.buffer, start, total), rowLength: rowSize, rowShape };
  }
  const rowBytes = rowSize * bytes;
  const src =
    start % 8 === 0 && rowBytes % 8 === 0
      ? new Float64Array(storage.buffer, start, total >> 3)
      : new Int32Array(storage.buffer, start, total >> 2);
  return { src, rowLength: rowBytes / src.BYTES_PER_ELEMENT, rowShape };
}

/** `out`'s bytes as a typed array of `like`'s kind. */
function asStorage(like: Storage, out: Units): Storage {
  const { buffer, byteOffset, byteLength } = out;
  if (like instanceof Float32Array) return new Float32Array(buffer, byteOffset, byteLength >> 2);
  if (like instanceof Float64Array) return new Float64Array(buffer, byteOffset, byteLength >> 3);
  if (like instanceof BigInt64Array) return new BigInt64Array(buffer, byteOffset, byteLength >> 3);
  return out as Uint8Array;
}
