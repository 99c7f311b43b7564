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

/**
 * `C = A·B` for the row panels `i0 .. i0 + count` (at most {@link MC}/4 of them): zeroes them,
 * then accumulates k blocks of {@link KC} in order. Every element of C is summed in the same
 * order whichever rows a call covers, so splitting the rows between threads changes no bit.
 */
export function gemmPanels(
  wasm: GemmExports,
  heap: Float32Array,
  p: PackedProduct,
  i0: number,
  count: number,
): void {
  const ldc = p.nPanels * 8;
  const c = p.pc + i0 * 16 * ldc;
  heap.fill(0, c >> 2, (c >> 2) + count * 4 * ldc);
  for (let k0 = 0; k0 < p.k; k0 += KC) {
    const kc = Math.min(KC, p.k - k0);
    wasm.gemm_f32(
      p.pa + i0 * 16 * p.k + k0 * 16,
      p.pb + k0 * 32,
      c,
      count,
      p.nPanels,
      kc,
      16 * p.k,
      32 * p.k,
      4 * ldc,
    );
  }
}
