import { carryUntil, cascadePower } from "../cascadeLevels.js";
import { A, CHUNK, heap, kernels, SCRATCH, SCRATCH_FLOATS, scratch } from "./simd.js";

/**
 * The float32 cascade sum's inner loop (cascadeSum.ts's `multiRowSum` for four vectors of eight
 * lanes) by the `cascade_f32` kernel: the same additions in the same order, so the same bits.
 * Rows are copied into the module's memory a block at a time; each group of columns keeps its
 * four levels of accumulators (4 × 32 floats) in the scratch area between blocks.
 */

/** Floats the a and b chunk slots hold together: one block of input. */
const BLOCK = 2 * CHUNK;
/** Floats of accumulator state per group of four vectors. */
const GROUP = 128;

/** `acc[0..32) = ((l0 + l1) + l2) + l3` of the group's levels at `st[at..]`, in float32. */
function finish(st: Float32Array, at: number, acc: Float32Array): void {
  for (let t = 0; t < 32; t++) acc[t] = st[at + t]!;
  for (let level = 1; level < 4; level++) {
    const from = at + level * 32;
    for (let t = 0; t < 32; t++) acc[t]! += st[from + t]!;
  }
}

/**
 * `multiRowSum` over `size` rows of 32 contiguous floats from `x[base]` into `acc[0..32)`; false,
 * doing nothing, when the kernels are unavailable.
 */
export function simdContiguousRows(
  x: Float32Array,
  base: number,
  size: number,
  acc: Float32Array,
): boolean {
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  const st = scratch(k);
  st.fill(0, 0, GROUP);
  const power = cascadePower(size);
  const until = carryUntil(size, power);
  const rowsPerBlock = BLOCK / 32;
  for (let r = 0; r < size; r += rowsPerBlock) {
    const count = Math.min(rowsPerBlock, size - r);
    mem.set(x.subarray(base + r * 32, base + (r + count) * 32), A / 4);
    k.cascade_f32(A, 128, 32, count, SCRATCH, r, until, power);
  }
  finish(st, 0, acc);
  return true;
}

/**
 * cascadeSum.ts's outer sums of a dense `rows × cols` block at `x[ib]` (column j's sum added to
 * `out[ob + j·os1]`) for the groups of 32 columns and then of 8 (whose rows are four interleaved
 * partial sums, as PyTorch's `row_sum`). Returns the columns it summed (the rest, under 8, are
 * left to the caller), or 0 when the kernels are unavailable or a block of four rows or the
 * groups' state does not fit.
 */
export function simdOuterSums(
  x: Float32Array,
  ib: number,
  rows: number,
  cols: number,
  out: Float32Array,
  ob: number,
  os1: number,
  acc: Float32Array,
): number {
  const wide = Math.floor(cols / 32);
  const j32 = wide * 32;
  const narrow = Math.floor((cols - j32) / 8);
  const blockRows = Math.floor(BLOCK / cols) & ~3;
  if (blockRows < 4 || (wide + narrow) * GROUP > SCRATCH_FLOATS) return 0;
  const k = kernels();
  if (k === null) return 0;
  const mem = heap(k);
  const st = scratch(k);
  st.fill(0, 0, (wide + narrow) * GROUP);
  const power = cascadePower(rows);
  const until = carryUntil(rows, power);
  const ilpRows = Math.floor(rows / 4);
  const ilpPower = cascadePower(ilpRows);
  const ilpUntil = carryUntil(ilpRows, ilpPower);
  const rowBytes = cols * 4;
  for (let r = 0; r < rows; r += blockRows) {
    const count = Math.min(blockRows, rows - r);
    mem.set(x.subarray(ib + r * cols, ib + (r + count) * cols), A / 4);
    for (let g = 0; g < wide; g++) {
      const state = SCRATCH + g * GROUP * 4;
      k.cascade_f32(A + g * 128, rowBytes, 32, count, state, r, until, power);
    }
    const quads = Math.min(Math.floor(count / 4), ilpRows - r / 4);
    for (let h = 0; h < narrow && quads > 0; h++) {
      const state = SCRATCH + (wide + h) * GROUP * 4;
      const a = A + (j32 + 8 * h) * 4;
      k.cascade_f32(a, 4 * rowBytes, rowBytes, quads, state, r / 4, ilpUntil, ilpPower);
    }
  }
  for (let g = 0; g < wide; g++) {
    finish(st, g * GROUP, acc);
    for (let t = 0; t < 32; t++) out[ob + (g * 32 + t) * os1]! += acc[t]!;
  }
  for (let h = 0; h < narrow; h++) {
    finish(st, (wide + h) * GROUP, acc);
    const j = j32 + 8 * h;
    // row_sum's tail rows into the first partial sum, then the other three partial sums
    for (let i = ilpRows * 4; i < rows; i++) {
      for (let l = 0; l < 8; l++) acc[l]! += x[ib + i * cols + j + l]!;
    }
    for (let p = 1; p < 4; p++) for (let l = 0; l < 8; l++) acc[l]! += acc[p * 8 + l]!;
    for (let l = 0; l < 8; l++) out[ob + (j + l) * os1]! += acc[l]!;
  }
  return j32 + narrow * 8;
}

/**
 * cascadeSum.ts's `columnsSum` for four adjacent float32 columns (one float apart, rows
 * `rowStride` floats apart) over `rows` rows from `x[base]`:
 * the four sums to `acc[0..4)`. False, doing nothing, when the kernels are unavailable or the
 * rows do not fit a block.
 */
export function simdFourColumns(
  x: Float32Array,
  base: number,
  rowStride: number,
  rows: number,
  acc: Float32Array,
): boolean {
  const span = (rows - 1) * rowStride + 4;
  if (span > BLOCK) return false;
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  mem.set(x.subarray(base, base + span), A / 4);
  const power = cascadePower(rows);
  k.cascade4_f32(A, rowStride * 4, rows, carryUntil(rows, power), power, SCRATCH);
  const st = scratch(k);
  acc[0] = st[0]!;
  acc[1] = st[1]!;
  acc[2] = st[2]!;
  acc[3] = st[3]!;
  return true;
}
