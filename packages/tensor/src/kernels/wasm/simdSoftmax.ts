import { rowFinisherF32 } from "../softmaxRows.js";
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

/** The scratch area's layout: 32 bytes for a row's partial last group, then two floats a row. */
const TAIL_AT = SCRATCH;
const STATS_FLOAT = 8;
const STATS_AT = SCRATCH + 4 * STATS_FLOAT;
/** Rows per call at most: as many as the scratch area holds statistics for. */
const MAX_ROWS = Math.floor((SCRATCH_FLOATS - STATS_FLOAT) / 2);

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
  const block = Math.min(Math.floor(CHUNK / cols), MAX_ROWS);
  for (let r = 0; r < rows; r += block) {
    const count = Math.min(block, rows - r);
    const len = count * cols;
    mem.set(span(a, ai + r * cols, len), A / 4);
    k.softmax_stats_f32(A, O, count, cols, STATS_AT, TAIL_AT);
    for (let i = STATS_FLOAT + 1; i < STATS_FLOAT + 2 * count; i += 2) {
      stats[i] = rowFinisherF32(stats[i]!, log);
    }
    k.softmax_finish_f32(A, O, count, cols, STATS_AT, log ? 1 : 0);
    o.set(outSlot(mem, len), oi + r * cols);
  }
  return true;
}
