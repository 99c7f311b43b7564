import { normalFill16Avx } from "../../random/avxNormal.js";
import { A, CHUNK, heap, kernels, O } from "./simd.js";

/** Floats of a Box-Muller block: eight uniform pairs. */
const BLOCK = 16;

/**
 * Turns the whole blocks of 16 float32 uniforms in `data[0, blocks·16)` into normal samples in
 * place, as {@link normalFill16Avx} does block by block, with the kernels' `normal_f32` (four
 * lanes at a time, its multiply-adds in float64; about eight times faster than the TypeScript
 * twin). A block in which the kernel's float64 multiply-add could round differently from a fused
 * float32 one (a sum exactly between two float32 values, or outside the normal range: about one
 * block in 10⁷ for mean 0 and std 1) is done by the twin, so the bits are the same. Returns false,
 * doing nothing, when the kernels are unavailable.
 *
 * @param data uniforms in [0, 1), replaced by the samples.
 * @param blocks whole blocks to transform.
 * @param mean float32 mean.
 * @param std float32 standard deviation.
 */
export function simdNormalBlocks(
  data: Float32Array,
  blocks: number,
  mean: number,
  std: number,
): boolean {
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  const perChunk = CHUNK / BLOCK;
  for (let first = 0; first < blocks; first += perChunk) {
    const count = Math.min(perChunk, blocks - first);
    const at = first * BLOCK;
    mem.set(data.subarray(at, at + count * BLOCK), A / 4);
    for (let b = 0; b < count; b++) {
      b += k.normal_f32(A + b * BLOCK * 4, O + b * BLOCK * 4, count - b, mean, std);
      if (b < count) {
        // The exact twin, on the block's uniforms (still in the in slot).
        const o = O / 4 + b * BLOCK;
        mem.copyWithin(o, A / 4 + b * BLOCK, A / 4 + (b + 1) * BLOCK);
        normalFill16Avx(mem, o, mean, std);
      }
    }
    data.set(mem.subarray(O / 4, O / 4 + count * BLOCK), at);
  }
  return true;
}
