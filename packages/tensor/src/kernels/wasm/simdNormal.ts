import { normalFill16Avx } from "../../random/avxNormal.js";
import { fusedRelaxedKernels, type GemmExports, relaxedHeap } from "./gemmModule.js";
import { A, CHUNK, heap, kernels, O } from "./simd.js";

/** Floats of a Box-Muller block: eight uniform pairs. */
const BLOCK = 16;

/** The relaxed-SIMD module's Box-Muller kernel. */
interface FusedNormalExports extends GemmExports {
  normal_fused_f32(input: number, out: number, blocks: number, mean: number, std: number): void;
}

/** The relaxed-SIMD module's `normal_fused_f32` where it is fused here, else null. */
function fusedKernels(): FusedNormalExports | null {
  return (fusedRelaxedKernels()?.exports as unknown as FusedNormalExports | undefined) ?? null;
}

/**
 * True when float32 Box-Muller blocks run on the relaxed module's fused kernel here (see
 * {@link simdNormalBlocks}), false when on the SIMD kernels module's float64 one (or none).
 */
export function fusedNormalActive(): boolean {
  return kernels() !== null && fusedKernels() !== null;
}

/**
 * Box-Muller on the relaxed module (see {@link simdNormalBlocks}): its memory's first chunks,
 * which products leave alone, hold the uniforms and the samples.
 */
function fusedNormalBlocks(
  k: FusedNormalExports,
  data: Float32Array,
  blocks: number,
  mean: number,
  std: number,
): void {
  const mem = relaxedHeap(k);
  const perChunk = CHUNK / BLOCK;
  for (let first = 0; first < blocks; first += perChunk) {
    const count = Math.min(perChunk, blocks - first);
    const at = first * BLOCK;
    mem.set(data.subarray(at, at + count * BLOCK), A / 4);
    k.normal_fused_f32(A, O, count, mean, std);
    data.set(mem.subarray(O / 4, O / 4 + count * BLOCK), at);
  }
}

/**
 * Turns the whole blocks of 16 float32 uniforms in `data[0, blocks·16)` into normal samples in
 * place, as {@link normalFill16Avx} does block by block, with the kernels' `normal_f32` (four
 * lanes at a time, its multiply-adds in float64; about eight times faster than the TypeScript
 * twin). A block in which the kernel's float64 multiply-add could round differently from a fused
 * float32 one (a sum exactly between two float32 values, or outside the normal range: about one
 * block in 10⁷ for mean 0 and std 1) is done by the twin, so the bits are the same. Returns false,
 * doing nothing, when the kernels are unavailable.
 *
 * Where float32 matmuls run on the relaxed-SIMD module and its multiply-add is fused (x64 with
 * FMA3, arm64), that module's `normal_fused_f32` runs instead: each of PyTorch's multiply-adds is
 * one fused float32 instruction there, as in PyTorch's AVX2 code, so it gives the same bits with
 * no float64 steps, no checks and no block left to the twin (11.7 → 2.5 ns a sample on a Zen 3).
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
  const fma = fusedKernels();
  if (fma !== null) {
    fusedNormalBlocks(fma, data, blocks, mean, std);
    return true;
  }
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
