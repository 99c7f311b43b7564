import { fillUint32 } from "./fillUint32.js";
import type { Generator } from "./generator.js";
import { HIGH_WORD, int64Words, LOW_WORD } from "./int64Words.js";
import { remainder } from "./remainder.js";

/** Draws taken from the generator and applied at a time (16 KB: they stay in the L1 cache). */
const BLOCK = 4096;

/**
 * Fills `out` with a random permutation of 0..n-1 (n = `out.length`), bit for bit as PyTorch
 * 1.13's CPU `torch.randperm(n)` (`randperm_cpu`): start from the identity and, for
 * i = 0..n-2, swap element i with element i + (draw % (n - i)), one 32-bit draw each, so n - 1
 * draws in all (none for n <= 1).
 *
 * The draws are taken in blocks ({@link fillUint32}) and the swaps run on 32-bit words: an
 * int32 output's own, an int64 output's low words in place (its high words stay 0), and for
 * floating-point outputs a word array converted at the end. 1M elements into int64 take 16-20 ms
 * on a Zen 3 host, where a word array converted into int64 took 18-34.
 *
 * @param gen the generator to draw from.
 * @param out where the permutation goes: int64 (PyTorch's default dtype), int32, float32 or
 * float64. n must be below 2^32 (below 2^31 for int32).
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
  if (out instanceof Int32Array) {
    if (n > 2147483648) throw new RangeError(`randperm: int32 holds n up to 2^31, got ${n}`);
    // The same bytes as unsigned words: every value is below 2^31.
    const words = new Uint32Array(out.buffer, out.byteOffset, n);
    for (let i = 0; i < n; i++) words[i] = i;
    permuteWords(gen, words, n, 1, 0);
    return out;
  }
  if (out instanceof BigInt64Array) {
    const words = int64Words(out);
    for (let i = 0; i < n; i++) {
      words[2 * i + LOW_WORD] = i;
      words[2 * i + HIGH_WORD] = 0;
    }
    permuteWords(gen, words, n, 2, LOW_WORD);
    return out;
  }
  const words = new Uint32Array(n);
  for (let i = 0; i < n; i++) words[i] = i;
  (out as Float32Array | Float64Array).set(permuteWords(gen, words, n, 1, 0));
  return out;
}

/**
 * Permutes the n words `words[low + stride * i]`, which hold 0..n-1 in order, into PyTorch's
 * permutation for the next n - 1 draws; returns `words`. Each block of draws is first turned into
 * its swap targets, then swapped: with the remainder's division out of the swap loop, more of the
 * swaps' cache misses overlap (1M elements: 15 ms against 18.5 on a Zen 3 host).
 */
function permuteWords(
  gen: Generator,
  words: Uint32Array,
  n: number,
  stride: number,
  low: number,
): Uint32Array {
  const draws = new Uint32Array(Math.min(BLOCK, Math.max(n - 1, 0)));
  const targets = new Uint32Array(draws.length);
  for (let base = 0; base < n - 1; base += draws.length) {
    const count = Math.min(draws.length, n - 1 - base);
    fillUint32(gen, count === draws.length ? draws : draws.subarray(0, count));
    for (let q = 0; q < count; q++) {
      const i = base + q;
      targets[q] = i + remainder(draws[q]!, n - i);
    }
    for (let q = 0; q < count; q++) {
      const i = low + stride * (base + q);
      const j = low + stride * targets[q]!;
      const saved = words[i]!;
      words[i] = words[j]!;
      words[j] = saved;
    }
  }
  return words;
}
