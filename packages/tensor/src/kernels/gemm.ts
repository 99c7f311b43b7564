import { gemmHeap } from "./gemmAsm.js";
import { DATA_BASE, ensureMemory } from "./wasm/moduleMemory.js";
import { type Exports, kernels } from "./wasm/simd.js";

/**
 * Cache-blocked matrix multiply for float32 and float64: `C += A · B` with A `M×K`, B `K×N`
 * (any strides) and C a row-major float64 `M×N` block. Blocks of A and B are packed into
 * contiguous float64 panels (4 rows of A, 4 columns of B), which a kernel multiplies in 4×4
 * register tiles, never converting float32 to float64 (packing did it once): the WebAssembly
 * SIMD kernel `gemm_f64` (two lanes a register) where the kernels run, else an asm.js kernel
 * (`gemmAsm.ts`). Both sum in float64 in order of k within each block of `KC`, from zero, with
 * a multiply and then an add, and add each block's sums to C, so they give the same bits; the
 * caller rounds once when C is stored as float32.
 */

const MC = 64;
const KC = 256;
const NC = 512;
const MR = 4;
const NR = 4;

/** Strided read access to a matrix: element (i, j) is `data[offset + i * rowStride + j * colStride]`. */
export interface MatrixView {
  /** The typed array holding the matrix. */
  readonly data: Float32Array | Float64Array;
  /** Index of element (0, 0). */
  readonly offset: number;
  /** Step between rows. */
  readonly rowStride: number;
  /** Step between columns. */
  readonly colStride: number;
}

/** `c[cOff + i * ldc + j] += Σ_k A(i, k) · B(k, j)` for `i < m`, `j < n`, `k < k`. */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  if (m * n * k <= 32 * 32 * 32 || m < MR || n < NR) {
    gemmSmall(m, n, k, a, b, c, cOff, ldc);
    return;
  }
  const wasm = kernels();
  if (wasm !== null && gemmWasm(wasm, m, n, k, a, b, c, cOff, ldc)) return;
  const heap = gemmHeap(MC * KC, KC * NC, MC * NC);
  const block = heap.c;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(b, p0, kc, j0, nc, heap.b);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, i0, mc, p0, kc, heap.a);
        // Whole 4×4 tiles over the zero-padded panels, into the heap's C block (row stride NC).
        heap.kernel.block(roundUp4(mc), roundUp4(nc), kc, 0, heap.bAt, heap.cAt, NC);
        for (let i = 0; i < mc; i++) {
          const row = cOff + (i0 + i) * ldc + j0;
          const from = i * NC;
          for (let j = 0; j < nc; j++) c[row + j]! += block[from + j]!;
        }
      }
    }
  }
}

/** Rows of C that {@link gemmWasm} keeps in the kernels' memory at once. */
const ROWS_IN_MEMORY = 2048;

/**
 * {@link gemm} on `gemm_f64`: for each block of {@link NC} columns and up to
 * {@link ROWS_IN_MEMORY} rows, C's block is copied into the kernels' memory, every k block's
 * products are added to it there (the kernel adds each tile's block sum to C, as the asm.js
 * path's loop adds the block into C: the same sums in the same order), and it is copied back.
 * Packed panels and C live from `DATA_BASE`, the scratch every op uses between calls; false,
 * doing nothing, when that memory cannot grow enough.
 */
function gemmWasm(
  wasm: Exports,
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float64Array,
  cOff: number,
  ldc: number,
): boolean {
  const rowsAtOnce = Math.min(roundUp4(m), ROWS_IN_MEMORY);
  const aAt = DATA_BASE;
  const bAt = aAt + MC * KC * 8;
  const cAt = bAt + KC * NC * 8;
  if (!ensureMemory(wasm, cAt + rowsAtOnce * NC * 8)) return false;
  const buffer = wasm.memory.buffer;
  const panelsA = new Float64Array(buffer, aAt, MC * KC);
  const panelsB = new Float64Array(buffer, bAt, KC * NC);
  const block = new Float64Array(buffer, cAt, rowsAtOnce * NC);
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let r0 = 0; r0 < m; r0 += rowsAtOnce) {
      const rows = Math.min(rowsAtOnce, m - r0);
      for (let i = 0; i < rows; i++) {
        const from = cOff + (r0 + i) * ldc + j0;
        block.set(c.subarray(from, from + nc), i * NC);
      }
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = Math.min(KC, k - p0);
        packB(b, p0, kc, j0, nc, panelsB);
        for (let i0 = r0; i0 < r0 + rows; i0 += MC) {
          const mc = Math.min(MC, r0 + rows - i0);
          packA(a, i0, mc, p0, kc, panelsA);
          wasm.gemm_f64(aAt, bAt, cAt + (i0 - r0) * NC * 8, roundUp4(mc), roundUp4(nc), kc, NC * 8);
        }
      }
      for (let i = 0; i < rows; i++) {
        const to = cOff + (r0 + i) * ldc + j0;
        c.set(block.subarray(i * NC, i * NC + nc), to);
      }
    }
  }
  return true;
}

function roundUp4(x: number): number {
  return (x + 3) & ~3;
}

/** Packs rows `i0..i0+mc` × cols `p0..p0+kc` of A as 4-row panels, k-major, zero-padded. */
function packA(
  a: MatrixView,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  out: Float64Array,
): void {
  const { data, offset, rowStride, colStride } = a;
  let o = 0;
  for (let i = 0; i < mc; i += MR) {
    const rows = Math.min(MR, mc - i);
    for (let p = 0; p < kc; p++) {
      const base = offset + (i0 + i) * rowStride + (p0 + p) * colStride;
      for (let r = 0; r < MR; r++) out[o++] = r < rows ? data[base + r * rowStride]! : 0;
    }
  }
}

/** Packs rows `p0..p0+kc` × cols `j0..j0+nc` of B as 4-column panels, k-major, zero-padded. */
function packB(
  b: MatrixView,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
  out: Float64Array,
): void {
  const { data, offset, rowStride, colStride } = b;
  let o = 0;
  for (let j = 0; j < nc; j += NR) {
    const cols = Math.min(NR, nc - j);
    for (let p = 0; p < kc; p++) {
      const base = offset + (p0 + p) * rowStride + (j0 + j) * colStride;
      for (let q = 0; q < NR; q++) out[o++] = q < cols ? data[base + q * colStride]! : 0;
    }
  }
}

/** Direct loop for small products, where packing would cost more than it saves. */
function gemmSmall(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    for (let p = 0; p < k; p++) {
      const av = ad[a.offset + i * a.rowStride + p * a.colStride]!;
      const bRow = b.offset + p * b.rowStride;
      const bs = b.colStride;
      for (let j = 0; j < n; j++) c[row + j]! += av * bd[bRow + j * bs]!;
    }
  }
}
