import { KERNELS_WASM_BASE64 } from "./kernelsBinary.js";

/**
 * The WebAssembly SIMD kernels (kernels.wat) and how float32 arrays reach them. Tensors keep
 * their elements in ordinary typed arrays, so each call streams its operands through the
 * module's memory in chunks of {@link CHUNK} elements (three 64 KiB buffers, resident in the
 * L2 cache): copy in, compute four lanes at a time, copy out. Where WebAssembly or its SIMD
 * extension is missing (or after `setSimdEnabled(false)`), every entry point returns false and
 * the caller runs its TypeScript loop, which gives the same bits for elementwise ops.
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
 * Sums take the kernel from this many elements. Its order of additions differs from the loop's in
 * the last bits, so this size stays where it has always been: the same inputs give the same sums.
 */
export const SIMD_MIN_SUM = 2_048;
/** The same for tanh, whose TypeScript twin costs far more per element than a copy. */
export const SIMD_MIN_TANH = 64;

const A = 0;
/** Small per-call data (statistics, parameters), after the kernels' constants (see kernelsWat). */
const SCRATCH = 3 * 65536 + 4096;
/** Floats that fit there. */
const SCRATCH_FLOATS = (65536 - 4096) / 4;
const B = CHUNK * 4;
const O = CHUNK * 8;

/** The elementwise binary ops with SIMD kernels. */
export type SimdBinaryOp = "add" | "sub" | "mul" | "div";

type Kernel4 = (x: number, y: number, o: number, n: number) => void;

type BinaryExports = { [K in `${SimdBinaryOp}_${"vv" | "vs" | "sv"}`]: Kernel4 };

type RowsKernel = (m: number, v: number, o: number, rows: number, cols: number) => void;

type RowsExports = { [K in `${SimdBinaryOp}_rows${"" | "_first"}`]: RowsKernel };

/** The kernels' exports (the module's memory grows for large matrix products). */
export interface Exports extends BinaryExports, RowsExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
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
  ): void;
  tanh_f32(a: number, o: number, n: number): void;
  sum_f32(a: number, n: number): number;
  bn_normalize_f32(
    x: number,
    n: number,
    c: number,
    w: number,
    b: number,
    eps: number,
    out: number,
    stats: number,
  ): void;
  bn_backward_f32(
    x: number,
    g: number,
    n: number,
    c: number,
    stats: number,
    w: number,
    gx: number,
    gwb: number,
  ): void;
  colsum_f32: ColumnKernel;
  colsum_product_f32: ColumnKernel;
  colsum_divisor_f32: ColumnKernel;
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
  ): void;
}

type ColumnKernel = (
  g: number,
  x: number,
  b: number,
  rows: number,
  cols: number,
  acc: number,
) => void;

/** The part of the WebAssembly JS API used here, typed locally so the build needs no DOM lib. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

let loaded: Exports | null | undefined;
/** The binary kernels by op, then by operand kinds (vector-vector, vector-scalar, scalar-vector). */
let binaryTable: Record<SimdBinaryOp, readonly [Kernel4, Kernel4, Kernel4]> | null = null;

/** The rows kernels by op: matrix first, row first. */
let rowsTable: Record<SimdBinaryOp, readonly [RowsKernel, RowsKernel]> | null = null;

function rowsKernelOf(k: Exports, op: SimdBinaryOp, rowFirst: boolean): RowsKernel {
  if (rowsTable === null) {
    const pair = (o: SimdBinaryOp) => [k[`${o}_rows`], k[`${o}_rows_first`]] as const;
    rowsTable = { add: pair("add"), sub: pair("sub"), mul: pair("mul"), div: pair("div") };
  }
  return rowsTable[op][rowFirst ? 1 : 0];
}

function binaryKernel(k: Exports, op: SimdBinaryOp, kind: 0 | 1 | 2): Kernel4 {
  if (binaryTable === null) {
    const row = (o: SimdBinaryOp) => [k[`${o}_vv`], k[`${o}_vs`], k[`${o}_sv`]] as const;
    binaryTable = { add: row("add"), sub: row("sub"), mul: row("mul"), div: row("div") };
  }
  return binaryTable[op][kind];
}
let compiled: object | null = null;
let enabled = true;

function load(): Exports | null {
  try {
    const g = globalThis as unknown as {
      WebAssembly?: WebAssemblyApi;
      atob?: (s: string) => string;
    };
    const wasm = g.WebAssembly;
    if (typeof wasm !== "object" || typeof g.atob !== "function") return null;
    const text = g.atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // A runtime without SIMD rejects the module here; the TypeScript loops take over.
    if (!wasm.validate(bytes)) return null;
    const module = new wasm.Module(bytes);
    const instance = new wasm.Instance(module, {});
    compiled = module;
    return instance.exports as unknown as Exports;
  } catch {
    return null;
  }
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

let heapView: Float32Array | null = null;

/** The three chunks as one view, made again only after the memory grew (detaching the old one). */
function heap(k: Exports): Float32Array {
  // A view on memory that has grown is detached and reads as empty.
  if (heapView === null || heapView.length === 0) {
    heapView = new Float32Array(k.memory.buffer, 0, CHUNK * 3);
  }
  return heapView;
}

let scratchView: Float32Array | null = null;

/** The scratch area after the constants as float32 (see SCRATCH). */
function scratch(k: Exports): Float32Array {
  if (scratchView === null || scratchView.length === 0) {
    scratchView = new Float32Array(k.memory.buffer, SCRATCH, SCRATCH_FLOATS);
  }
  return scratchView;
}

let accView: Float64Array | null = null;

/** The output slot as float64 accumulators (half of it: the other half holds a row). */
function accumulators(k: Exports): Float64Array {
  if (accView === null || accView.length === 0) {
    accView = new Float64Array(k.memory.buffer, O, CHUNK / 4);
  }
  return accView;
}

/** `a[at, at + len)`, without a new view when that is the whole array. */
function span(a: Float32Array, at: number, len: number): Float32Array {
  return at === 0 && len === a.length ? a : a.subarray(at, at + len);
}

/**
 * `out[oi + i] = a[ai + i·sa] op b[bi + i·sb]` for `i < n`, with strides 0 or 1 (not both 0).
 * Returns false, doing nothing, when the kernels are unavailable.
 */
export function simdBinaryF32(
  op: SimdBinaryOp,
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
  const mem = heap(k);
  const kernel = binaryKernel(k, op, sa === 1 ? (sb === 1 ? 0 : 1) : 2);
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    // The binary kernels take four vectors a step: lengths rounded up to 16 (within the slot).
    const len16 = (len + 15) & ~15;
    if (sa === 1) mem.set(span(a, ai + at, len), A / 4);
    if (sb === 1) mem.set(span(b, bi + at, len), B / 4);
    kernel(sa === 1 ? A : a[ai]!, sb === 1 ? B : b[bi]!, O, len16);
    out.set(mem.subarray(O / 4, O / 4 + len), oi + at);
  }
  return true;
}

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
    mem.set(span(v, vi, cols), B / 4);
    const block = Math.floor(CHUNK / cols);
    for (let r = 0; r < rows; r += block) {
      const count = Math.min(block, rows - r);
      const len = count * cols;
      mem.set(span(m, mi + r * cols, len), A / 4);
      rowsKernel(A, B, O, count, cols);
      out.set(mem.subarray(O / 4, O / 4 + len), oi + r * cols);
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
    out.set(mem.subarray(O / 4, O / 4 + len), oi + at);
  }
  return true;
}

/** Elements from element (0, 0) to the last element of a `rows`×`cols` view, inclusive. */
function extent(rows: number, cols: number, rs: number, cs: number): number {
  return (rows - 1) * rs + (cols - 1) * cs + 1;
}

/**
 * `out[i·n + j] = Σ_p A(i, p)·B(p, j)` for a small float32 product (smallGemm.ts's sums, the
 * same bits): the elements each operand's view spans are copied into the module's memory and
 * read there with the view's strides. False, writing nothing, when the kernels are unavailable,
 * a stride is negative, or an operand's span or the result exceeds a chunk.
 */
export function simdSmallGemmF32(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  ai: number,
  ars: number,
  acs: number,
  b: Float32Array,
  bi: number,
  brs: number,
  bcs: number,
  out: Float32Array,
): boolean {
  const k0 = kernels();
  if (k0 === null || m * n > CHUNK || ars < 0 || acs < 0 || brs < 0 || bcs < 0) return false;
  const aSpan = extent(m, k, ars, acs);
  const bSpan = extent(k, n, brs, bcs);
  if (aSpan > CHUNK || bSpan > CHUNK) return false;
  const mem = heap(k0);
  mem.set(span(a, ai, aSpan), A / 4);
  mem.set(span(b, bi, bSpan), B / 4);
  k0.small_gemm_f32(A, 4 * ars, 4 * acs, B, 4 * brs, 4 * bcs, O, m, n, k);
  out.set(mem.subarray(O / 4, O / 4 + m * n));
  return true;
}

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
  for (let j = 0; j < cols; j++) out[j] = acc[j]!;
  if (negate) for (let j = 0; j < cols; j++) out[j] = -out[j]!;
  return true;
}

/**
 * BatchNorm's training forward (batchNormTrain.ts's `normalize` for float32, the same bits) for a
 * contiguous n×c batch at `x[xo]`, c a multiple of four: `out` gets the normalized batch,
 * `means` and `invstds` each channel's statistics. `w` and `b` (contiguous, or null) are the
 * affine parameters. False, writing nothing, when the kernels are unavailable or the batch does
 * not fit a chunk.
 */
export function simdBatchNormF32(
  x: Float32Array,
  xo: number,
  n: number,
  c: number,
  w: { data: Float32Array; offset: number } | null,
  b: { data: Float32Array; offset: number } | null,
  eps: number,
  out: Float32Array,
  means: Float64Array,
  invstds: Float64Array,
): boolean {
  const k = kernels();
  if (k === null || c % 4 !== 0 || n < 1 || n * c > CHUNK || 4 * c > CHUNK) return false;
  const mem = heap(k);
  mem.set(span(x, xo, n * c), A / 4);
  const wAt = B;
  const bAt = B + 4 * c;
  const stats = B + 8 * c;
  if (w !== null) mem.set(span(w.data, w.offset, c), wAt / 4);
  if (b !== null) mem.set(span(b.data, b.offset, c), bAt / 4);
  k.bn_normalize_f32(A, n, c, w === null ? 0 : wAt, b === null ? 0 : bAt, eps, O, stats);
  out.set(mem.subarray(O / 4, O / 4 + n * c));
  for (let j = 0; j < c; j++) {
    means[j] = mem[stats / 4 + j]!;
    invstds[j] = mem[stats / 4 + c + j]!;
  }
  return true;
}

/**
 * BatchNorm's training backward (batchNormTrain.ts's `backward` for float32, the same bits) for
 * a contiguous n×c batch `x` and gradient `g`, c a multiple of four, from the forward's `means`
 * and `invstds`: fills `gw` and `gb` (c each) and, when `gx` is given, the input's gradient. `w` is
 * the contiguous weight or null. False, writing nothing, when the kernels are unavailable or the
 * batch does not fit a chunk.
 */
export function simdBatchNormBackwardF32(
  x: Float32Array,
  xo: number,
  g: Float32Array,
  go: number,
  n: number,
  c: number,
  means: Float64Array,
  invstds: Float64Array,
  w: { data: Float32Array; offset: number } | null,
  gx: Float32Array | null,
  gw: Float32Array,
  gb: Float32Array,
): boolean {
  const k = kernels();
  if (k === null || c % 4 !== 0 || n < 1 || n * c > CHUNK || 5 * c > SCRATCH_FLOATS) return false;
  const mem = heap(k);
  const small = scratch(k);
  mem.set(span(x, xo, n * c), A / 4);
  mem.set(span(g, go, n * c), B / 4);
  for (let j = 0; j < c; j++) {
    small[j] = means[j]!;
    small[c + j] = invstds[j]!;
  }
  // In the scratch area: means, invstds, the weight, then the weight's and the bias's gradients.
  if (w !== null) small.set(span(w.data, w.offset, c), 2 * c);
  const at = (floats: number) => SCRATCH + 4 * floats;
  k.bn_backward_f32(
    A,
    B,
    n,
    c,
    SCRATCH,
    w === null ? 0 : at(2 * c),
    gx === null ? 0 : O,
    at(3 * c),
  );
  gw.set(small.subarray(3 * c, 4 * c));
  gb.set(small.subarray(4 * c, 5 * c));
  if (gx !== null) gx.set(mem.subarray(O / 4, O / 4 + n * c));
  return true;
}

/** `out[oi + i] = tanhf(a[ai + i])` for `i < n` (see tanhf.ts); false when unavailable. */
export function simdTanhF32(
  a: Float32Array,
  ai: number,
  out: Float32Array,
  oi: number,
  n: number,
): boolean {
  const k = kernels();
  if (k === null) return false;
  const mem = heap(k);
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    mem.set(span(a, ai + at, len), A / 4);
    k.tanh_f32(A, O, (len + 3) & ~3);
    out.set(mem.subarray(O / 4, O / 4 + len), oi + at);
  }
  return true;
}

/**
 * `Σ a[ai + i]` for `i < n`, accumulated in float64 from float32 sums of four elements (sixteen
 * interleaved partial sums per chunk, so the order and the last bits differ from a sequential
 * loop's: at most 2⁻²³ of Σ|a| apart), or null when unavailable.
 */
export function simdSumF32(a: Float32Array, ai: number, n: number): number | null {
  const k = kernels();
  if (k === null) return null;
  const mem = heap(k);
  let total = 0;
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    const len32 = (len + 31) & ~31;
    mem.set(a.subarray(ai + at, ai + at + len), A / 4);
    mem.fill(0, A / 4 + len, A / 4 + len32);
    total += k.sum_f32(A, len32);
  }
  return total;
}
