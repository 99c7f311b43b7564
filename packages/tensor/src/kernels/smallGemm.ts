import type { FloatStorage } from "./dense.js";
import type { MatrixView } from "./gemm.js";
import { simdSmallGemmF32 } from "./wasm/simdSmallGemm.js";

/** Below this many multiply-adds a direct loop beats packing (the size `gemm` itself switches at). */
export const SMALL_GEMM_FLOPS = 32 * 32 * 32;

/**
 * `out[i * n + j] = Σ_p A(i, p) · B(p, j)` for `i < m`, `j < n`, the sum over `p` in ascending
 * order from +0 with a multiply and then an add in `out`'s type, never fused: the order of the
 * reference BLAS's `sgemm` and `dgemm` (every transpose case), so a float32 product has the bits
 * of PyTorch as Debian ships it. For small products, where the packing of `gemm` costs more than
 * it saves. Float32 products take the WebAssembly kernel where it applies (simdSmallGemm.ts),
 * with the same bits.
 */
export function smallGemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  out: FloatStorage,
): void {
  if (out instanceof Float32Array) {
    if (!simdSmallGemmF32(m, n, k, a, b, out)) smallGemmF32(m, n, k, a, b, out);
    return;
  }
  const ad = a.data;
  const bd = b.data;
  const ars = a.rowStride;
  const acs = a.colStride;
  const brs = b.rowStride;
  const bcs = b.colStride;
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const aRow = a.offset + i * ars;
    const oRow = i * n;
    // Four outputs at a time share each load of A; each sum still runs over p in order.
    for (let j = 0; j < n4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0, ai = aRow, bi = b.offset + j * bcs; p < k; p++, ai += acs, bi += brs) {
        const av = ad[ai]!;
        s0 += av * bd[bi]!;
        s1 += av * bd[bi + bcs]!;
        s2 += av * bd[bi + 2 * bcs]!;
        s3 += av * bd[bi + 3 * bcs]!;
      }
      out[oRow + j] = s0;
      out[oRow + j + 1] = s1;
      out[oRow + j + 2] = s2;
      out[oRow + j + 3] = s3;
    }
    for (let j = n4; j < n; j++) {
      let s = 0;
      for (let p = 0, ai = aRow, bi = b.offset + j * bcs; p < k; p++, ai += acs, bi += brs) {
        s += ad[ai]! * bd[bi]!;
      }
      out[oRow + j] = s;
    }
  }
}

/** {@link smallGemm} into float32: each product and each partial sum rounded to float32. */
function smallGemmF32(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
): void {
  const f = Math.fround;
  const ad = a.data;
  const bd = b.data;
  const ars = a.rowStride;
  const acs = a.colStride;
  const brs = b.rowStride;
  const bcs = b.colStride;
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const aRow = a.offset + i * ars;
    const oRow = i * n;
    for (let j = 0; j < n4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0, ai = aRow, bi = b.offset + j * bcs; p < k; p++, ai += acs, bi += brs) {
        const av = ad[ai]!;
        s0 = f(s0 + f(av * bd[bi]!));
        s1 = f(s1 + f(av * bd[bi + bcs]!));
        s2 = f(s2 + f(av * bd[bi + 2 * bcs]!));
        s3 = f(s3 + f(av * bd[bi + 3 * bcs]!));
      }
      out[oRow + j] = s0;
      out[oRow + j + 1] = s1;
      out[oRow + j + 2] = s2;
      out[oRow + j + 3] = s3;
    }
    for (let j = n4; j < n; j++) {
      let s = 0;
      for (let p = 0, ai = aRow, bi = b.offset + j * bcs; p < k; p++, ai += acs, bi += brs) {
        s = f(s + f(ad[ai]! * bd[bi]!));
      }
      out[oRow + j] = s;
    }
  }
}
