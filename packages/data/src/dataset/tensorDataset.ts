import { fromTypedArray, type Tensor } from "@kindling/tensor";
import { DataError } from "../dataErrors.js";
import { checkIndex, type Dataset } from "./dataset.js";

type Storage = Float32Array | Float64Array | BigInt64Array | Uint8Array;

interface Column {
  /** The tensor's elements in row-major order. */
  readonly data: Storage;
  /** The same bytes as 32-bit words (every dtype but uint8/bool), so one copy loop serves all. */
  readonly words: Int32Array | null;
  /** 32-bit words per row (when `words` is set). */
  readonly rowWords: number;
  /** Elements per row. */
  readonly rowSize: number;
  /** Shape of one row. */
  readonly rowShape: readonly number[];
}

/**
 * A dataset of tensors sharing their first dim: item `i` is `[t0[i], t1[i], ...]`, as PyTorch's
 * `TensorDataset`. Batches gather rows straight into new batch tensors (a block copy per row, no
 * per-item tensors), which is what makes a `DataLoader` over it fast.
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
    this.columns = tensors.map((t) => {
      const rowShape = t.shape.slice(1);
      const rowSize = rowShape.reduce((a, b) => a * b, 1);
      const data = t.detach().toTypedArray() as Storage;
      const words =
        data instanceof Uint8Array
          ? null
          : new Int32Array(data.buffer, data.byteOffset, data.byteLength >> 2);
      const rowWords = rowSize * (data.BYTES_PER_ELEMENT >> 2);
      return { data, words, rowWords, rowSize, rowShape };
    });
  }

  /** Row `index` of every tensor. */
  getItem(index: number): Tensor[] {
    const i = checkIndex(index, this.length);
    return this.tensors.map((t) => t.select(0, i));
  }

  /** Rows `indices` of every tensor, gathered into batch tensors of shape `[indices.length, ...]`. */
  getItems(indices: ArrayLike<number>): Tensor[] {
    const n = indices.length;
    const length = this.length;
    const rows = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      rows[k] = i >= 0 && i < length && (i | 0) === i ? i : checkIndex(i, length);
    }
    return this.columns.map(({ data, words, rowWords, rowSize, rowShape }) => {
      const out =
        words === null
          ? gatherBytes(data as Uint8Array, rowSize, rows)
          : asStorage(data, gatherWords(words, rowWords, rows).buffer as ArrayBuffer);
      return fromTypedArray(out, [n, ...rowShape]);
    });
  }
}

/** A typed array of `like`'s kind over `buffer`. */
function asStorage(like: Storage, buffer: ArrayBuffer): Storage {
  if (like instanceof Float32Array) return new Float32Array(buffer);
  if (like instanceof Float64Array) return new Float64Array(buffer);
  if (like instanceof BigInt64Array) return new BigInt64Array(buffer);
  return new (like.constructor as new (buffer: ArrayBuffer) => Storage)(buffer);
}

/** Rows `rows` (non-negative) of `words`, `rowWords` words each, copied into a new array. */
function gatherWords(words: Int32Array, rowWords: number, rows: Int32Array): Int32Array {
  const n = rows.length;
  const out = new Int32Array(n * rowWords);
  if (rowWords === 1) {
    for (let k = 0; k < n; k++) out[k] = words[rows[k]!]!;
  } else if (rowWords >= 64) {
    for (let k = 0; k < n; k++) {
      const start = rows[k]! * rowWords;
      out.set(words.subarray(start, start + rowWords), k * rowWords);
    }
  } else {
    for (let k = 0, o = 0; k < n; k++) {
      const start = rows[k]! * rowWords;
      const end = start + rowWords;
      for (let j = start; j < end; j++) out[o++] = words[j]!;
    }
  }
  return out;
}

/** Rows `rows` (non-negative) of a byte column, `rowSize` bytes each, copied into a new array. */
function gatherBytes(data: Uint8Array, rowSize: number, rows: Int32Array): Uint8Array {
  const n = rows.length;
  const out = new Uint8Array(n * rowSize);
  for (let k = 0, o = 0; k < n; k++) {
    const start = rows[k]! * rowSize;
    const end = start + rowSize;
    for (let j = start; j < end; j++) out[o++] = data[j]!;
  }
  return out;
}
