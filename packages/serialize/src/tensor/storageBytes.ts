import { SerializeError } from "../errors.js";
import { DTYPE_INFO, type SerialDType, type StorageArray } from "./tensorData.js";

/** The constructor each dtype's storage must be an instance of. */
const STORAGE_CLASS: Readonly<Record<SerialDType, { readonly name: string }>> = {
  float64: Float64Array,
  float32: Float32Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

/**
 * The bytes of a storage, as a zero-copy `Uint8Array` over the same memory, after checking that
 * its typed array matches `dtype` (a `Float32Array` for float32, ...).
 *
 * @throws {SerializeError} `UNSUPPORTED_VALUE` when the array type does not match the dtype.
 */
export function storageBytes(dtype: SerialDType, storage: StorageArray): Uint8Array {
  const expected = STORAGE_CLASS[dtype];
  if (storage.constructor !== expected) {
    throw new SerializeError(
      "UNSUPPORTED_VALUE",
      `a ${dtype} tensor needs its storage in a ${expected.name}, got ${storage.constructor.name}`,
    );
  }
  return new Uint8Array(
    storage.buffer,
    storage.byteOffset,
    storage.length * DTYPE_INFO[dtype].itemSize,
  );
}

/**
 * A storage array of `dtype` holding `bytes` (little-endian): a view on the same memory when the
 * bytes are aligned to the element size and `copy` is false, else a copy.
 */
export function storageFromBytes(
  dtype: SerialDType,
  bytes: Uint8Array,
  copy: boolean,
): StorageArray {
  const { itemSize, view } = DTYPE_INFO[dtype];
  const length = bytes.length / itemSize;
  if (!copy && bytes.byteOffset % itemSize === 0)
    return view(bytes.buffer, bytes.byteOffset, length);
  // Uint8Array's slice, not Buffer's: a Node Buffer's `slice` is a view of the same memory.
  const owned = Uint8Array.prototype.slice.call(bytes);
  return view(owned.buffer, 0, length);
}
