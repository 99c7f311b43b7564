import type { Generator } from "./generator.js";
import { int64Words, LOW_WORD } from "./int64Words.js";
import { nextUint32 } from "./mt19937.js";

/**
 * Fills `out` with a random permutation of 0..n-1 (n = `out.length`), bit for bit as PyTorch
 * 1.13's CPU `torch.randperm(n)` (`randperm_cpu`): start from the identity and, for
 * i = 0..n-2, swap element i with element i + (draw % (n - i)), one 32-bit draw each, so n - 1
 * draws in all (none for n <= 1).
 *
 * @param gen the generator to draw from.
 * @param out where the permutation goes: int64 (PyTorch's default dtype), int32, float32 or
 * float64. n must be below 2^32.
 * @example
 * ```ts
 * const perm = randpermInto(new Generator().manualSeed(42), new BigInt64Array(5));
 * // perm: [2n, 4n, 3n, 0n, 1n], as torch.randperm(5) after manual_seed(42)
 * ```
 */
export function randpermInto<T extends BigInt64Array | Int32Array | Float32Array | Float64Array>(
  gen: Generator,
  out: T,
): T {
  const n = out.length;
  if (n >= 4294967296) throw new RangeError(`randperm: n must be below 2^32, got ${n}`);
  const mt = gen.mt;
  if (out instanceof BigInt64Array) {
    // Permute the low words in place; the high words are all zero.
    const words = int64Words(out);
    words.fill(0);
    for (let i = 0; i < n; i++) words[2 * i + LOW_WORD] = i;
    for (let i = 0; i < n - 1; i++) {
      const a = 2 * i + LOW_WORD;
      const b = 2 * (i + (nextUint32(mt) % (n - i))) + LOW_WORD;
      const saved = words[a]!;
      words[a] = words[b]!;
      words[b] = saved;
    }
  } else {
    const values = out as Int32Array | Float32Array | Float64Array;
    for (let i = 0; i < n; i++) values[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const j = i + (nextUint32(mt) % (n - i));
      const saved = values[i]!;
      values[i] = values[j]!;
      values[j] = saved;
    }
  }
  return out;
}
