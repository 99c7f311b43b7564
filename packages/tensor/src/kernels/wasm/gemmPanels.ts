import type { GemmExports } from "./gemmModule.js";

/** The k extent of one block. */
export const KC = 256;
/** The rows of A in one block. */
export const MC = 128;

/** Where a packed product lies in the module's memory (byte offsets) and its extents. */
export interface PackedProduct {
  /** Packed A: 4-row panels, k-major. */
  readonly pa: number;
  /** Packed B: 8-column panels, k-major. */
  readonly pb: number;
  /** C: `mPanels · 4` rows of `nPanels · 8` float32. */
  readonly pc: number;
  /** Row panels of A and C. */
  readonly mPanels: number;
  /** Column panels of B and C. */
  readonly nPanels: number;
  /** The inner dimension. */
  readonly k: number;
}

/** One task of a threaded product: a block of C's 4-row panels by 8-column panels. */
export interface PanelBlock {
  /** First row panel. */
  readonly i0: number;
  /** Row panels (at most {@link MC}/4). */
  readonly rows: number;
  /** First column panel. */
  readonly j0: number;
  /** Column panels. */
  readonly cols: number;
}

/**
 * `C = A·B` for one block of C's panels: k blocks of {@link KC} in order, the first written
 * without reading C. Every element of C is summed in the same order whichever block a call
 * covers, so splitting C between threads changes no bit.
 */
export function gemmPanels(wasm: GemmExports, p: PackedProduct, block: PanelBlock): void {
  const ldc = p.nPanels * 8;
  const c = p.pc + block.i0 * 16 * ldc + block.j0 * 32;
  const a = p.pa + block.i0 * 16 * p.k;
  const b = p.pb + block.j0 * 32 * p.k;
  for (let k0 = 0; k0 < p.k; k0 += KC) {
    const kc = Math.min(KC, p.k - k0);
    wasm.gemm_f32(
      a + k0 * 16,
      b + k0 * 32,
      c,
      block.rows,
      block.cols,
      kc,
      16 * p.k,
      32 * p.k,
      4 * ldc,
      k0 === 0 ? 0 : 1,
    );
  }
}
