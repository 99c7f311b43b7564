import type { FloatStorage } from "../dense.js";
import type { MatrixView } from "../gemm.js";
import {
  A,
  B,
  CHUNK,
  heap,
  kernels,
  O,
  outSlot,
  SCRATCH,
  SCRATCH_FLOATS,
  SIMD_SMALL_GEMM_FLOPS,
  span,
} from "./simd.js";

/** Elements from element (0, 0) to the last element of a `rows`×`cols` view, inclusive. */
function extent(rows: number, cols: number, rs: number, cs: number): number {
  return (rows - 1) * rs + (cols - 1) * cs + 1;
}

/**
 * `out[i·n + j] = Σ_p A(i, p)·B(p, j)` for a small float32 product (smallGemm.ts's sums, the
 * same bits): the elements each operand's view spans are copied into the module's memory and
 * read there with the view's strides. The kernel packs B's columns into the scratch area first,
 * so a B larger than that area is taken in blocks of columns, each block's outputs written into
 * their columns of the result. False, writing nothing, when the operands or `out` are not
 * float32, the product has fewer than {@link SIMD_SMALL_GEMM_FLOPS} multiply-adds, the kernels
 * are unavailable, a stride is negative, or an operand's span or the result exceeds a chunk.
 */
export function simdSmallGemmF32(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  out: FloatStorage,
): boolean {
  const ad = a.data;
  const bd = b.data;
  if (m * n * k < SIMD_SMALL_GEMM_FLOPS || !(out instanceof Float32Array)) return false;
  if (!(ad instanceof Float32Array) || !(bd instanceof Float32Array)) return false;
  const { rowStride: ars, colStride: acs } = a;
  const { rowStride: brs, colStride: bcs } = b;
  const k0 = kernels();
  if (k0 === null || m * n > CHUNK || ars < 0 || acs < 0 || brs < 0 || bcs < 0) return false;
  const aSpan = extent(m, k, ars, acs);
  const bSpan = extent(k, n, brs, bcs);
  if (aSpan > CHUNK || bSpan > CHUNK) return false;
  // Columns per block: their packed k×cols floats fit the scratch area (a multiple of four).
  const block = n * k <= SCRATCH_FLOATS ? n : Math.floor(SCRATCH_FLOATS / k) & ~3;
  if (block === 0) return false;
  const mem = heap(k0);
  mem.set(span(ad, a.offset, aSpan), A / 4);
  mem.set(span(bd, b.offset, bSpan), B / 4);
  for (let j = 0; j < n; j += block) {
    const cols = Math.min(block, n - j);
    k0.small_gemm_f32(
      A,
      4 * ars,
      4 * acs,
      B + 4 * j * bcs,
      4 * brs,
      4 * bcs,
      O + 4 * j,
      m,
      cols,
      k,
      SCRATCH,
      n,
    );
  }
  out.set(outSlot(mem, m * n));
  return true;
}
