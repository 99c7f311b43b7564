import {
  A,
  accumulators,
  B,
  CHUNK,
  copyIn,
  type F32Param,
  heap,
  kernels,
  O,
  SIMD_MIN_ROWS,
  span,
} from "./simd.js";

/**
 * What {@link simdColumnSumsF32} sums down each column besides `g` itself: the float32 products
 * `g·x`, or minus the float32 products `g·fr(x / b)` with `b` a row. `x` has `g`'s layout.
 */
export type ColumnSumOf =
  | { readonly kind: "product"; readonly x: F32Param }
  | { readonly kind: "divisor"; readonly x: F32Param; readonly b: F32Param };

/** The most columns the column sums take (their float64 sums fill half a chunk slot). */
export const COLUMN_SUMS_MAX = CHUNK / 8;

/**
 * Column sums of contiguous rows×cols float32 blocks, as batchSummedGrad.ts and the column sum
 * kernel compute them (float64 sums in order of rows, rounded once into `out`, negated after when
 * `negate`): of `g`, or of what `of` says. The same bits as those loops. False, writing nothing,
 * for blocks under {@link SIMD_MIN_ROWS} elements, when the kernels are unavailable, or for more
 * than {@link COLUMN_SUMS_MAX} columns.
 */
export function simdColumnSumsF32(
  rows: number,
  cols: number,
  g: F32Param,
  out: Float32Array,
  of?: ColumnSumOf,
  negate = false,
): boolean {
  if (rows * cols < SIMD_MIN_ROWS || cols > COLUMN_SUMS_MAX) return false;
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  const acc = accumulators(k);
  const cols4 = (cols + 3) & ~3;
  const row = O + CHUNK * 2;
  // Short rows of accumulators zeroed element by element: cheaper than a `fill` call.
  if (cols4 <= 8) for (let j = 0; j < cols4; j++) acc[j] = 0;
  else acc.fill(0, 0, cols4);
  if (of?.kind === "divisor") copyIn(mem, row / 4, of.b.data, of.b.offset, cols);
  const kernel =
    of === undefined
      ? k.colsum_f32
      : of.kind === "product"
        ? k.colsum_product_f32
        : k.colsum_divisor_f32;
  // Whole rows per call, with room for the last row's reads past its end (up to 3 floats).
  const block = Math.floor((CHUNK - 4) / cols);
  for (let r = 0; r < rows; r += block) {
    const count = Math.min(block, rows - r);
    mem.set(span(g.data, g.offset + r * cols, count * cols), A / 4);
    if (of !== undefined) mem.set(span(of.x.data, of.x.offset + r * cols, count * cols), B / 4);
    kernel(A, B, row, count, cols, O);
  }
  // Rounding to nearest is symmetric: -fr(s) is fr(-s), so the negation can come first.
  for (let j = 0; j < cols; j++) out[j] = negate ? -acc[j]! : acc[j]!;
  return true;
}
