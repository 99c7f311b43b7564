import {
  A,
  B,
  binaryKernel,
  CHUNK,
  copyIn,
  heap,
  kernels,
  O,
  outSlot,
  rowsKernelOf,
  type SimdBinaryOp,
  span,
} from "./simd.js";

/**
 * `out[oi + i·cols + j] = f(i, j) op g(i, j)` for a `rows`×`cols` broadcast of a contiguous
 * matrix and a row: with `rowFirst` false, `f` is the matrix `m` (at `mi`) and `g` the row `v`
 * (at `vi`, element j); with it true, the other way round. The row is laid out repeated in one
 * chunk slot (copied once, then doubled with `copyWithin`), so each chunk of the matrix runs
 * through the vector-vector kernel against the repetition starting at its phase: the same bits
 * as the TypeScript rows kernels. Returns false, doing nothing, when the kernels are unavailable
 * or the row is longer than half a chunk.
 */
export function simdRowsF32(
  op: SimdBinaryOp,
  rows: number,
  cols: number,
  m: Float32Array,
  mi: number,
  v: Float32Array,
  vi: number,
  rowFirst: boolean,
  out: Float32Array,
  oi: number,
): boolean {
  const k = kernels();
  if (k === null || cols > CHUNK / 2) return false;
  const mem = heap(k);
  if (cols % 4 === 0) {
    // Whole rows of four-column vectors against the row, no repetition needed.
    const rowsKernel = rowsKernelOf(k, op, rowFirst);
    copyIn(mem, B / 4, v, vi, cols);
    const block = Math.floor(CHUNK / cols);
    for (let r = 0; r < rows; r += block) {
      const count = Math.min(block, rows - r);
      const len = count * cols;
      mem.set(span(m, mi + r * cols, len), A / 4);
      rowsKernel(A, B, O, count, cols);
      out.set(outSlot(mem, len), oi + r * cols);
    }
    return true;
  }
  const kernel = binaryKernel(k, op, 0);
  const n = rows * cols;
  const step = (CHUNK - cols) & ~15;
  const [pattern, full] = rowFirst ? [A, B] : [B, A];
  const p = pattern / 4;
  mem.set(span(v, vi, cols), p);
  const need = Math.min(n, step) + cols;
  for (let have = cols; have < need; ) {
    const copy = Math.min(have, need - have);
    mem.copyWithin(p + have, p, p + copy);
    have += copy;
  }
  for (let at = 0; at < n; at += step) {
    const len = Math.min(step, n - at);
    mem.set(span(m, mi + at, len), full / 4);
    const phased = pattern + 4 * (at % cols);
    if (rowFirst) kernel(phased, full, O, (len + 15) & ~15);
    else kernel(full, phased, O, (len + 15) & ~15);
    out.set(outSlot(mem, len), oi + at);
  }
  return true;
}
