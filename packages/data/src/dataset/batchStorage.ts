import type { Units } from "./gatherRows.js";

/** Batches of at most this many bytes (per tensor) are carved from a shared slab. */
const SMALL_BATCH_BYTES = 65536;
/** Size of each slab: the batches of a pass, one after another, share one. */
const SLAB_BYTES = 1 << 18;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * A new zeroed array of `length` elements of `like`'s kind for a batch that
 * `TensorDataset.getItems` gathers into. A batch of up to 64 KiB is a view into a shared
 * 256 KiB slab rather than its own buffer: one malloc, external-memory accounting and finalizer
 * in V8 for every several batches instead of one each (a shuffled pass over 1,000,000 × 16
 * float32 rows in batches of 256 makes 7,812 of them: 10-15% of the pass). A slab is never
 * reused, only dropped when full, and freed with the last batch in it: keeping one batch keeps at
 * most 256 KiB.
 */
export function batchStorage<A extends Units>(like: A, length: number): A {
  const bytes = length * like.BYTES_PER_ELEMENT;
  if (bytes === 0 || bytes > SMALL_BATCH_BYTES) return fresh(like, length);
  const size = (bytes + 15) & ~15;
  if (used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  if (like instanceof Float64Array) return new Float64Array(slab, at, length) as A;
  if (like instanceof Int32Array) return new Int32Array(slab, at, length) as A;
  return new Uint8Array(slab, at, length) as A;
}

function fresh<A extends Units>(like: A, length: number): A {
  if (like instanceof Float64Array) return new Float64Array(length) as A;
  return (like instanceof Int32Array ? new Int32Array(length) : new Uint8Array(length)) as A;
}
