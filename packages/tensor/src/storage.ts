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

/**
 * Arrays of at least this many bytes that an op writes whole are allocated unfilled (see
 * {@link allocateUnfilled}); smaller ones come from {@link allocate}.
 */
export const UNFILLED_MIN_BYTES = 1 << 16;

interface HostBuffer {
  allocUnsafeSlow(size: number): { readonly buffer: ArrayBuffer; readonly byteOffset: number };
}

/** Node's `Buffer`, where there is one (not in browsers). */
const hostBuffer = (globalThis as unknown as { Buffer?: HostBuffer }).Buffer;

let poison =
  (globalThis as unknown as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.KINDLING_POISON_UNFILLED === "1";

/**
 * Fills every unfilled array with a marker (NaN, or bytes of 0x5a for int64 and bool) when `flag`
 * is true; returns the previous setting. Off by default; on when the process starts with
 * `KINDLING_POISON_UNFILLED=1`, as the test suite does, so that an op which leaves an element of
 * its result unwritten gives a wrong value in a test rather than whatever the memory held.
 */
export function setUnfilledPoison(flag: boolean): boolean {
  const previous = poison;
  poison = flag;
  return previous;
}

/**
 * A new typed array of `n` elements of `dtype` whose contents are unspecified, for a result the
 * caller overwrites in full before anyone else sees it. In Node, arrays of at least
 * {@link UNFILLED_MIN_BYTES} come from `Buffer.allocUnsafeSlow` (malloc without the zeroing
 * calloc does): a 4 MB result is then 0.1–0.9 ms cheaper, since memory freed by the last result
 * is taken again without being cleared. Elsewhere, and for smaller arrays, the same as
 * {@link allocate}.
 */
export function allocateUnfilled(dtype: DType, n: number): Storage {
  // small enough for V8 to inline into every op: fewer elements than any dtype's 64 KiB go straight on
  return n < UNFILLED_MIN_BYTES / 8 ? allocate(dtype, n) : allocateLarge(dtype, n);
}

function allocateLarge(dtype: DType, n: number): Storage {
  const width = dtype === "bool" ? 1 : dtype === "float32" ? 4 : 8;
  const bytes = n * width;
  if (hostBuffer === undefined || bytes < UNFILLED_MIN_BYTES) return allocate(dtype, n);
  const { buffer, byteOffset } = hostBuffer.allocUnsafeSlow(bytes);
  let out: Storage;
  if (dtype === "float32") out = new Float32Array(buffer, byteOffset, n);
  else if (dtype === "float64") out = new Float64Array(buffer, byteOffset, n);
  else if (dtype === "int64") out = new BigInt64Array(buffer, byteOffset, n);
  else out = new Uint8Array(buffer, byteOffset, n);
  if (poison) {
    if (out instanceof Float32Array || out instanceof Float64Array) out.fill(Number.NaN);
    else new Uint8Array(buffer, byteOffset, bytes).fill(0x5a);
  }
  return out;
}

/** The dtype whose storage is this typed array's type. */
export function dtypeOfStorage(storage: Storage): DType {
  if (storage instanceof Float32Array) return "float32";
  if (storage instanceof Float64Array) return "float64";
  if (storage instanceof BigInt64Array) return "int64";
  return "bool";
}
