import { checkView } from "./checkView.js";
import { storageBytes } from "./storageBytes.js";
import { DTYPE_INFO, type StorageArray, type TensorData } from "./tensorData.js";

/** Row-major (C-contiguous) strides of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d]!;
  }
  return strides;
}

/**
 * The elements `tensor` views, in row-major order, as bytes: a zero-copy view of its storage when
 * the view is contiguous, else a gathered copy (one pass over the elements).
 */
export function contiguousBytes(tensor: TensorData): Uint8Array {
  const { shape, strides, storageOffset, dtype } = tensor;
  const numel = checkView(
    shape,
    strides,
    storageOffset,
    tensor.storage.length,
    `a ${dtype} tensor`,
  );
  const all = storageBytes(dtype, tensor.storage);
  const itemSize = DTYPE_INFO[dtype].itemSize;
  const expected = contiguousStrides(shape);
  if (shape.every((size, d) => size <= 1 || strides[d] === expected[d])) {
    return all.subarray(storageOffset * itemSize, (storageOffset + numel) * itemSize);
  }
  const source = tensor.storage as unknown as {
    readonly [i: number]: unknown;
    readonly length: number;
  };
  const out = DTYPE_INFO[dtype].view(new ArrayBuffer(numel * itemSize), 0, numel) as unknown as {
    [i: number]: unknown;
  };
  const index = new Array<number>(shape.length).fill(0);
  let at = storageOffset;
  for (let k = 0; k < numel; k++) {
    out[k] = source[at];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) {
        at += strides[d]!;
        break;
      }
      at -= (shape[d]! - 1) * strides[d]!;
      index[d] = 0;
    }
  }
  return new Uint8Array((out as unknown as StorageArray).buffer);
}
