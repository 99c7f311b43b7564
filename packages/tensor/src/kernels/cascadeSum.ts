import { forEachOuter, type Loops2d, type ReductionLoops } from "../iteration/reductionLoops.js";
import { carryUntil, cascadePower } from "./cascadeLevels.js";
import type { FloatStorage } from "./dense.js";
import { simdContiguousRows, simdFourColumns, simdOuterSums } from "./wasm/simdCascade.js";

/** Rows of 32 contiguous floats from which the kernel sums them (512 bytes). */
const SIMD_ROWS = 4;
/** Rows from which four adjacent float32 columns are summed by the kernel. */
const SIMD_COLUMN_ROWS = 16;
/** Elements of a column block from which the kernel sums its columns. */
const SIMD_ELEMENTS = 2048;

/**
 * PyTorch 1.13's float sum (`cascade_sum` in aten/src/ATen/native/cpu/SumKernel.cpp, one
 * thread, AVX2 as Debian's build dispatches on x86-64), reproduced addition for addition:
 * float32 sums accumulate in float32 and float64 sums in float64, in vectors of 8 and 4 lanes,
 * four of them side by side, with partial sums carried up four levels every 2^p additions. The
 * same inputs give PyTorch's bits. The accumulators are typed arrays of the sum's dtype, so each
 * `+=` rounds as PyTorch's addition does.
 */

/** Accumulator slots: 4 levels × 4 rows × 8 lanes, then one for a scalar running sum. */
const SCALAR = 128;

/**
 * `multi_row_sum` (always of four columns here, as PyTorch calls it): the sums of 4 side-by-side
 * columns over `size` rows, each column a vector of `lanes` contiguous elements at
 * `base + i·rowStride + k·colStride`. Leaves the `4·lanes` sums at `acc[0..]`.
 */
function multiRowSum(
  x: FloatStorage,
  base: number,
  rowStride: number,
  colStride: number,
  lanes: number,
  size: number,
  acc: FloatStorage,
): void {
  if (
    size >= SIMD_ROWS &&
    lanes === 8 &&
    colStride === 8 &&
    rowStride === 32 &&
    x instanceof Float32Array &&
    simdContiguousRows(x, base, size, acc as Float32Array)
  ) {
    return;
  }
  if (lanes === 1) {
    columnsSum(x, base, rowStride, colStride, size, acc);
    return;
  }
  const width = 4 * lanes;
  const power = cascadePower(size);
  const step = 1 << power;
  if (size < step) {
    // No carries: the levels above stay zero, and adding them changes nothing (a sum that starts
    // from +0 is never -0, the one value + 0 would change).
    for (let k = 0; k < width; k++) acc[k] = 0;
    for (let i = 0; i < size; i++) addRow(x, base + i * rowStride, colStride, lanes, acc);
    return;
  }
  const mask = step - 1;
  for (let k = 0; k < 4 * width; k++) acc[k] = 0;
  let i = 0;
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++) addRow(x, base + i * rowStride, colStride, lanes, acc);
    for (let level = 1; level < 4; level++) {
      const to = level * width;
      const from = to - width;
      for (let k = 0; k < width; k++) {
        acc[to + k]! += acc[from + k]!;
        acc[from + k] = 0;
      }
      if ((i & (mask << (level * power))) !== 0) break;
    }
  }
  for (; i < size; i++) addRow(x, base + i * rowStride, colStride, lanes, acc);
  for (let level = 1; level < 4; level++) {
    const from = level * width;
    for (let k = 0; k < width; k++) acc[k]! += acc[from + k]!;
  }
}

/**
 * {@link multiRowSum} of four single-element columns, the first level in locals (each addition
 * rounded to the dtype, as the typed-array accumulators round), the others in `acc`.
 */
function columnsSum(
  x: FloatStorage,
  base: number,
  rowStride: number,
  colStride: number,
  size: number,
  acc: FloatStorage,
): void {
  const f32 = x instanceof Float32Array;
  if (
    f32 &&
    colStride === 1 &&
    size >= SIMD_COLUMN_ROWS &&
    simdFourColumns(x, base, rowStride, size, acc as Float32Array)
  ) {
    return;
  }
  const power = cascadePower(size);
  const step = 1 << power;
  const mask = step - 1;
  const blocks = carryUntil(size, power);
  for (let k = 4; k < 16; k++) acc[k] = 0;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let p = base;
  const c2 = 2 * colStride;
  const c3 = 3 * colStride;
  for (let i = 0; i < size; ) {
    const stop = i < blocks ? i + step : size;
    if (f32) {
      for (; i < stop; i++, p += rowStride) {
        a0 = Math.fround(a0 + x[p]!);
        a1 = Math.fround(a1 + x[p + colStride]!);
        a2 = Math.fround(a2 + x[p + c2]!);
        a3 = Math.fround(a3 + x[p + c3]!);
      }
    } else {
      for (; i < stop; i++, p += rowStride) {
        a0 += x[p]!;
        a1 += x[p + colStride]!;
        a2 += x[p + c2]!;
        a3 += x[p + c3]!;
      }
    }
    if (i > blocks) break;
    // a whole block: carry level 0 up, and further while i is a multiple of the next level
    acc[4]! += a0;
    acc[5]! += a1;
    acc[6]! += a2;
    acc[7]! += a3;
    a0 = a1 = a2 = a3 = 0;
    for (let level = 1; level < 3; level++) {
      if ((i & (mask << (level * power))) !== 0) break;
      const to = (level + 1) * 4;
      const from = to - 4;
      for (let k = 0; k < 4; k++) {
        acc[to + k]! += acc[from + k]!;
        acc[from + k] = 0;
      }
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
  for (let level = 1; level < 4; level++) {
    for (let k = 0; k < 4; k++) acc[k]! += acc[level * 4 + k]!;
  }
}

/** One row of {@link multiRowSum} (four columns of 1, 4 or 8 lanes) into the first level. */
function addRow(x: FloatStorage, at: number, colStride: number, lanes: number, acc: FloatStorage) {
  if (lanes === 1) {
    acc[0]! += x[at]!;
    acc[1]! += x[at + colStride]!;
    acc[2]! += x[at + 2 * colStride]!;
    acc[3]! += x[at + 3 * colStride]!;
    return;
  }
  for (let k = 0, t = 0; k < 4; k++, t += lanes) {
    const from = at + k * colStride;
    acc[t]! += x[from]!;
    acc[t + 1]! += x[from + 1]!;
    acc[t + 2]! += x[from + 2]!;
    acc[t + 3]! += x[from + 3]!;
    if (lanes === 8) {
      acc[t + 4]! += x[from + 4]!;
      acc[t + 5]! += x[from + 5]!;
      acc[t + 6]! += x[from + 6]!;
      acc[t + 7]! += x[from + 7]!;
    }
  }
}

/**
 * `row_sum`: the sum of `size` vectors of `lanes` contiguous elements `stride` apart, as four
 * interleaved partial sums (ILP) added at the end; the result at `acc[0..lanes)`.
 */
function rowSum(
  x: FloatStorage,
  base: number,
  stride: number,
  size: number,
  lanes: number,
  acc: FloatStorage,
): void {
  const ilp = Math.floor(size / 4);
  multiRowSum(x, base, stride * 4, stride, lanes, ilp, acc);
  for (let i = ilp * 4; i < size; i++) {
    const from = base + i * stride;
    for (let l = 0; l < lanes; l++) acc[l]! += x[from + l]!;
  }
  for (let k = 1; k < 4; k++) for (let l = 0; l < lanes; l++) acc[l]! += acc[k * lanes + l]!;
}

/**
 * `vectorized_inner_sum` of one contiguous row of `n ≥ lanes` elements: the vectors' row sum,
 * then a running sum of the tail elements, then of the lanes. Returns it rounded to the dtype.
 */
function innerSum(
  x: FloatStorage,
  base: number,
  n: number,
  lanes: number,
  acc: FloatStorage,
): number {
  const vectors = Math.floor(n / lanes);
  rowSum(x, base, lanes, vectors, lanes, acc);
  acc[SCALAR] = 0;
  for (let k = vectors * lanes; k < n; k++) acc[SCALAR]! += x[base + k]!;
  for (let l = 0; l < lanes; l++) acc[SCALAR]! += acc[l]!;
  return acc[SCALAR]!;
}

/** A scalar `row_sum` of `n` elements `stride` apart. */
function scalarSum(
  x: FloatStorage,
  base: number,
  n: number,
  stride: number,
  acc: FloatStorage,
): number {
  rowSum(x, base, stride, n, 1, acc);
  return acc[0]!;
}

/**
 * The body of `cascade_sum`'s 2-d loop: `size0 × size1` input elements, strides `is0`, `is1`,
 * added into `out` at strides `os0`, `os1` (0 where reduced) from `ob`. The reduced loop goes
 * first when only the second one is.
 */
function loop2d(
  x: FloatStorage,
  ib: number,
  out: FloatStorage,
  ob: number,
  sizeA: number,
  sizeB: number,
  inA: number,
  inB: number,
  outA: number,
  outB: number,
  lanes: number,
  acc: FloatStorage,
): void {
  const swap = outA !== 0 && outB === 0;
  const size0 = swap ? sizeB : sizeA;
  const size1 = swap ? sizeA : sizeB;
  const is0 = swap ? inB : inA;
  const is1 = swap ? inA : inB;
  const os0 = swap ? outB : outA;
  const os1 = swap ? outA : outB;
  if (os0 !== 0 && os1 !== 0) {
    // Not a true reduction: each output gains one element.
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) out[ob + j * os1 + i * os0]! += x[ib + j * is1 + i * is0]!;
    }
    return;
  }
  if (is0 === 1 && size0 >= lanes) {
    for (let j = 0; j < size1; j++)
      out[ob + j * os1]! += innerSum(x, ib + j * is1, size0, lanes, acc);
  } else if (is1 === 1 && size1 >= lanes) {
    outerSums(x, ib, out, ob, size0, size1, is0, os1, lanes, acc);
  } else if (is0 < is1) {
    for (let j = 0; j < size1; j++)
      out[ob + j * os1]! += scalarSum(x, ib + j * is1, size0, is0, acc);
  } else {
    let j = 0;
    for (; j + 3 < size1; j += 4) {
      multiRowSum(x, ib + j * is1, is0, is1, 1, size0, acc);
      for (let k = 0; k < 4; k++) out[ob + (j + k) * os1]! += acc[k]!;
    }
    for (; j < size1; j++) out[ob + j * os1]! += scalarSum(x, ib + j * is1, size0, is0, acc);
  }
}

/**
 * `vectorized_outer_sum`: `size1` contiguous columns summed over `size0` rows `is0` apart, in
 * groups of four vectors, then single vectors, then single columns (three different orders).
 */
function outerSums(
  x: FloatStorage,
  ib: number,
  out: FloatStorage,
  ob: number,
  size0: number,
  size1: number,
  is0: number,
  os1: number,
  lanes: number,
  acc: FloatStorage,
): void {
  let j =
    lanes === 8 && is0 === size1 && size0 * size1 >= SIMD_ELEMENTS && x instanceof Float32Array
      ? simdOuterSums(x, ib, size0, size1, out as Float32Array, ob, os1, acc as Float32Array)
      : 0;
  for (; j + 4 * lanes <= size1; j += 4 * lanes) {
    multiRowSum(x, ib + j, is0, lanes, lanes, size0, acc);
    for (let k = 0; k < 4 * lanes; k++) out[ob + (j + k) * os1]! += acc[k]!;
  }
  for (; j + lanes <= size1; j += lanes) {
    rowSum(x, ib + j, is0, size0, lanes, acc);
    for (let k = 0; k < lanes; k++) out[ob + (j + k) * os1]! += acc[k]!;
  }
  for (; j < size1; j++) out[ob + j * os1]! += scalarSum(x, ib + j, size0, is0, acc);
}

const acc32 = new Float32Array(SCALAR + 1);
const acc64 = new Float64Array(SCALAR + 1);

/**
 * Adds the sums of `x` (from `offset`) over the reduced loops of `loops` into `out`, which the
 * caller zeroes first, as PyTorch fills its output with 0 (so a sum of -0s is +0). `x` and `out`
 * share a float dtype.
 *
 * @example
 * ```ts
 * const out = new Float32Array(1);
 * cascadeSum(x, 0, reductionLoops([n], [1], [true]), out); // PyTorch's x.sum()
 * ```
 */
export function cascadeSum(
  x: FloatStorage,
  offset: number,
  loops: ReductionLoops,
  out: FloatStorage,
): void {
  const { sizes, inStrides, outStrides } = loops;
  if (sizes.includes(0)) return;
  const f32 = x instanceof Float32Array;
  const lanes = f32 ? 8 : 4;
  const acc = f32 ? acc32 : acc64;
  const nd = sizes.length;
  const size0 = nd > 0 ? sizes[0]! : 1;
  const size1 = nd > 1 ? sizes[1]! : 1;
  const is0 = nd > 0 ? inStrides[0]! : 0;
  const is1 = nd > 1 ? inStrides[1]! : 0;
  const os0 = nd > 0 ? outStrides[0]! : 0;
  const os1 = nd > 1 ? outStrides[1]! : 0;
  if (nd <= 2) {
    loop2d(x, offset, out, 0, size0, size1, is0, is1, os0, os1, lanes, acc);
    return;
  }
  // Outer loops, the third dim fastest, each running the 2-d loop over the first two.
  forEachOuter(loops, 2, offset, 0, (ib, ob) => {
    loop2d(x, ib, out, ob, size0, size1, is0, is1, os0, os1, lanes, acc);
  });
}

/**
 * {@link cascadeSum} over two loops given directly (a {@link Loops2d}, as
 * `contiguousLoops2d` writes it): the same additions without the loops' arrays.
 */
export function cascadeSum2d(x: FloatStorage, offset: number, l: Loops2d, out: FloatStorage) {
  if (l.size0 === 0 || l.size1 === 0) return;
  const f32 = x instanceof Float32Array;
  const acc = f32 ? acc32 : acc64;
  loop2d(x, offset, out, 0, l.size0, l.size1, l.is0, l.is1, l.os0, l.os1, f32 ? 8 : 4, acc);
}

/**
 * The sums down the columns of a contiguous `rows × cols` block at `x[offset]` into `out` (which
 * it zeroes first): PyTorch's `x.sum(0)`, as autograd's `sum_to` reduces a broadcast gradient.
 */
export function cascadeColumnSums(
  x: FloatStorage,
  offset: number,
  rows: number,
  cols: number,
  out: FloatStorage,
): void {
  out.fill(0, 0, cols);
  if (rows === 0) return;
  // reductionLoops' answer for this layout, without planning it (a size-1 dim changes nothing)
  const f32 = x instanceof Float32Array;
  loop2d(x, offset, out, 0, rows, cols, cols, 1, 0, 1, f32 ? 8 : 4, f32 ? acc32 : acc64);
}

/** PyTorch's sum of `n` contiguous elements at `x[offset]`, rounded to `x`'s dtype. */
export function cascadeTotal(x: FloatStorage, offset: number, n: number): number {
  const out = x instanceof Float32Array ? total32 : total64;
  out[0] = 0;
  const f32 = x instanceof Float32Array;
  if (n > 0) loop2d(x, offset, out, 0, n, 1, 1, 0, 0, 0, f32 ? 8 : 4, f32 ? acc32 : acc64);
  return out[0]!;
}

const total32 = new Float32Array(1);
const total64 = new Float64Array(1);
