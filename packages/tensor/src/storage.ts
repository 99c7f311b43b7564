import type { DType } from "./dtype.js";
import type { Storage } from "./kernels/types.js";

export type { Storage } from "./kernels/types.js";

/** Arrays of at most this many bytes are carved from a shared slab instead of their own buffer. */
const SMALL_BYTES = 4096;
/** Size of each slab: small arrays made one after another share one. */
const SLAB_BYTES = 1 << 16;

let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/**
 * Reserves `bytes` zeroed bytes (16-byte aligned) in the current slab (`slab`) and returns their
 * byte offset. A fresh
 * `ArrayBuffer` per small tensor costs a malloc, external-memory accounting and a finalizer in
 * V8, several times the work of a tiny op; a view into a shared slab costs an object. A slab is
 * never reused, only dropped when it is full, and freed with the last view into it.
 */
function carve(bytes: number): number {
  const size = (bytes + 15) & ~15;
  if (slabUsed + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += size;
  return at;
}

/** A new zero-filled typed array holding `n` elements of `dtype`. */
export function allocate(dtype: DType, n: number): Storage {
  switch (dtype) {
    case "float32":
      return allocateFloat32(n);
    case "float64":
      return allocateFloat64(n);
    case "int64": {
      if (n === 0 || n * 8 > SMALL_BYTES) return new BigInt64Array(n);
      const at = carve(n * 8);
      return new BigInt64Array(slab, at, n);
    }
    case "bool": {
      if (n === 0 || n > SMALL_BYTES) return new Uint8Array(n);
      const at = carve(n);
      return new Uint8Array(slab, at, n);
    }
  }
}

/** A new zero-filled Float32Array of `n` elements (small ones share a slab, see `allocate`). */
export function allocateFloat32(n: number): Float32Array {
  if (n === 0 || n * 4 > SMALL_BYTES) return new Float32Array(n);
  const at = carve(n * 4);
  return new Float32Array(slab, at, n);
}

/** A new zero-filled Float64Array of `n` elements (small ones share a slab, see `allocate`). */
export function allocateFloat64(n: number): Float64Array {
  if (n === 0 || n * 8 > SMALL_BYTES) return new Float64Array(n);
  const at = carve(n * 8);
  return new Float64Array(slab, at, n);
}

/** The dtype whose storage is this typed array's type. */
export function dtypeOfStorage(storage: Storage): DType {
  if (storage instanceof Float32Array) return "float32";
  if (storage instanceof Float64Array) return "float64";
  if (storage instanceof BigInt64Array) return "int64";
  return "bool";
}
