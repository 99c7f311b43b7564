/**
 * Writing int64 elements without a bigint per element: a `BigInt64Array`'s bytes seen as pairs
 * of 32-bit words (low word first on little-endian platforms).
 */

/** Index of the low word within each pair (0 on little-endian platforms). */
export const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
/** Index of the high word within each pair. */
export const HIGH_WORD = 1 - LOW_WORD;

/** The 32-bit words of `out`, two per element. */
export function int64Words(out: BigInt64Array): Uint32Array {
  return new Uint32Array(out.buffer, out.byteOffset, out.length * 2);
}

/** Stores the integer `value` (|value| < 2^53) as element `i` of the words of an int64 array. */
export function setInt64(words: Uint32Array, i: number, value: number): void {
  words[2 * i + LOW_WORD] = value >>> 0;
  words[2 * i + HIGH_WORD] = Math.floor(value / 4294967296) >>> 0;
}
