import { fillUint32, type Generator } from "@kindling/tensor";

/** Draws taken from the generator at a time (16 KB: stays in the L1 cache). */
const BLOCK = 4096;

/**
 * Fills `out` with a random permutation of 0..n-1 (n = `out.length`), bit for bit what
 * `randpermInto(gen, out)` (PyTorch 1.13's CPU `randperm`) gives and drawing exactly what it draws:
 * start from the identity and, for i = 0..n-2, swap element i with element i + (draw % (n - i)),
 * one 32-bit draw each. The draws are taken in blocks ({@link fillUint32}), which makes it about
 * twice as fast as drawing them one at a time.
 */
export function permuteInto(gen: Generator, out: Int32Array): Int32Array {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = i;
  const draws = new Uint32Array(Math.min(BLOCK, Math.max(n - 1, 0)));
  for (let base = 0; base < n - 1; base += draws.length) {
    const count = Math.min(draws.length, n - 1 - base);
    fillUint32(gen, count === draws.length ? draws : draws.subarray(0, count));
    for (let q = 0; q < count; q++) {
      const i = base + q;
      const j = i + (draws[q]! % (n - i));
      const saved = out[i]!;
      out[i] = out[j]!;
      out[j] = saved;
    }
  }
  return out;
}
