import { addIntoLanesF32, foldLanesF32, rowFinisherF32, rowMaxF32 } from "../softmaxRows.js";
import {
  fusedRelaxedKernels,
  type GemmExports,
  relaxedHeap,
  relaxedScratch,
} from "./gemmModule.js";
import { A, B, CHUNK, O, outSlot, roundUp, SCRATCH, SCRATCH_FLOATS, span } from "./simd.js";

/** The relaxed-SIMD module's softmax kernels and the ones its paths share (kernelsWat.mjs). */
interface SoftmaxExports extends GemmExports {
  /**
   * For `rows` contiguous rows of `cols` (at least 8) float32 from `a`: the row's maximum m and
   * the sum of e = exp(x - m) (PyTorch's order, SLEEF's exp) to `stats[2·row]`,
   * `stats[2·row + 1]`, each e to the row's place from `o`; 32 bytes of scratch at `t`.
   */
  softmax_stats_f32(
    a: number,
    o: number,
    rows: number,
    cols: number,
    stats: number,
    t: number,
  ): void;
  /**
   * For each row, with m, z = `stats[2·row]`, `stats[2·row + 1]`: `o = o · z`, or with `log`
   * (1) `o = (a - m) - z`.
   */
  softmax_finish_f32(
    a: number,
    o: number,
    rows: number,
    cols: number,
    stats: number,
    log: number,
  ): void;
  exp_sleef_f32(a: number, o: number, n: number, scratch: number): void;
  log_sleef_f32(a: number, o: number, n: number, scratch: number): void;
  sub_vs(a: number, s: number, o: number, n: number): void;
  mul_vs(a: number, s: number, o: number, n: number): void;
}

/**
 * Rows at least this long take the softmax kernels, which sum in PyTorch's eight lanes; shorter
 * ones, which PyTorch sums in order, take the exp kernel and are summed here.
 */
export const SIMD_SOFTMAX_MIN_COLS = 8;

/** The scratch area's layout: 32 bytes for a row's partial last group, then two floats a row. */
const TAIL_AT = SCRATCH;
const STATS_FLOAT = 8;
const STATS_AT = SCRATCH + 4 * STATS_FLOAT;
/** Rows per call at most: as many as the scratch area holds statistics for. */
const MAX_ROWS = Math.floor((SCRATCH_FLOATS - STATS_FLOAT) / 2);
/** Where in the b slot (floats from its start) the logs of a block's row sums are written. */
const LOGS_FLOAT = CHUNK / 2;

/**
 * Softmax (or, with `log`, log-softmax) of `rows` contiguous rows of `cols` float32 from `a[ai]`
 * to `o[oi]`, by the relaxed-SIMD module's kernels, whose exponential and logarithm are SLEEF's on
 * fused multiply-adds: the bits of softmaxRows.ts's `softmaxRowsF32`, PyTorch's. Whole
 * rows are copied into the module's memory a chunk at a time. Rows of at least
 * {@link SIMD_SOFTMAX_MIN_COLS} take the softmax kernels, with each row's 1 / sum taken here, or
 * the logs of a block's sums by the log kernel in one call; shorter rows are shifted by their
 * maximum and summed here, their exponentials and logs by the exp and log kernels; rows longer
 * than a chunk go through the elementwise kernels a chunk at a time ({@link longRow}). Returns
 * false, doing nothing, where the relaxed module does not run fused here (the twin runs).
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
  const g = fusedRelaxedKernels();
  if (g === null) return false;
  const k = g.exports as SoftmaxExports;
  if (cols < SIMD_SOFTMAX_MIN_COLS) {
    if (cols > 0) shortRows(k, a, ai, o, oi, rows, cols, log);
    return true;
  }
  if (cols > CHUNK) {
    for (let r = 0; r < rows; r++) longRow(k, a, ai + r * cols, o, oi + r * cols, cols, log);
    return true;
  }
  const mem = relaxedHeap(k);
  const stats = relaxedScratch(k);
  const block = Math.min(Math.floor(CHUNK / cols), MAX_ROWS);
  for (let r = 0; r < rows; r += block) {
    const count = Math.min(block, rows - r);
    const len = count * cols;
    mem.set(span(a, ai + r * cols, len), A / 4);
    k.softmax_stats_f32(A, O, count, cols, STATS_AT, TAIL_AT);
    if (log) logOfSums(k, mem, stats, count);
    else {
      for (let i = STATS_FLOAT + 1; i < STATS_FLOAT + 2 * count; i += 2) {
        stats[i] = rowFinisherF32(stats[i]!, false);
      }
    }
    k.softmax_finish_f32(A, O, count, cols, STATS_AT, log ? 1 : 0);
    o.set(outSlot(mem, len), oi + r * cols);
  }
  return true;
}

/**
 * Each of `count` row sums (`stats[STATS_FLOAT + 2i + 1]`) replaced by its log, sleefLogf's bits, by
 * one call of the log kernel over the sums gathered into the b slot: a TypeScript log a row
 * cost about as much as the kernels' work on a row of ten.
 */
function logOfSums(k: SoftmaxExports, mem: Float32Array, stats: Float32Array, count: number): void {
  const from = B / 4;
  const to = from + LOGS_FLOAT;
  for (let i = 0; i < count; i++) mem[from + i] = stats[STATS_FLOAT + 2 * i + 1]!;
  k.log_sleef_f32(B, B + 4 * LOGS_FLOAT, roundUp(count, 16), 0);
  for (let i = 0; i < count; i++) stats[STATS_FLOAT + 2 * i + 1] = mem[to + i]!;
}

/**
 * Rows shorter than {@link SIMD_SOFTMAX_MIN_COLS}, as the TypeScript twin computes them: each
 * row's `x - max` written to the a slot, their exponentials by the exp kernel into the out slot,
 * summed in order here; then `e · (1 / sum)`, or `(x - max) - log(sum)` with the block's logs
 * by the log kernel (the sums gathered in the b slot, the logs into the out slot, whose
 * exponentials are no longer needed by then).
 */
function shortRows(
  k: SoftmaxExports,
  a: Float32Array,
  ai: number,
  o: Float32Array,
  oi: number,
  rows: number,
  cols: number,
  log: boolean,
): void {
  const f = Math.fround;
  const mem = relaxedHeap(k);
  const shifted = A / 4;
  const sums = B / 4;
  const out = O / 4;
  const block = Math.floor(CHUNK / cols);
  for (let r = 0; r < rows; r += block) {
    const count = Math.min(block, rows - r);
    const first = ai + r * cols;
    for (let i = 0; i < count; i++) {
      const at = first + i * cols;
      const m = rowMaxF32(a, at, cols);
      const to = shifted + i * cols;
      for (let j = 0; j < cols; j++) mem[to + j] = f(a[at + j]! - m);
    }
    k.exp_sleef_f32(A, O, roundUp(count * cols, 16), 0);
    const dst = oi + r * cols;
    for (let i = 0; i < count; i++) {
      const e = out + i * cols;
      // every e is +0 or more, so starting from 0 gives the first element exactly
      let s = 0;
      for (let j = 0; j < cols; j++) s = f(s + mem[e + j]!);
      if (log) mem[sums + i] = s;
      else {
        const inverse = rowFinisherF32(s, false);
        const row = dst + i * cols;
        for (let j = 0; j < cols; j++) o[row + j] = f(mem[e + j]! * inverse);
      }
    }
    if (!log) continue;
    k.log_sleef_f32(B, O, roundUp(count, 16), 0);
    for (let i = 0; i < count; i++) {
      const l = mem[out + i]!;
      const from = shifted + i * cols;
      const row = dst + i * cols;
      for (let j = 0; j < cols; j++) o[row + j] = f(mem[from + j]! - l);
    }
  }
}

/**
 * One row longer than a chunk, as the TypeScript twin computes it, in three passes of chunks
 * (each a multiple of 8 long, so element j stays in lane j mod 8): `x - max` by the subtract
 * kernel and its exponential by the exp kernel, summed here in PyTorch's eight lanes (the
 * exponentials kept in `o` for softmax); then `e · (1 / sum)` by the multiply kernel, or
 * `(x - max) - log(sum)` by the subtract kernel twice.
 */
function longRow(
  k: SoftmaxExports,
  a: Float32Array,
  at: number,
  o: Float32Array,
  ot: number,
  cols: number,
  log: boolean,
): void {
  const mem = relaxedHeap(k);
  const m = rowMaxF32(a, at, cols);
  // every e is +0 or more, so lanes started at 0 take the first eight exactly
  const lanes = new Float32Array(8);
  const out = O / 4;
  for (let c = 0; c < cols; c += CHUNK) {
    const len = Math.min(CHUNK, cols - c);
    const len16 = roundUp(len, 16);
    mem.set(span(a, at + c, len), A / 4);
    k.sub_vs(A, m, A, len16);
    k.exp_sleef_f32(A, O, len16, 0);
    addIntoLanesF32(lanes, mem, out, len);
    if (!log) o.set(outSlot(mem, len), ot + c);
  }
  const finisher = rowFinisherF32(foldLanesF32(lanes), log);
  for (let c = 0; c < cols; c += CHUNK) {
    const len = Math.min(CHUNK, cols - c);
    const len16 = roundUp(len, 16);
    if (log) {
      mem.set(span(a, at + c, len), A / 4);
      k.sub_vs(A, m, A, len16);
      k.sub_vs(A, finisher, O, len16);
    } else {
      mem.set(span(o, ot + c, len), A / 4);
      k.mul_vs(A, finisher, O, len16);
    }
    o.set(outSlot(mem, len), ot + c);
  }
}
