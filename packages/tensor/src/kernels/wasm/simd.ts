import { KERNELS_WASM_BASE64 } from "./kernelsBinary.js";
import { loadWasm } from "./loadWasm.js";

/**
 * The WebAssembly SIMD kernels (kernels.wat) and how float32 arrays reach them. Tensors keep
 * their elements in ordinary typed arrays, so each call streams its operands through the
 * module's memory in chunks of {@link CHUNK} elements (three 64 KiB buffers, resident in the
 * L2 cache): copy in, compute four lanes at a time, copy out. Where WebAssembly or its SIMD
 * extension is missing (or after `setSimdEnabled(false)`), every entry point returns false and
 * the caller runs its TypeScript loop, which gives the same bits for elementwise ops.
 *
 * This file loads the module, lays out its memory and drives the elementwise kernels, tanh, the
 * comparisons and max/min; simdRows.ts (matrix-and-row broadcasts), simdCascade.ts (PyTorch's float32 sum),
 * simdSmallGemm.ts (small products) and simdSleef.ts (SLEEF's tanh, on the relaxed-SIMD module)
 * drive the others through the helpers exported here.
 */

/** Elements per chunk: 64 KiB of float32. */
export const CHUNK = 16_384;
/**
 * Elementwise binary ops on at least this many elements take the kernels. Below it the
 * TypeScript loops win: no copies, and no call, which with its copies costs about 0.13 µs. The
 * loops cost 1.8 ns an element on the Intel Xeon the benchmarks ran on in December 2026 and
 * 0.6 ns on the AMD EPYC before it; the kernel's copies cost about 0.3 ns. So the crossover is
 * near 70 elements on the one and 400 on the other.
 */
export const SIMD_MIN_ELEMENTS = 256;
/**
 * Row broadcasts (a matrix and a row, as a bias add) take the kernels from this many elements:
 * the TypeScript rows kernels cost 0.75 µs for a 50×4 batch on the Intel host, the kernels 0.3.
 */
export const SIMD_MIN_ROWS = 128;
/**
 * Small float32 products of at least this many multiply-adds take the WebAssembly kernel (the
 * same sums as smallGemm): below it the call and copies cost more than the loop.
 */
export const SIMD_SMALL_GEMM_FLOPS = 64;
/**
 * exp, sigmoid, log and tanh take the kernels from this many elements. Their TypeScript twins
 * cost 50 to 100 ns an element (each float32 step is a `Math.fround` round trip on the critical
 * path), the kernel's call and copies about 0.2 µs in all: on the Zen 3 host, 8 elements took
 * 0.47–0.60 µs in the loops against 0.12–0.22 in the kernels, 4 about the same either way. The
 * twins give the same bits, so the size changes no result.
 */
export const SIMD_MIN_TRANSCENDENTAL = 8;

/**
 * Bytes the out slot starts after its 64 KiB boundary: a result copied out of the module's memory
 * into a typed array at the same address modulo 4096 (V8 puts large array buffers on page
 * boundaries) copies about ten times slower on AMD Zen 3 (1.5 ms against 0.13 for 4 MB; an
 * in-place 1M add 2.2 ms against 0.6). scripts/wasm/kernelsWat.mjs moves the constants past it.
 */
export const OUT_SKEW = 64;
/** Byte offsets of the three chunk slots in the module's memory. */
export const A = 0;
export const B = CHUNK * 4;
export const O = CHUNK * 8 + OUT_SKEW;
/** Small per-call data (statistics, parameters), after the kernels' constants (see kernelsWat). */
export const SCRATCH = 3 * 65536 + 4096;
/** Floats that fit there. */
export const SCRATCH_FLOATS = (65536 - 4096) / 4;

/** The binary ops with SIMD kernels both elementwise and for row broadcasts (simdRows.ts). */
export type SimdBinaryOp = "add" | "sub" | "mul" | "div";

/** The binary ops with elementwise SIMD kernels: the arithmetic ones, `maximum` and `minimum`. */
export type SimdElementwiseOp = SimdBinaryOp | "maximum" | "minimum";

type Kernel4 = (x: number, y: number, o: number, n: number) => void;

type BinaryExports = { [K in `${SimdElementwiseOp}_${"vv" | "vs" | "sv"}`]: Kernel4 };

/** The float32 comparisons with SIMD kernels (a bool result, one byte an element). */
export type SimdCompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

type CompareExports = { [K in `${SimdCompareOp}_cmp_${"vv" | "vs"}`]: Kernel4 };

/** `s op x` as `x op' s`: the comparison with its operands swapped. */
const MIRRORED: Record<SimdCompareOp, SimdCompareOp> = {
  eq: "eq",
  ne: "ne",
  lt: "gt",
  le: "ge",
  gt: "lt",
  ge: "le",
};

type RowsKernel = (m: number, v: number, o: number, rows: number, cols: number) => void;

type RowsExports = { [K in `${SimdBinaryOp}_rows${"" | "_first"}`]: RowsKernel };

/**
 * The elementwise unary ops with SIMD kernels here, exact operations giving the TypeScript
 * loops' bits. Tanh, exp, log and sigmoid: simdSleef.ts.
 */
export type SimdUnaryOp = "neg" | "abs" | "sqrt" | "relu";

type UnaryExports = { [K in `${SimdUnaryOp}_f32`]: (a: number, o: number, n: number) => void };

/** The kernels' exports (the module's memory grows for large matrix products). */
export interface Exports extends BinaryExports, CompareExports, RowsExports, UnaryExports {
  /** `o[i] = a[i] <= 0 ? 0 : b[i]` for `i < n` (a multiple of 16): relu's backward. */
  relu_backward_f32(a: number, b: number, o: number, n: number): void;
  /** `o[i] = min(max(a[i], lo), hi)` for `i < n` (a multiple of 16), NaN kept. */
  clamp_f32(a: number, lo: number, hi: number, o: number, n: number): void;
  /**
   * `o[i] = a[i] + s·b[i]` for `i < n` (a multiple of 4), the exact product's sum rounded to
   * float64 and then to float32: PyTorch's fused `add`/`sub` with an alpha.
   */
  scaled_add_f32(a: number, b: number, o: number, s: number, n: number): void;
  /** `o[i] = c[i] !== 0 ? a[i] : b[i]` for `i < n` (a multiple of 16), `c` bytes: where's bits. */
  where_f32(c: number, a: number, b: number, o: number, n: number): void;
  /** The largest of `n` floats (a multiple of 16, not 0): NaN if any is, -0 below +0. */
  max_f32(a: number, n: number): number;
  /** The smallest of `n` floats (a multiple of 16, not 0): NaN if any is, -0 below +0. */
  min_f32(a: number, n: number): number;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  /**
   * C += A·B over packed panels (`load` 1), or C = A·B (`load` 0: C is not read, so the first k
   * block of a product needs no zeroed C); byte offsets and strides.
   */
  gemm_f32(
    pa: number,
    pb: number,
    pc: number,
    mPanels: number,
    nPanels: number,
    kc: number,
    aStride: number,
    bStride: number,
    ldc: number,
    load: 0 | 1,
  ): void;
  /**
   * C += A·B for a block of float64 panels (gemm.ts's layout: 4-row A and 4-column B panels,
   * k-major), `mc` and `nc` multiples of 4, C's rows `ldc` bytes apart: each tile's block sum,
   * from +0, added to C, the bits of gemm.ts's asm.js path.
   */
  gemm_f64(
    pa: number,
    pb: number,
    pc: number,
    mc: number,
    nc: number,
    kc: number,
    ldc: number,
  ): void;
  /** Four rows (`ld` bytes apart) interleaved: column q of them at `dst + q·step`. */
  pack_interleave4_f32(src: number, ld: number, dst: number, step: number, k: number): void;
  /** For `q < k`, four float32 from `src + q·ld` to `dst + 16q`. */
  pack_segments4_f32(src: number, ld: number, dst: number, k: number): void;
  /** For `q < k`, eight float32 from `src + q·ld` to `dst + 32q`. */
  pack_segments8_f32(src: number, ld: number, dst: number, k: number): void;
  /** `count` Mersenne Twister blocks: the 624 state words at `w` twisted, their draws to `o`. */
  mt_blocks(w: number, o: number, count: number): void;
  /** The same blocks as `mt_blocks`, each draw d written as the float32 `(d & 0xffffff)·2⁻²⁴`. */
  mt_unit_blocks(w: number, o: number, count: number): void;
  /**
   * Box-Muller on `blocks` blocks of 16 float32 uniforms at `a` (PyTorch's AVX2 block), the
   * samples to `o`, each `fma(n, std, mean)`; stops at the first block a lane of which needs the
   * exact TypeScript twin, and returns its index (`blocks` when all are done).
   */
  normal_f32(a: number, o: number, blocks: number, mean: number, std: number): number;
  /** PyTorch's cascade sum over rows of four 8-lane vectors into four levels (simdCascade.ts). */
  cascade_f32(
    a: number,
    rowStride: number,
    colStride: number,
    rows: number,
    state: number,
    i: number,
    carryUntil: number,
    power: number,
  ): void;
  /** The whole cascade sum of four single-float columns, one a lane (simdCascade.ts). */
  cascade4_f32(
    a: number,
    rowStride: number,
    rows: number,
    carryUntil: number,
    power: number,
    out: number,
  ): void;
  small_gemm_f32(
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    o: number,
    m: number,
    n: number,
    k: number,
    pk: number,
    ldo: number,
  ): void;
}

let loaded: Exports | null | undefined;
/** The binary kernels by op, then by operand kinds (vector-vector, vector-scalar, scalar-vector). */
let binaryTable: Record<SimdElementwiseOp, readonly [Kernel4, Kernel4, Kernel4]> | null = null;

/** The rows kernels by op: matrix first, row first. */
let rowsTable: Record<SimdBinaryOp, readonly [RowsKernel, RowsKernel]> | null = null;

export function rowsKernelOf(k: Exports, op: SimdBinaryOp, rowFirst: boolean): RowsKernel {
  if (rowsTable === null) {
    const pair = (o: SimdBinaryOp) => [k[`${o}_rows`], k[`${o}_rows_first`]] as const;
    rowsTable = { add: pair("add"), sub: pair("sub"), mul: pair("mul"), div: pair("div") };
  }
  return rowsTable[op][rowFirst ? 1 : 0];
}

export function binaryKernel(k: Exports, op: SimdElementwiseOp, kind: 0 | 1 | 2): Kernel4 {
  if (binaryTable === null) {
    const row = (o: SimdElementwiseOp) => [k[`${o}_vv`], k[`${o}_vs`], k[`${o}_sv`]] as const;
    binaryTable = {
      add: row("add"),
      sub: row("sub"),
      mul: row("mul"),
      div: row("div"),
      maximum: row("maximum"),
      minimum: row("minimum"),
    };
  }
  return binaryTable[op][kind];
}
let compiled: object | null = null;
let enabled = true;

function load(): Exports | null {
  // A runtime without SIMD rejects the module; the TypeScript loops take over.
  const result = loadWasm(KERNELS_WASM_BASE64);
  compiled = result?.module ?? null;
  return (result?.exports ?? null) as Exports | null;
}

/** The kernels, or null when unavailable or disabled. Compiled on first use. */
export function kernels(): Exports | null {
  if (!enabled) return null;
  if (loaded === undefined) loaded = load();
  return loaded;
}

/**
 * The compiled kernels module (a `WebAssembly.Module`, which workers can instantiate for their
 * own memory), or null when the kernels are unavailable or disabled.
 */
export function kernelsModule(): object | null {
  return kernels() === null ? null : compiled;
}

/** True when the SIMD kernels run on this runtime (and are enabled). */
export function simdAvailable(): boolean {
  return kernels() !== null;
}

/**
 * Turns the SIMD kernels on or off (on by default where supported); returns the previous
 * setting. For tests and benchmarks of the TypeScript fallback.
 */
export function setSimdEnabled(flag: boolean): boolean {
  const previous = enabled;
  enabled = flag;
  return previous;
}

/**
 * True when `view` exists and still sees the memory: a view on memory that has grown since is
 * detached and reads as empty. (A test, not a factory taking a closure: the views below are
 * fetched for every small op.)
 */
function live<V extends Float32Array | Float64Array>(view: V | null): view is V {
  return view !== null && view.length > 0;
}

let heapView: Float32Array | null = null;
let scratchView: Float32Array | null = null;

/** The three chunk slots as one view (through the end of the out slot). */
export function heap(k: Exports): Float32Array {
  if (!live(heapView)) heapView = new Float32Array(k.memory.buffer, 0, O / 4 + CHUNK);
  return heapView;
}

/** Lengths up to this many floats get a cached view in {@link outSlot}. */
const OUT_VIEW_MAX = 2_048;
let outViews: Float32Array[] = [];
let outViewsOf: Float32Array | null = null;
/** The views of the other memory last used (the relaxed-SIMD module's, see gemmModule.ts). */
let otherViews: Float32Array[] = [];
let otherViewsOf: Float32Array | null = null;

/**
 * The first `len` floats of the out slot, as a view of `mem` (the {@link heap} view, or the
 * relaxed-SIMD module's `relaxedHeap`). Views of short lengths are made once and kept, for the
 * two memories last used (a new view costs about 30 ns, as much as copying a small result out
 * through it).
 */
export function outSlot(mem: Float32Array, len: number): Float32Array {
  if (len > OUT_VIEW_MAX) return mem.subarray(O / 4, O / 4 + len);
  if (outViewsOf !== mem) {
    const views = outViews;
    const of = outViewsOf;
    if (otherViewsOf === mem) {
      outViews = otherViews;
    } else {
      outViews = [];
    }
    outViewsOf = mem;
    otherViews = views;
    otherViewsOf = of;
  }
  let view = outViews[len];
  if (view === undefined) {
    view = mem.subarray(O / 4, O / 4 + len);
    outViews[len] = view;
  }
  return view;
}

/** The scratch area after the constants as float32 (see SCRATCH). */
export function scratch(k: Exports): Float32Array {
  if (!live(scratchView)) {
    scratchView = new Float32Array(k.memory.buffer, SCRATCH, SCRATCH_FLOATS);
  }
  return scratchView;
}

/** A float32 parameter's elements: its storage and the offset of its first element. */
export interface F32Param {
  readonly data: Float32Array;
  readonly offset: number;
}

/** `a[at, at + len)`, without a new view when that is the whole array. */
export function span(a: Float32Array, at: number, len: number): Float32Array {
  return at === 0 && len === a.length ? a : a.subarray(at, at + len);
}

/** Rows of at most this many floats are copied element by element by {@link copyIn}. */
const SHORT_COPY = 8;

/**
 * `mem[to + i] = a[at + i]` for `i < len`: element by element for a short row (a `set` call and
 * the view it needs cost about 25 ns, more than a few stores), by `set` otherwise.
 */
export function copyIn(mem: Float32Array, to: number, a: Float32Array, at: number, len: number) {
  if (len <= SHORT_COPY) for (let i = 0; i < len; i++) mem[to + i] = a[at + i]!;
  else mem.set(span(a, at, len), to);
}

/**
 * `out[oi + i] = a[ai + i·sa] op b[bi + i·sb]` for `i < n`, with strides 0 or 1 (not both 0).
 * Returns false, doing nothing, when the kernels are unavailable.
 */
export function simdBinaryF32(
  op: SimdElementwiseOp,
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
  const k = kernels();
  if (k === null || (sa !== 0 && sa !== 1) || (sb !== 0 && sb !== 1) || sa + sb === 0) {
    return false;
  }
  const kernel = binaryKernel(k, op, sa === 1 ? (sb === 1 ? 0 : 1) : 2);
  streamBinary(k, kernel, a, ai, sa, b, bi, sb, out, oi, n);
  return true;
}

/**
 * Runs a two-operand kernel `kernel(x, y, o, n)` over `n` elements a chunk at a time: an operand
 * of stride 1 copied into its slot (a or b), one of stride 0 passed as its value, the out slot
 * copied to `out[oi..]` (floats, or bytes for a comparison's bool result).
 */
function streamBinary(
  k: Exports,
  kernel: Kernel4,
  a: Float32Array,
  ai: number,
  sa: number,
  b: Float32Array,
  bi: number,
  sb: number,
  out: Float32Array | Uint8Array,
  oi: number,
  n: number,
): void {
  const mem = heap(k);
  const bytes = out instanceof Uint8Array ? bytesAt(k, O) : null;
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    // The binary kernels take four vectors a step: lengths rounded up to 16 (within the slot).
    const len16 = (len + 15) & ~15;
    if (sa === 1) mem.set(span(a, ai + at, len), A / 4);
    if (sb === 1) mem.set(span(b, bi + at, len), B / 4);
    kernel(sa === 1 ? A : a[ai]!, sb === 1 ? B : b[bi]!, O, len16);
    if (bytes === null) out.set(outSlot(mem, len), oi + at);
    else out.set(len === CHUNK ? bytes : bytes.subarray(0, len), oi + at);
  }
}

/** Cached views of the module's memory as CHUNK bytes, by byte offset (see {@link bytesAt}). */
const byteViews = new Map<number, Uint8Array>();

/** The CHUNK bytes of the module's memory from `at`, as a view made again after the memory grows. */
function bytesAt(k: Exports, at: number): Uint8Array {
  let view = byteViews.get(at);
  if (view === undefined || view.buffer !== k.memory.buffer) {
    view = new Uint8Array(k.memory.buffer, at, CHUNK);
    byteViews.set(at, view);
  }
  return view;
}

/**
 * `out[oi + i] = op(a[ai + i])` for `i < n`, the TypeScript loops' bits; `lo`,
 * `hi` are clamp's bounds (unused otherwise). Returns false, doing nothing, when the kernels are unavailable.
 */
export function simdUnaryF32(
  op: SimdUnaryOp | "clamp",
  a: Float32Array,
  ai: number,
  out: Float32Array,
  oi: number,
  n: number,
  lo = 0,
  hi = 0,
): boolean {
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  const kernel = op === "clamp" ? null : k[`${op}_f32`];
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    mem.set(span(a, ai + at, len), A / 4);
    // lengths rounded up to 16 within the slot (four vectors a step)
    const len16 = (len + 15) & ~15;
    if (kernel !== null) kernel(A, O, len16);
    else k.clamp_f32(A, lo, hi, O, len16);
    out.set(outSlot(mem, len), oi + at);
  }
  return true;
}

/**
 * `r[i] = out[oi + i] <= 0 ? 0 : g[gi + i]` for `i < n`: relu's backward (PyTorch's
 * `threshold_backward`), exact either way, so the loop's bits. Returns false, doing nothing,
 * when the kernels are unavailable.
 */
export function simdReluBackwardF32(
  out: Float32Array,
  oi: number,
  g: Float32Array,
  gi: number,
  r: Float32Array,
  n: number,
): boolean {
  const k = kernels();
  if (k === null) return false;
  streamBinary(k, k.relu_backward_f32, out, oi, 1, g, gi, 1, r, 0, n);
  return true;
}

/**
 * `s[si + i] = s[si + i] + scale · o[oi + i]` for `i < n` (`scale` a float32 value), rounded as
 * PyTorch's fused multiply-add (`scaled_add_f32`). `o` may be `s` at the same offset. Returns
 * false, doing nothing, when the kernels are unavailable.
 */
export function simdScaledAddF32(
  s: Float32Array,
  si: number,
  o: Float32Array,
  oi: number,
  n: number,
  scale: number,
): boolean {
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    const len4 = (len + 3) & ~3;
    mem.set(span(s, si + at, len), A / 4);
    mem.set(span(o, oi + at, len), B / 4);
    k.scaled_add_f32(A, B, O, scale, len4);
    s.set(outSlot(mem, len), si + at);
  }
  return true;
}

/**
 * The largest (`"max"`) or smallest (`"min"`) of `a[ai .. ai + n)` (`n > 0`), or null when the
 * kernels are unavailable or the answer is NaN or a zero: there the TypeScript loop decides,
 * since it returns the first of equal zeros and the first NaN, which the lanes cannot tell
 * apart. Any other result is the one value it can be.
 */
export function simdExtremumF32(
  op: "max" | "min",
  a: Float32Array,
  ai: number,
  n: number,
): number | null {
  const k = kernels();
  if (k === null) return null;
  const mem = heap(k);
  const kernel = op === "max" ? k.max_f32 : k.min_f32;
  let best = a[ai]!;
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    const len16 = (len + 15) & ~15;
    mem.set(span(a, ai + at, len), A / 4);
    // padding with an element already counted changes no extremum
    mem.fill(best, A / 4 + len, A / 4 + len16);
    const m = kernel(A, len16);
    best = op === "max" ? Math.max(best, m) : Math.min(best, m);
  }
  return best === 0 || Number.isNaN(best) ? null : best;
}

/**
 * `out[oi + i] = a[ai + i·sa] op b[bi + i·sb] ? 1 : 0` for `i < n`, strides 0 or 1 (not both 0),
 * by the comparison kernels (a scalar first compares mirrored: `s < x` as `x > s`). The
 * TypeScript loops' bytes; false, doing nothing, without the kernels.
 */
export function simdCompareF32(
  op: SimdCompareOp,
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
  const k = kernels();
  if (k === null || (sa !== 0 && sa !== 1) || (sb !== 0 && sb !== 1) || sa + sb === 0) {
    return false;
  }
  if (sa === 0) {
    // a scalar first: the vector goes to slot a and the comparison is mirrored
    streamBinary(k, k[`${MIRRORED[op]}_cmp_vs`], b, bi, 1, a, ai, 0, out, oi, n);
  } else {
    streamBinary(k, k[`${op}_cmp_${sb === 1 ? "vv" : "vs"}`], a, ai, 1, b, bi, sb, out, oi, n);
  }
  return true;
}

/**
 * `out[oi + i] = c[ci + i] !== 0 ? a[ai + i·sa] : b[bi + i·sb]` for `i < n`, `sa` and `sb` 0 or 1
 * (an operand of stride 0 fills its slot once), by the `where_f32` kernel: the condition's bytes
 * go to the scratch area. The TypeScript loop's bits; false, doing nothing, without the kernels.
 */
export function simdWhereF32(
  c: Uint8Array,
  ci: number,
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
  const k = kernels();
  if (k === null || (sa !== 0 && sa !== 1) || (sb !== 0 && sb !== 1)) return false;
  const mem = heap(k);
  const conditionView = bytesAt(k, SCRATCH);
  if (sa === 0) mem.fill(a[ai]!, A / 4, A / 4 + CHUNK);
  if (sb === 0) mem.fill(b[bi]!, B / 4, B / 4 + CHUNK);
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    conditionView.set(c.subarray(ci + at, ci + at + len));
    if (sa === 1) mem.set(span(a, ai + at, len), A / 4);
    if (sb === 1) mem.set(span(b, bi + at, len), B / 4);
    // lanes past len read what the slots hold and are not copied out
    k.where_f32(SCRATCH, A, B, O, (len + 15) & ~15);
    out.set(outSlot(mem, len), oi + at);
  }
  return true;
}

/** `n` rounded up to a multiple of `step` (a power of two). */
export function roundUp(n: number, step: number): number {
  return (n + step - 1) & ~(step - 1);
}
