import { logf } from "../logf.js";
import {
  A,
  CHUNK,
  heap,
  kernels,
  O,
  outSlot,
  SCRATCH,
  SCRATCH_FLOATS,
  scratch,
  span,
} from "./simd.js";

/** Rows shorter than this are left to the TypeScript twin: PyTorch sums them in order, not in lanes. */
export const SIMD_SOFTMAX_MIN_COLS = 8;

/** Rows per call at most: two statistics a row in the scratch area, after the tail's 32 bytes. */
const MAX_ROWS = Math.floor((SCRATCH_FLOATS - 8) / 2);

/**
 * Softmax (or, with `log`, log-softmax) of `rows` contiguous rows of `cols` float32 from `a[ai]`
 * to `o[oi]`, by the WebAssembly kernels: the bits of softmaxRows.ts's `softmaxRowsF32`. Whole
 * rows are copied into the module's memory a chunk at a time; each row's 1 / sum (or log(sum))
 * is taken here between the two kernels. Returns false, doing nothing, when the kernels are
 * unavailable or a row is shorter than {@link SIMD_SOFTMAX_MIN_COLS} or longer than a chunk.
 */
export function simdSoftmaxF32(
  a: Float32Array,
  ai: number,
  o: Float32Array,
  oi: number,
  rows: number,
  cols: number,
  log: boolean,
): boolean {
  const k = kernels();
  if (k === null || cols < SIMD_SOFTMAX_MIN_COLS || cols > CHUNK) return false;
  const mem = heap(k);
  const stats = scratch(k);
  const tail = SCRATCH;
  const at = SCRATCH + 32;
  const block = Math.min(Math.floor(CHUNK / cols), MAX_ROWS);
  for (let r = 0; r < rows; r += block) {
    const count = Math.min(block, rows - r);
    const len = count * cols;
    mem.set(span(a, ai + r * cols, len), A / 4);
    k.softmax_stats_f32(A, O, count, cols, at, tail);
    for (let i = 8 + 1; i < 8 + 2 * count; i += 2) {
      stats[i] = log ? logf(stats[i]!) : 1 / stats[i]!;
    }
    k.softmax_finish_f32(A, O, count, cols, at, log ? 1 : 0);
    o.set(outSlot(mem, len), oi + r * cols);
  }
  return true;
}
