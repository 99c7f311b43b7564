import type { Exports } from "./simd.js";

/**
 * The layout every kernels module's memory shares above its first pages: the elementwise kernels'
 * chunks and the constant table sit in the first four pages; matrix products and the threaded
 * elementwise ops put their data from {@link DATA_BASE} on, growing the memory as they need.
 */

/** Byte offset where products' matrices and threaded ops' tensors start: after the chunks. */
export const DATA_BASE = 4 * 65536;

/** The most memory the kernels may grow to (1 GiB); larger work stays elsewhere. */
export const MAX_MEMORY_BYTES = 1 << 30;

/** Grows `k.memory` to hold `bytes` bytes; false, growing nothing, beyond {@link MAX_MEMORY_BYTES}. */
export function ensureMemory(k: Pick<Exports, "memory">, bytes: number): boolean {
  if (bytes > MAX_MEMORY_BYTES) return false;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return true;
}
