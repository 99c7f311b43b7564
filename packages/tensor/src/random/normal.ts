import { simdNormalBlocks } from "../kernels/wasm/simdNormal.js";
import { normalFill16Avx } from "./avxNormal.js";
import { fma64 } from "./fma.js";
import type { Generator } from "./generator.js";
import { libmCos, libmLog, libmSin } from "./libm.js";
import { fillUniform, uniformFloat32, uniformFloat64 } from "./uniform.js";

/**
 * Smallest tensor size for which PyTorch's CPU `normal_` takes its block path (`normal_fill`);
 * smaller (or non-contiguous) tensors draw one Box-Muller sample at a time.
 */
export const NORMAL_BLOCK_MIN = 16;

const TWO_PI = 2 * Math.PI;

/**
 * Float32 tensors of at least this many whole blocks of 16 take the WebAssembly kernel (the same
 * bits): below it the copies and the call cost about what they save.
 */
const SIMD_NORMAL_MIN_BLOCKS = 4;

/**
 * One standard-normal-then-scaled float64 sample, as `at::normal_distribution<double>(mean, std)`:
 * Box-Muller on two float64 uniforms `u1`, `u2` (four 32-bit draws), returning
 * `r cos θ` and caching `r sin θ` in the generator for the next call, which then consumes no
 * draws. The result is `fma(sample, std, mean)`.
 */
export function normalFloat64(gen: Generator, mean: number, std: number): number {
  const cached = gen.nextDoubleNormal;
  if (cached !== undefined) {
    gen.nextDoubleNormal = undefined;
    return fma64(cached, std, mean);
  }
  const u1 = uniformFloat64(gen);
  const u2 = uniformFloat64(gen);
  const r = Math.sqrt(-2 * libmLog(1 - u2));
  const theta = TWO_PI * u1;
  gen.nextDoubleNormal = r * libmSin(theta);
  return fma64(r * libmCos(theta), std, mean);
}

/** `normal_fill_16<double>`: Box-Muller in place on 16 float64 uniforms at `data[at..]`. */
function normalFill16Float64(data: Float64Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - data[at + j]!;
    const u2 = data[at + j + 8]!;
    const radius = Math.sqrt(-2 * libmLog(u1));
    const theta = TWO_PI * u2;
    data[at + j] = fma64(radius * libmCos(theta), std, mean);
    data[at + j + 8] = fma64(radius * libmSin(theta), std, mean);
  }
}

/**
 * PyTorch's block path (`normal_fill`, and `normal_fill_AVX2` for float32): fill every element
 * with a uniform, transform each whole block of 16 (the first 8 of a block pair with the last 8),
 * then, when the size is not a multiple of 16, draw 16 fresh uniforms into the last 16 elements
 * and transform those (overwriting part of the previous block).
 */
function normalFillBlocks(
  gen: Generator,
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
): void {
  const n = out.length;
  if (out instanceof Float32Array) {
    fillUniform(gen, out);
    const blocks = Math.floor(n / 16);
    if (blocks < SIMD_NORMAL_MIN_BLOCKS || !simdNormalBlocks(out, blocks, mean, std)) {
      for (let i = 0; i + 16 <= n; i += 16) normalFill16Avx(out, i, mean, std);
    }
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = uniformFloat32(gen);
      normalFill16Avx(out, n - 16, mean, std);
    }
  } else {
    fillUniform(gen, out);
    for (let i = 0; i + 16 <= n; i += 16) normalFill16Float64(out, i, mean, std);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = uniformFloat64(gen);
      normalFill16Float64(out, n - 16, mean, std);
    }
  }
}

/**
 * Fills `out` with normal samples of mean `mean` and standard deviation `std`, bit for bit as
 * PyTorch 1.13's CPU `normal_` (and so `torch.randn`, `normal_(0, 1)`), with the same draws.
 *
 * PyTorch chooses between two algorithms by size, and this follows it exactly:
 * - 16 elements or more (contiguous): the block path. float32 draws one 32-bit value per element
 *   and computes Box-Muller with the AVX2 Cephes polynomials PyTorch runs on an AVX2 CPU; float64
 *   draws two per element and uses libm. When the size is not a multiple of 16, 16 more uniforms
 *   are drawn for the last block. The generator's cached normal sample is neither used nor changed.
 * - Fewer than 16 elements: one float64 Box-Muller sample per element (four 32-bit draws per pair,
 *   the second of each pair cached in the generator and used by the next call of either dtype),
 *   rounded to float32 for float32 output.
 *
 * `out` must hold a contiguous tensor's elements: PyTorch takes the scalar path for non-contiguous
 * tensors of any size, which the tensor layer reproduces by filling a contiguous buffer of 15 or
 * fewer elements only (see {@link fillNormalScalar}).
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill.
 * @param mean the mean, default 0.
 * @param std the standard deviation, default 1; must be >= 0.
 * @throws RangeError when `std` is negative, with PyTorch's message.
 * @example
 * ```ts
 * const out = new Float32Array(3);
 * fillNormal(new Generator().manualSeed(42), out);
 * // out: [0.33669036626815796, 0.12880940735340118, 0.23446236550807953], torch.randn(3)
 * ```
 */
export function fillNormal(
  gen: Generator,
  out: Float32Array | Float64Array,
  mean = 0,
  std = 1,
): Float32Array | Float64Array {
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  if (out.length >= NORMAL_BLOCK_MIN) {
    if (out instanceof Float32Array) {
      normalFillBlocks(gen, out, Math.fround(mean), Math.fround(std));
    } else {
      normalFillBlocks(gen, out, mean, std);
    }
  } else {
    fillNormalScalar(gen, out, mean, std);
  }
  return out;
}

/**
 * PyTorch's scalar `normal_` path for every element regardless of size (what it runs for
 * tensors under 16 elements and for non-contiguous tensors): one {@link normalFloat64} sample per
 * element, in element order, rounded to float32 for float32 output.
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in the tensor's logical (row-major) order.
 * @param mean the mean, default 0.
 * @param std the standard deviation, default 1; must be >= 0.
 * @throws RangeError when `std` is negative.
 */
export function fillNormalScalar(
  gen: Generator,
  out: Float32Array | Float64Array,
  mean = 0,
  std = 1,
): Float32Array | Float64Array {
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  for (let i = 0; i < out.length; i++) out[i] = normalFloat64(gen, mean, std);
  return out;
}
