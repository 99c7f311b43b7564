import { A, accumulators, B, CHUNK, heap, kernels, O, span } from "./simd.js";

/** What {@link simdColumnSumsF32} sums down each column. */
export type ColumnSumKind = "sum" | "product" | "divisor";

/** The most columns the column sums take (their float64 sums fill half a chunk slot). */
export const COLUMN_SUMS_MAX = CHUNK / 8;

/**
 * Column sums of contiguous rows×cols float32 blocks, as batchSummedGrad.ts and the column sum
 * kernel compute them (float64 sums in order of rows, rounded once into `out`, negated after when
 * `negate`): of `g` (`"sum"`), of `fr(g·x)` (`"product"`), or minus `fr(g·fr(x / b))` with `b` a
 * row (`"divisor"`). The same bits as those loops. False, writing nothing, when the kernels are
 * unavailable or there are more than {@link COLUMN_SUMS_MAX} columns.
 */
export function simdColumnSumsF32(
  kind: ColumnSumKind,
  rows: number,
  cols: number,
  g: Float32Array,
  gi: number,
  x: Float32Array | null,
  xi: number,
  b: Float32Array | null,
  bi: number,
  out: Float32Array,
  negate: boolean,
): boolean {
  const k = kernels();
  if (k === null || cols > COLUMN_SUMS_MAX || cols < 1) return false;
  const mem = heap(k);
  const acc = accumulators(k);
  const cols4 = (cols + 3) & ~3;
  acc.fill(0, 0, cols4);
  const row = O + CHUNK * 2;
  if (kind === "divisor") mem.set(span(b!, bi, cols), row / 4);
  const kernel =
    kind === "sum"
      ? k.colsum_f32
      : kind === "product"
        ? k.colsum_product_f32
        : k.colsum_divisor_f32;
  // Whole rows per call, with room for the last row's reads past its end (up to 3 floats).
  const block = Math.floor((CHUNK - 4) / cols);
  for (let r = 0; r < rows; r += block) {
    const count = Math.min(block, rows - r);
    mem.set(span(g, gi + r * cols, count * cols), A / 4);
    if (x !== null) mem.set(span(x, xi + r * cols, count * cols), B / 4);
    kernel(A, B, row, count, cols, O);
  }
  // Rounding to nearest is symmetric: -fr(s) is fr(-s), so the negation can come first.
  for (let j = 0; j < cols; j++) out[j] = negate ? -acc[j]! : acc[j]!;
  return true;
}
