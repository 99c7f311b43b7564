import type { MatrixView } from "../gemm.js";
import { type GemmExports, gemmKernels } from "./gemmModule.js";
import { KC, MC } from "./gemmPanels.js";
import { DATA_BASE, ensureMemory } from "./moduleMemory.js";
import { OUT_SKEW } from "./simd.js";
import { threadedGemmF32, threadedPool } from "./threads/gemmThreaded.js";
import { wakeWorkersAhead } from "./threads/pool.js";

/**
 * Float32 matrix products with the WebAssembly SIMD kernel `gemm_f32` (kernels.wat): A is packed
 * into 4-row panels and B into 8-column panels in the module's memory (zero-padded, from any
 * strides: see {@link packOperand}), C accumulates there in float32, block by block (k in blocks
 * of {@link KC}, rows in blocks of {@link MC}, so a block of A stays in L2 and a panel of B in L1),
 * and is copied out.
 * Unlike the TypeScript `gemm`, products are summed in float32, so results differ from it by
 * float32 summation error: at most k·2⁻²³·Σ|A(i,p)·B(p,j)|, and typically far less. From
 * `THREADED_GEMM_MIN_FLOPS` multiply-adds the rows of C are shared with worker threads (threads/:
 * the operands are packed into a memory they share), with the same bits as on one thread.
 */

/** Products with fewer multiply-adds stay in TypeScript (packing and copies would dominate). */
export const SIMD_GEMM_MIN_FLOPS = 64 * 64 * 64;
/**
 * `out[outOff + i·n + j] = Σ_p A(i, p)·B(p, j)` (float32 data in `a` and `b`, float32 sums) for
 * `i < m`, `j < n`. Returns false, writing nothing, when the kernels are unavailable or the
 * product is too small or too large for them.
 */
export function trySimdGemmF32(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  outOff: number,
): boolean {
  if (m * n * k < SIMD_GEMM_MIN_FLOPS || !(a.data instanceof Float32Array)) return false;
  if (!(b.data instanceof Float32Array)) return false;
  const gemm = gemmKernels();
  if (gemm === null) return false;
  const mPanels = (m + 3) >> 2;
  const nPanels = (n + 7) >> 3;
  const ldc = nPanels * 8;
  const pa = DATA_BASE;
  const pb = pa + mPanels * 16 * k;
  // C starts off page alignment, so that its rows copy out at full speed (see OUT_SKEW).
  const pc = pb + nPanels * 32 * k + OUT_SKEW;
  const product = { pa, pb, pc, mPanels, nPanels, k };
  /** Packs A and B into `wasm`'s memory; false when it cannot grow enough. */
  const pack = (wasm: GemmExports): Float32Array | null => {
    const stage = pc + mPanels * 16 * ldc;
    const staged = Math.max(stageSpan(a, m, k), stageSpan(b, k, n));
    if (!ensureMemory(wasm, stage + 4 * staged)) return null;
    const heap = new Float32Array(wasm.memory.buffer);
    packOperand(wasm, heap, a, m, k, pa, stage, ROWS);
    packOperand(wasm, heap, b, n, k, pb, stage, COLUMNS);
    return heap;
  };
  const copyOut = (heap: Float32Array): void => {
    const c = pc >> 2;
    // C's rows are padded to whole 8-column panels; without padding they copy out as one block
    if (ldc === n) out.set(heap.subarray(c, c + m * n), outOff);
    else
      for (let i = 0; i < m; i++)
        out.set(heap.subarray(c + i * ldc, c + i * ldc + n), outOff + i * n);
  };
  // Threaded products are packed into the pool's shared memory, where every thread computes.
  const pool = threadedPool(gemm, m * n * k);
  if (pool !== null) wakeWorkersAhead(pool);
  const shared = pool === null ? null : pack(pool.exports);
  if (pool !== null && shared !== null) {
    const outcome = threadedGemmF32(pool, product);
    if (outcome === "unshared") gemmSerial(pool.exports, pa, pb, pc, mPanels, nPanels, k, ldc);
    if (outcome !== "stalled") {
      copyOut(shared);
      return true;
    }
  }
  const heap = pack(gemm.exports);
  if (heap === null) return false;
  gemmSerial(gemm.exports, pa, pb, pc, mPanels, nPanels, k, ldc);
  copyOut(heap);
  return true;
}

/**
 * C = A·B on this thread: k blocks outside, blocks of {@link MC} rows inside; the first k block
 * writes C without reading it.
 */
function gemmSerial(
  wasm: GemmExports,
  pa: number,
  pb: number,
  pc: number,
  mPanels: number,
  nPanels: number,
  k: number,
  ldc: number,
): void {
  const mcPanels = MC >> 2;
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = Math.min(KC, k - k0);
    for (let i0 = 0; i0 < mPanels; i0 += mcPanels) {
      wasm.gemm_f32(
        pa + i0 * 16 * k + k0 * 16,
        pb + k0 * 32,
        pc + i0 * 16 * ldc,
        Math.min(mcPanels, mPanels - i0),
        nPanels,
        kc,
        16 * k,
        32 * k,
        4 * ldc,
        k0 === 0 ? 0 : 1,
      );
    }
  }
}

/** How one operand is packed: its panels' width and the TypeScript packer for the rest. */
interface Packing {
  /** Rows (of A) or columns (of B) in a panel. */
  readonly width: 4 | 8;
  /** Packs panels from row (A) or column (B) `from` on, in TypeScript. */
  readonly pack: (
    v: MatrixView,
    extent: number,
    k: number,
    heap: Float32Array,
    at: number,
    from: number,
  ) => void;
  /** The view's stride along the panels' k axis (A: its column stride, B: its row stride). */
  readonly along: (v: MatrixView) => number;
  /** The view's stride across a panel (A: its row stride, B: its column stride). */
  readonly across: (v: MatrixView) => number;
}

const ROWS: Packing = {
  width: 4,
  pack: packRows,
  along: (v) => v.colStride,
  across: (v) => v.rowStride,
};
const COLUMNS: Packing = {
  width: 8,
  pack: packColumns,
  along: (v) => v.rowStride,
  across: (v) => v.colStride,
};

/**
 * Elements of `v`'s storage from its first element (0, 0) to its last, which the module's
 * packers can take as one copy: when one of its strides is 1 and the span is at most twice its
 * elements (a sparse view is packed from where it lies); else 0.
 */
function stageSpan(v: MatrixView, rows: number, cols: number): number {
  if (!(v.data instanceof Float32Array) || (v.rowStride !== 1 && v.colStride !== 1)) return 0;
  if (v.rowStride < 0 || v.colStride < 0) return 0;
  const span = (rows - 1) * v.rowStride + (cols - 1) * v.colStride + 1;
  return span <= 2 * rows * cols + 64 ? span : 0;
}

/**
 * Packs A (`packing` {@link ROWS}: m×k, `extent` m) or B ({@link COLUMNS}: k×n, `extent` n) at
 * byte `at`. Where the view has a unit stride ({@link stageSpan}), its span is copied as it lies
 * to byte `stage` and the module's packers move every full panel from there: contiguous runs
 * along k become panels by interleaving four rows at a time (`pack_interleave4_f32`), contiguous
 * runs across a panel are copied whole (`pack_segments4_f32` / `pack_segments8_f32`). The last,
 * partial panel and any other view take the TypeScript loops. Either way the panels hold the
 * same elements (a 1024×1024 A: 1.3-2.2 ms in TypeScript, about 0.4 ms so).
 */
function packOperand(
  wasm: GemmExports,
  heap: Float32Array,
  v: MatrixView,
  extent: number,
  k: number,
  at: number,
  stage: number,
  packing: Packing,
): void {
  const w = packing.width;
  const full = Math.floor(extent / w);
  const [rows, cols] = packing === ROWS ? [extent, k] : [k, extent];
  const span = full === 0 ? 0 : stageSpan(v, rows, cols);
  if (span === 0) {
    packing.pack(v, extent, k, heap, at >> 2, 0);
    return;
  }
  heap.set((v.data as Float32Array).subarray(v.offset, v.offset + span), stage >> 2);
  const along = packing.along(v);
  const across = packing.across(v);
  const panelBytes = 4 * w * k;
  if (along === 1 && k > 1) {
    // each of the panel's rows (A) or columns (B) is contiguous along k: interleave them
    for (let p = 0; p < full; p++) {
      const src = stage + 4 * p * w * across;
      const dst = at + p * panelBytes;
      for (let h = 0; h < w; h += 4) {
        wasm.pack_interleave4_f32(src + 4 * h * across, 4 * across, dst + 4 * h, 4 * w, k);
      }
    }
  } else {
    // across a panel the elements are contiguous: one run of w per k, taken KC rows at a time
    // so that the rows being read stay in cache from one panel to the next
    const segments = w === 4 ? wasm.pack_segments4_f32 : wasm.pack_segments8_f32;
    for (let q0 = 0; q0 < k; q0 += KC) {
      const kc = Math.min(KC, k - q0);
      for (let p = 0; p < full; p++) {
        segments(stage + 4 * (q0 * along + p * w), 4 * along, at + p * panelBytes + 4 * w * q0, kc);
      }
    }
  }
  if (full * w < extent) packing.pack(v, extent, k, heap, at >> 2, full * w);
}

/**
 * A (m×k) as 4-row panels, k-major: panel p holds A(4p + r, q) at `(p·k + q)·4 + r`. Each step
 * copies one column of a panel (four elements), and the panels are filled {@link KC} columns at a
 * time: the rows (or, for a transposed A, the columns) being read stay in cache between panels,
 * whatever A's strides (a transposed 1024×1024 A: 7.5 ms row by row, 1.8 ms so; a row-major one
 * 1.9 → 1.2 ms, cache flushed before each).
 */
function packRows(
  a: MatrixView,
  m: number,
  k: number,
  heap: Float32Array,
  at: number,
  from = 0,
): void {
  const d = a.data;
  const rs = a.rowStride;
  const cs = a.colStride;
  for (let q0 = 0; q0 < k; q0 += KC) {
    const q1 = Math.min(k, q0 + KC);
    for (let p = from; p < m; p += 4) {
      let o = at + p * k + q0 * 4;
      let i = a.offset + p * rs + q0 * cs;
      const height = m - p;
      if (height >= 4) {
        for (let q = q0; q < q1; q++, o += 4, i += cs) {
          heap[o] = d[i]!;
          heap[o + 1] = d[i + rs]!;
          heap[o + 2] = d[i + 2 * rs]!;
          heap[o + 3] = d[i + 3 * rs]!;
        }
      } else {
        for (let q = q0; q < q1; q++, o += 4, i += cs) {
          for (let r = 0; r < 4; r++) heap[o + r] = r < height ? d[i + r * rs]! : 0;
        }
      }
    }
  }
}

/**
 * B (k×n) as 8-column panels, k-major: panel p holds B(q, 8p + c) at `(p·k + q)·8 + c`, filled
 * as `packRows` fills A's panels: eight elements of a row of the panel per step, {@link KC} rows
 * at a time (a row-major 1024×1024 B: 9.0 ms column by column, 2.0 ms so; a transposed one
 * 2.1 → 1.2 ms, cache flushed before each). Kept apart from `packRows` rather than one function
 * with the panel width as a parameter: with the widths as constants, products of 256 and 512
 * run 3-5% faster.
 */
function packColumns(
  b: MatrixView,
  n: number,
  k: number,
  heap: Float32Array,
  at: number,
  from = 0,
): void {
  const d = b.data;
  const rs = b.rowStride;
  const cs = b.colStride;
  for (let q0 = 0; q0 < k; q0 += KC) {
    const q1 = Math.min(k, q0 + KC);
    for (let p = from; p < n; p += 8) {
      let o = at + p * k + q0 * 8;
      let i = b.offset + q0 * rs + p * cs;
      const width = n - p;
      if (width >= 8) {
        for (let q = q0; q < q1; q++, o += 8, i += rs) {
          heap[o] = d[i]!;
          heap[o + 1] = d[i + cs]!;
          heap[o + 2] = d[i + 2 * cs]!;
          heap[o + 3] = d[i + 3 * cs]!;
          heap[o + 4] = d[i + 4 * cs]!;
          heap[o + 5] = d[i + 5 * cs]!;
          heap[o + 6] = d[i + 6 * cs]!;
          heap[o + 7] = d[i + 7 * cs]!;
        }
      } else {
        for (let q = q0; q < q1; q++, o += 8, i += rs) {
          for (let c = 0; c < 8; c++) heap[o + c] = c < width ? d[i + c * cs]! : 0;
        }
      }
    }
  }
}
