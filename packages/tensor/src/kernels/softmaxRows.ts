import { fma32 } from "../random/fma.js";
import { sleefExpf } from "./sleefExpf.js";
import { sleefLogf } from "./sleefLogf.js";

/**
 * Float32 softmax and log-softmax of contiguous rows, fused: one pass for the row's maximum,
 * one for `e = exp(x - max)` and its sum, one to finish (`e · (1 / sum)`, or
 * `(x - max) - log(sum)`). The operations and their order are those of PyTorch 1.13's CPU
 * kernels for the last dim (`_vec_softmax_lastdim`, `_vec_log_softmax_lastdim`) on an AVX2
 * machine: the sum kept in eight float32 lanes (element j of the row into lane j mod 8, the
 * first eight elements as the lanes' start) and folded as
 * `((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))`; a row shorter than eight is summed in
 * order. The exponential and the logarithm are SLEEF's ({@link sleefExpf}, {@link sleefLogf}),
 * as PyTorch's kernels call them, so the results are PyTorch's bits. The WebAssembly twin
 * (simdSoftmax.ts, on the relaxed-SIMD module where it is fused) gives the same bits.
 */

/** Scratch lanes for the row sums below (each fills all eight before reading any). */
const LANES = new Float32Array(8);

/** The row's maximum, NaN when any element is NaN (as `torch.max` and PyTorch's softmax). */
export function rowMaxF32(a: Float32Array, at: number, n: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const x = a[at + j]!;
    if (x > m) m = x;
    else if (Number.isNaN(x)) return Number.NaN;
  }
  return m;
}

/**
 * `Σ exp(a[at + j] - m)` over `j < n` in PyTorch's order (see above), each exponential also
 * written to `o[oi + j]` when `o` is given.
 */
export function sumExpShiftedF32(
  a: Float32Array,
  at: number,
  n: number,
  m: number,
  o: Float32Array | null,
  oi: number,
): number {
  const f = Math.fround;
  if (n < 8) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = sleefExpf(f(a[at + j]! - m));
      if (o !== null) o[oi + j] = e;
      // every e is +0 or more, so starting from 0 gives the first element exactly
      s = f(s + e);
    }
    return s;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  // the first group's lanes are the accumulators' start (0 + e = e, e being +0 or more)
  const full = n - (n % 8);
  const e = (j: number): number => {
    const v = sleefExpf(f(a[at + j]! - m));
    if (o !== null) o[oi + j] = v;
    return v;
  };
  for (let j = 0; j < full; j += 8) {
    s0 = f(s0 + e(j));
    s1 = f(s1 + e(j + 1));
    s2 = f(s2 + e(j + 2));
    s3 = f(s3 + e(j + 3));
    s4 = f(s4 + e(j + 4));
    s5 = f(s5 + e(j + 5));
    s6 = f(s6 + e(j + 6));
    s7 = f(s7 + e(j + 7));
  }
  // a partial last group adds into its first lanes only
  const tail = n - full;
  if (tail > 0) s0 = f(s0 + e(full));
  if (tail > 1) s1 = f(s1 + e(full + 1));
  if (tail > 2) s2 = f(s2 + e(full + 2));
  if (tail > 3) s3 = f(s3 + e(full + 3));
  if (tail > 4) s4 = f(s4 + e(full + 4));
  if (tail > 5) s5 = f(s5 + e(full + 5));
  if (tail > 6) s6 = f(s6 + e(full + 6));
  return fold8(s0, s1, s2, s3, s4, s5, s6, s7);
}

/**
 * `Σ a[at + j]` over `j < n` in float32, in the order of PyTorch 1.13's `vec::reduce_all` on an
 * AVX2 machine (its log-softmax backward sums each row of the gradient so): fewer than eight
 * elements in order from the first; otherwise eight lanes started by the first eight elements,
 * each later group of eight added lane by lane (a partial last group into the first lanes), then
 * folded as {@link foldLanesF32}. 0 for an empty row.
 */
export function laneSumF32(a: Float32Array, at: number, n: number): number {
  const f = Math.fround;
  if (n === 0) return 0;
  if (n < 8) {
    let s = a[at]!;
    for (let j = 1; j < n; j++) s = f(s + a[at + j]!);
    return s;
  }
  const lanes = LANES;
  for (let j = 0; j < 8; j++) lanes[j] = a[at + j]!;
  addIntoLanesF32(lanes, a, at + 8, n - 8);
  return foldLanesF32(lanes);
}

/**
 * `lanes[j mod 8] += v[at + j]` for `j < n`, in order, in float32: a row's later elements into
 * PyTorch's eight lanes (`at` must sit a multiple of eight elements into the row).
 */
export function addIntoLanesF32(lanes: Float32Array, v: Float32Array, at: number, n: number): void {
  const f = Math.fround;
  for (let j = 0; j < n; j++) lanes[j & 7] = f(lanes[j & 7]! + v[at + j]!);
}

/**
 * `Σ a[at + j]·b[bt + j]` over `j < n` in float32, in the order of PyTorch 1.13's
 * `vec::map2_reduce_all` on an AVX2 machine (its softmax backward's row sums of g·out): fewer
 * than eight elements as rounded products summed in order; otherwise eight lanes started by the
 * first eight rounded products, each later product added into its lane by a fused multiply-add
 * (the kernel's `acc + x·y` is contracted), then folded as {@link foldLanesF32}. 0 for an empty
 * row.
 */
export function laneDotF32(
  a: Float32Array,
  at: number,
  b: Float32Array,
  bt: number,
  n: number,
): number {
  const f = Math.fround;
  if (n === 0) return 0;
  if (n < 8) {
    let s = f(a[at]! * b[bt]!);
    for (let j = 1; j < n; j++) s = f(s + f(a[at + j]! * b[bt + j]!));
    return s;
  }
  const lanes = LANES;
  for (let j = 0; j < 8; j++) lanes[j] = a[at + j]! * b[bt + j]!;
  for (let j = 8; j < n; j++) lanes[j & 7] = fma32(a[at + j]!, b[bt + j]!, lanes[j & 7]!);
  return foldLanesF32(lanes);
}

/** Eight lane sums folded as PyTorch's AVX2 reduction folds them (see above), in float32. */
export function foldLanesF32(s: Float32Array): number {
  return fold8(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!, s[6]!, s[7]!);
}

/** {@link foldLanesF32} of lanes held in locals. */
function fold8(
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  s4: number,
  s5: number,
  s6: number,
  s7: number,
): number {
  const f = Math.fround;
  return f(f(f(s0 + s4) + f(s2 + s6)) + f(f(s1 + s5) + f(s3 + s7)));
}

/**
 * What a row's sum of exponentials becomes before the last pass: `1 / sum` (softmax: each e is
 * multiplied by it) or, with `log`, `log(sum)` (log-softmax: taken off each `x - max`), in float32.
 */
export function rowFinisherF32(sum: number, log: boolean): number {
  return log ? sleefLogf(sum) : Math.fround(1 / sum);
}

/**
 * Softmax (or, with `log`, log-softmax) of `rows` contiguous rows of `cols` float32 from
 * `a[ai]`, to `o[oi]` (which may be `a` at the same offset).
 */
export function softmaxRowsF32(
  a: Float32Array,
  ai: number,
  o: Float32Array,
  oi: number,
  rows: number,
  cols: number,
  log: boolean,
): void {
  const f = Math.fround;
  for (let r = 0; r < rows; r++) {
    const at = ai + r * cols;
    const ot = oi + r * cols;
    const m = rowMaxF32(a, at, cols);
    if (log) {
      const l = rowFinisherF32(sumExpShiftedF32(a, at, cols, m, null, 0), true);
      for (let j = 0; j < cols; j++) o[ot + j] = f(f(a[at + j]! - m) - l);
    } else {
      const inverse = rowFinisherF32(sumExpShiftedF32(a, at, cols, m, o, ot), false);
      for (let j = 0; j < cols; j++) o[ot + j] = f(o[ot + j]! * inverse);
    }
  }
}
