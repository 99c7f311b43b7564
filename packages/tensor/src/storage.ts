import type { DType } from "./dtype.js";
import type { Storage } from "./kernels/types.js";

export type { Storage } from "./kernels/types.js";

/** A new zero-filled typed array holding `n` elements of `dtype`. */
export function allocate(dtype: DType, n: number): Storage {
  switch (dtype) {
    case "float32":
      return new Float32Array(n);
    case "float64":
      return new Float64Array(n);
    case "int64":
      return new BigInt64Array(n);
    case "bool":
      return new Uint8Array(n);
  }
}

/** The dtype whose storage is this typed array's type. */
export function dtypeOfStorage(storage: Storage): DType {
  if (storage instanceof Float32Array) return "float32";
  if (storage instanceof Float64Array) return "float64";
  if (storage instanceof BigInt64Array) return "int64";
  return "bool";
}
