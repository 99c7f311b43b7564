import type { FloatStorage } from "./dense.js";
import type { MatrixView } from "./gemm.js";

/** Below this many multiply-adds a direct loop beats packing (the size `gemm` itself switches at). */
export const SMALL_GEMM_FLOPS = 32 * 32 * 32;

/**
 * `out[i * n + j] = Σ_p A(i, p) · B(p, j)` for `i < m`, `j < n`, with the sum over `p` in
 * ascending order in float64 and rounded once into `out` (any float storage): the numbers of
 * `gemm` into a float64 block then rounded, without the block. For small products, where the
 * packing of `gemm` costs more than it saves.
 */
export function smallGemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  out: FloatStorage,
): void {
  const ad = a.data;
  const bd = b.data;
  const ars = a.rowStride;
  const acs = a.colStride;
  const brs = b.rowStride;
  const bcs = b.colStride;
  for (let i = 0; i < m; i++) {
    const aRow = a.offset + i * ars;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0, ai = aRow, bi = b.offset + j * bcs; p < k; p++, ai += acs, bi += brs) {
        s += ad[ai]! * bd[bi]!;
      }
      out[i * n + j] = s;
    }
  }
}
