import {
  absKernels,
  addKernels,
  divKernels,
  eqKernels,
  expKernels,
  geKernels,
  gtKernels,
  leKernels,
  logKernels,
  ltKernels,
  maximumKernels,
  minimumKernels,
  mulKernels,
  negKernels,
  neKernels,
  reluKernels,
  sqrtKernels,
  subKernels,
  tanhKernels,
} from "../generated/tables.js";
import type { BinaryKernelTable, UnaryKernelTable } from "../types.js";
import {
  SIMD_MIN_ELEMENTS,
  SIMD_MIN_ROWS,
  SIMD_MIN_TRANSCENDENTAL,
  type SimdBinaryOp,
  type SimdCompareOp,
  type SimdElementwiseOp,
  type SimdUnaryOp,
  simdBinaryF32,
  simdCompareF32,
  simdUnaryF32,
} from "./simd.js";
import { simdRowsF32 } from "./simdRows.js";
import { type SleefOp, simdSleefF32 } from "./simdSleef.js";
import { threadedTanhF32 } from "./threads/tanhThreaded.js";

/** Binary kernels with SIMD twins elementwise and for row broadcasts. */
const SIMD_BINARY = new Map<BinaryKernelTable, SimdBinaryOp>([
  [addKernels, "add"],
  [subKernels, "sub"],
  [mulKernels, "mul"],
  [divKernels, "div"],
]);

/** Binary kernels with SIMD twins elementwise only. */
const SIMD_ELEMENTWISE = new Map<BinaryKernelTable, SimdElementwiseOp>([
  ...SIMD_BINARY,
  [maximumKernels, "maximum"],
  [minimumKernels, "minimum"],
]);

/** Comparison kernels (float32 in, bool out) with SIMD twins. */
const SIMD_COMPARE = new Map<BinaryKernelTable, SimdCompareOp>([
  [eqKernels, "eq"],
  [neKernels, "ne"],
  [ltKernels, "lt"],
  [leKernels, "le"],
  [gtKernels, "gt"],
  [geKernels, "ge"],
]);

/** Unary kernels as cheap in TypeScript as a copy, from {@link SIMD_MIN_ELEMENTS}. */
const SIMD_UNARY = new Map<UnaryKernelTable, SimdUnaryOp>([
  [negKernels, "neg"],
  [absKernels, "abs"],
  [sqrtKernels, "sqrt"],
  [reluKernels, "relu"],
]);

/** Unary kernels whose TypeScript twins cost far more than a copy, from {@link SIMD_MIN_TRANSCENDENTAL}. */
/** Unary kernels with SLEEF's kernels on the relaxed-SIMD module (simdSleef.ts), tanh aside. */
const SIMD_SLEEF = new Map<UnaryKernelTable, SleefOp>([
  [expKernels, "exp"],
  [logKernels, "log"],
]);

/**
 * Runs the SIMD kernel standing for the unary TypeScript kernel table `table` on a contiguous
 * float32 span (`n` elements from `a[ai]` into `out[0]`): tanh (SLEEF's, on the relaxed-SIMD
 * module where its multiply-adds are fused: on the worker pool when it is large enough, else on
 * one thread), exp, sigmoid and log from {@link SIMD_MIN_TRANSCENDENTAL}
 * elements; neg, abs, sqrt and relu from {@link SIMD_MIN_ELEMENTS}. Returns false, writing
 * nothing, when there is no such kernel, `n` is too small or SIMD is missing; the caller's loop
 * gives the same bits.
 */
export function trySimdUnary(
  table: UnaryKernelTable,
  a: Float32Array,
  ai: number,
  out: Float32Array,
  n: number,
): boolean {
  if (table === tanhKernels) {
    return (
      n >= SIMD_MIN_TRANSCENDENTAL &&
      (threadedTanhF32(a, ai, out, 0, n) || simdSleefF32("tanh", a, ai, out, 0, n))
    );
  }
  const sleef = SIMD_SLEEF.get(table);
  if (sleef !== undefined) {
    return n >= SIMD_MIN_TRANSCENDENTAL && simdSleefF32(sleef, a, ai, out, 0, n);
  }
  if (n < SIMD_MIN_ELEMENTS) return false;
  const op = SIMD_UNARY.get(table);
  return op !== undefined && simdUnaryF32(op, a, ai, out, 0, n);
}

/**
 * Float32 clamp of a contiguous span (`n` elements from `a[ai]` into `out[0]`) to `[lo, hi]`
 * (±Infinity for a missing bound) by the SIMD kernel from {@link SIMD_MIN_ELEMENTS}; false,
 * writing nothing, below that or without SIMD.
 */
export function trySimdClamp(
  a: Float32Array,
  ai: number,
  out: Float32Array,
  n: number,
  lo: number,
  hi: number,
): boolean {
  return n >= SIMD_MIN_ELEMENTS && simdUnaryF32("clamp", a, ai, out, 0, n, lo, hi);
}

/**
 * Runs the SIMD kernel standing for the TypeScript kernel table `table` on float32 operands
 * (strides 0 or 1) when there is one and `n` is large enough; returns false otherwise, and the
 * caller runs its TypeScript kernel (which gives the same bits).
 */
export function trySimdBinary(
  table: BinaryKernelTable,
  a: Float32Array,
  ai: number,
  sa: number,
  b: Float32Array,
  bi: number,
  sb: number,
  out: Float32Array,
  oi: number,
  n: number,
): boolean {
  if (n < SIMD_MIN_ELEMENTS) return false;
  const op = SIMD_ELEMENTWISE.get(table);
  return op !== undefined && simdBinaryF32(op, a, ai, sa, b, bi, sb, out, oi, n);
}

/**
 * A float32 comparison of operands with strides 0 or 1 into bool bytes by the SIMD kernels, when
 * `table` is one and `n` is large enough; false otherwise (the caller's loop gives the same bytes).
 */
export function trySimdCompare(
  table: BinaryKernelTable,
  a: Float32Array,
  ai: number,
  sa: number,
  b: Float32Array,
  bi: number,
  sb: number,
  out: Uint8Array,
  oi: number,
  n: number,
): boolean {
  if (n < SIMD_MIN_ELEMENTS) return false;
  const op = SIMD_COMPARE.get(table);
  return op !== undefined && simdCompareF32(op, a, ai, sa, b, bi, sb, out, oi, n);
}

/**
 * A rank-2 broadcast of a contiguous float32 matrix and a row (`rows`×`cols`, strides as the
 * TypeScript rows kernels take them: a matrix reads with `(cols, 1)`, a row with `(0, 1)`) by
 * the SIMD kernels, for the ops that have them; false otherwise (the caller runs its kernel).
 */
export function trySimdRows(
  table: BinaryKernelTable,
  rows: number,
  cols: number,
  a: Float32Array,
  ai: number,
  ars: number,
  acs: number,
  b: Float32Array,
  bi: number,
  brs: number,
  bcs: number,
  out: Float32Array,
  oi: number,
): boolean {
  if (rows * cols < SIMD_MIN_ROWS || acs !== 1 || bcs !== 1) return false;
  const op = SIMD_BINARY.get(table);
  if (op === undefined) return false;
  if (ars === cols && brs === 0) return simdRowsF32(op, rows, cols, a, ai, b, bi, false, out, oi);
  if (brs === cols && ars === 0) return simdRowsF32(op, rows, cols, b, bi, a, ai, true, out, oi);
  return false;
}
