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
 * a multiply and then an add, so they give the same bits; each block's sums are added to C, and
 * the caller rounds once when C is stored as float32.
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
  const heap = (wasm === null ? null : wasmHeap(wasm)) ?? gemmHeap(MC * KC, KC * NC, MC * NC);
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
        heap.kernel.block(roundUp4(mc), roundUp4(nc), kc, heap.aAt, heap.bAt, heap.cAt, NC);
        for (let i = 0; i < mc; i++) {
          const row = cOff + (i0 + i) * ldc + j0;
          const from = i * NC;
          for (let j = 0; j < nc; j++) c[row + j]! += block[from + j]!;
        }
      }
    }
  }
}

/** The panels' and the C block's places, and the kernel that multiplies them. */
interface BlockHeap {
  readonly kernel: {
    block(
      mc: number,
      nc: number,
      kc: number,
      aAt: number,
      bAt: number,
      cAt: number,
      ldc: number,
    ): void;
  };
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly aAt: number;
  readonly bAt: number;
  readonly cAt: number;
}

/**
 * The regions of {@link gemm}'s blocks in the WebAssembly kernels' memory (A panels, B panels,
 * the C block: 1.4 MB from `DATA_BASE`, the scratch every op uses between calls) and `gemm_f64`
 * over them; null when the memory cannot grow that far.
 */
function wasmHeap(wasm: Exports): BlockHeap | null {
  const aAt = DATA_BASE;
  const bAt = aAt + MC * KC * 8;
  const cAt = bAt + KC * NC * 8;
  if (!ensureMemory(wasm, cAt + MC * NC * 8)) return null;
  const buffer = wasm.memory.buffer;
  return {
    kernel: {
      block: (mc, nc, kc, pa, pb, pc, ldc) => wasm.gemm_f64(pa, pb, pc, mc, nc, kc, ldc * 8),
    },
    a: new Float64Array(buffer, aAt, MC * KC),
    b: new Float64Array(buffer, bAt, KC * NC),
    c: new Float64Array(buffer, cAt, MC * NC),
    aAt,
    bAt,
    cAt,
  };
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
