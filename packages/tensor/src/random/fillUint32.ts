import { simdMtBlocks, simdMtUnitBlocks } from "../kernels/wasm/simdMt.js";
import type { Generator } from "./generator.js";
import { MT_N, type MtState } from "./mt19937.js";

const MT_M = 397;
/** Whole blocks of draws from which the WebAssembly kernel makes them (below it, a call costs more). */
const SIMD_MIN_BLOCKS = 2;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * Fills `out` with the next `out.length` raw 32-bit draws of `gen`: exactly the values, and the
 * generator state afterwards, that `out.length` calls of `gen.random()` give (PyTorch's
 * `generator->random()`, one Mersenne Twister output each). It is faster for many draws: the state
 * is regenerated and tempered a block of 624 words at a time, in loops without branches, where
 * `gen.random()` checks for the end of the block at every draw; and two or more whole blocks in a
 * row are made by the WebAssembly SIMD kernel where it runs (`mt_blocks`, four lanes at a time:
 * 1M draws in 0.72 ms against 5.5 on a Zen 3 host), the same draws.
 *
 * Algorithms that consume one 32-bit draw per step, such as PyTorch's CPU `randperm`
 * (see {@link randpermInto}), can take their draws from here in blocks.
 *
 * @param gen the generator to draw from.
 * @param out where the draws go, in order.
 * @returns `out`.
 * @example
 * ```ts
 * const a = fillUint32(new Generator().manualSeed(42), new Uint32Array(3));
 * const g = new Generator().manualSeed(42);
 * // a: [g.random(), g.random(), g.random()]
 * ```
 */
export function fillUint32(gen: Generator, out: Uint32Array): Uint32Array {
  const mt = gen.mt;
  const words = mt.words;
  const n = out.length;
  let i = 0;
  while (i < n) {
    // The draw that brings `left` to 0 regenerates the state first (as `nextUint32` does), so
    // `left - 1` draws are ready before the next regeneration.
    if (mt.left === 1) {
      // Whole blocks from here (two or more) go four lanes at a time where SIMD is.
      const blocks = Math.floor((n - i) / MT_N);
      if (blocks >= SIMD_MIN_BLOCKS && simdMtBlocks(mt, out, i, blocks)) {
        i += blocks * MT_N;
        continue;
      }
      regenerate(mt);
      mt.left = MT_N + 1;
    }
    const end = Math.min(n, i + mt.left - 1);
    let p = mt.next;
    mt.left -= end - i;
    for (; i < end; i++) {
      let y = words[p++]!;
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      out[i] = y;
    }
    mt.next = p;
  }
  return out;
}

/** 2⁻²⁴: a 24-bit draw times this is a float32 in [0, 1). */
const TWO_POW_M24 = 2 ** -24;
let scratch: Uint32Array | null = null;

/**
 * Fills `out` with the float32 uniforms `(d & 0xffffff) · 2⁻²⁴` of the next `out.length` raw
 * draws d of `gen` (PyTorch's float32 `uniform_(0, 1)`, one draw per element): the values, and the
 * generator state afterwards, of {@link fillUint32} followed by that conversion. Whole blocks of
 * 624 draws from a block boundary on, two or more in a row, are made and converted by the
 * WebAssembly kernel (`mt_unit_blocks`) straight into floats, where a JavaScript loop over the
 * draws would cost about 2 ns an element; the rest go through {@link fillUint32}.
 *
 * @param gen the generator to draw from.
 * @param out where the uniforms go, in order.
 * @returns `out`.
 */
export function fillUnitFloat32(gen: Generator, out: Float32Array): Float32Array {
  const mt = gen.mt;
  const n = out.length;
  scratch ??= new Uint32Array(MT_N);
  let i = 0;
  while (i < n) {
    if (mt.left === 1) {
      const blocks = Math.floor((n - i) / MT_N);
      if (blocks >= SIMD_MIN_BLOCKS && simdMtUnitBlocks(mt, out, i, blocks)) {
        i += blocks * MT_N;
        continue;
      }
    }
    // up to the end of the current block (a whole block when one is due), one draw each
    const len = Math.min(n - i, mt.left === 1 ? MT_N : mt.left - 1);
    const d = fillUint32(gen, scratch.subarray(0, len));
    for (let j = 0; j < len; j++) out[i + j] = (d[j]! & 0xffffff) * TWO_POW_M24;
    i += len;
  }
  return out;
}

/**
 * The Mersenne Twister's regeneration of all 624 words (the same words as `twist` in
 * `mt19937.ts`), with the conditional `MATRIX_A` as a mask instead of a branch: a branch on a
 * random bit is mispredicted half the time. Leaves `next` at 0 (the caller sets `left`).
 */
function regenerate(state: MtState): void {
  const w = state.words;
  let k = 0;
  for (; k < MT_N - MT_M; k++) {
    const next = w[k + 1]!;
    const y = (w[k]! & UPPER_MASK) | (next & LOWER_MASK);
    w[k] = w[k + MT_M]! ^ (y >>> 1) ^ (-(next & 1) & MATRIX_A);
  }
  for (; k < MT_N - 1; k++) {
    const next = w[k + 1]!;
    const y = (w[k]! & UPPER_MASK) | (next & LOWER_MASK);
    w[k] = w[k + MT_M - MT_N]! ^ (y >>> 1) ^ (-(next & 1) & MATRIX_A);
  }
  const first = w[0]!;
  const y = (w[MT_N - 1]! & UPPER_MASK) | (first & LOWER_MASK);
  w[MT_N - 1] = w[MT_M - 1]! ^ (y >>> 1) ^ (-(first & 1) & MATRIX_A);
  state.next = 0;
}
