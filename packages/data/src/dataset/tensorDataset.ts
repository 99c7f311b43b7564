import { fromTypedArray, type Tensor } from "@kindling/tensor";
import { DataError } from "../dataErrors.js";
import { checkIndex, type Dataset } from "./dataset.js";

type Storage = Float32Array | Float64Array | BigInt64Array | Uint8Array;

interface Column {
  /** The tensor's elements in row-major order. */
  readonly data: Storage;
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
      return { data: t.detach().toTypedArray() as Storage, rowSize, rowShape };
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
    for (let k = 0; k < n; k++) checkIndex(indices[k]!, length);
    return this.columns.map(({ data, rowSize, rowShape }) => {
      const out = gatherRows(data, rowSize, indices, length);
      return fromTypedArray(out, [n, ...rowShape]);
    });
  }
}

function gatherRows(
  data: Storage,
  rowSize: number,
  indices: ArrayLike<number>,
  length: number,
): Storage {
  const n = indices.length;
  const out = new (data.constructor as new (size: number) => Storage)(n * rowSize);
  if (rowSize === 1) {
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      out[k] = data[i < 0 ? i + length : i]!;
    }
    return out;
  }
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    const start = (i < 0 ? i + length : i) * rowSize;
    for (let j = 0; j < rowSize; j++) out[k * rowSize + j] = data[start + j]!;
  }
  return out;
}
