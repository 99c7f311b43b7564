import type { SerialDType, StorageArray } from "../tensor/tensorData.js";

/**
 * A storage a pickle referred to through a persistent id (`('storage', torch.FloatStorage, key,
 * location, numel)` in a .pt file), loaded by the container layer. Only tensor rebuild functions
 * take it; it never appears in a loaded value.
 */
export class StorageRef {
  /** The element type of the storage as loaded (float16 becomes float32 when converted). */
  readonly dtype: SerialDType;
  /** The elements. */
  readonly array: StorageArray;
  /** The storage's key in the archive (`data/<key>`). */
  readonly key: string;

  /** A storage `key` of `dtype` holding `array`. */
  constructor(dtype: SerialDType, array: StorageArray, key: string) {
    this.dtype = dtype;
    this.array = array;
    this.key = key;
  }
}
