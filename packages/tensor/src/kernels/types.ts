/**
 * The signatures of the typed-array kernels. Each generated kernel is typed with its own concrete
 * arrays (`Float32Array`, ...); the op layer calls them through these wider types after choosing
 * the kernel by dtype, so one call site never mixes array types inside a kernel.
 */

/** The typed array behind a tensor of each dtype. */
export type Storage = Float32Array | Float64Array | BigInt64Array | Uint8Array;

/** `out[oi + k] = op(a[ai + k * sa], b[bi + k * sb])` for `k < n`. */
export type BinaryKernel = (
  a: Storage,
  ai: number,
  sa: number,
  b: Storage,
  bi: number,
  sb: number,
  out: Storage,
  oi: number,
  n: number,
) => void;

/**
 * `out[oi + r * cols + c] = op(a[ai + r * ars + c * acs], b[bi + r * brs + c * bcs])` for
 * `r < rows`, `c < cols`: a binary kernel over a 2-d block in one call.
 */
export type BinaryRowsKernel = (
  rows: number,
  cols: number,
  a: Storage,
  ai: number,
  ars: number,
  acs: number,
  b: Storage,
  bi: number,
  brs: number,
  bcs: number,
  out: Storage,
  oi: number,
) => void;

/** `out[oi + k] = op(a[ai + k * sa])` for `k < n`. */
export type UnaryKernel = (
  a: Storage,
  ai: number,
  sa: number,
  out: Storage,
  oi: number,
  n: number,
) => void;

/** `out[oi + k * so] = cast(a[ai + k * sa])` for `k < n`. */
export type CastKernel = (
  a: Storage,
  ai: number,
  sa: number,
  out: Storage,
  oi: number,
  so: number,
  n: number,
) => void;

/** `out[oi + k] = c[ci + k * sc] ? a[...] : b[...]` for `k < n`. */
export type WhereKernel = (
  c: Uint8Array,
  ci: number,
  sc: number,
  a: Storage,
  ai: number,
  sa: number,
  b: Storage,
  bi: number,
  sb: number,
  out: Storage,
  oi: number,
  n: number,
) => void;

/** `out[oi + k] = clamp(a[ai + k * sa], lo, hi)` for `k < n`. */
export type ClampKernel = (
  a: Storage,
  ai: number,
  sa: number,
  out: Storage,
  oi: number,
  n: number,
  lo: number | bigint,
  hi: number | bigint,
) => void;

/** Reduces `rows` contiguous rows of length `n` starting at `off` into `out[0..rows)`. */
export type ReduceKernel = (x: Storage, off: number, rows: number, n: number, out: Storage) => void;

/** Like {@link ReduceKernel}, and also writes the index of the chosen element of each row. */
export type ArgReduceKernel = (
  x: Storage,
  off: number,
  rows: number,
  n: number,
  out: Storage,
  indices: BigInt64Array,
) => void;

/** Binary kernels by dtype; a missing entry means the op refuses that dtype. */
export type BinaryKernelTable = Partial<
  Record<"float32" | "float64" | "int64" | "bool", BinaryKernel>
>;

/** 2-d binary kernels by dtype. */
export type BinaryRowsKernelTable = Partial<
  Record<"float32" | "float64" | "int64" | "bool", BinaryRowsKernel>
>;

/** Unary kernels by dtype; a missing entry means the op refuses that dtype. */
export type UnaryKernelTable = Partial<
  Record<"float32" | "float64" | "int64" | "bool", UnaryKernel>
>;
