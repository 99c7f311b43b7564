import { sumColsKernels } from "../kernels/generated/tables.js";
import { simdColumnSumsF32 } from "../kernels/wasm/simdColumnSums.js";
import { contiguousStrides, sameShape } from "../shape/dims.js";
import { allocate, allocateFloat32 } from "../storage.js";
import { Tensor } from "../tensor.js";

/**
 * Fused gradients for an operand broadcast over leading (batch) dims, as `gamma` in
 * `x.mul(gamma)` or the standard deviation in `centered.div(std)`: the elementwise product is
 * summed straight into the operand's shape, with no temporary of the full shape. Float32 only,
 * with the roundings of the unfused formula (each product rounded to float32, the sums
 * accumulated in float64 in order of rows, as `sum`'s column kernel does, and rounded once), so
 * the bits are those of `sumToShape(mul(g, x), shape)`. Each returns null, computing nothing,
 * when its case does not apply.
 */

/** Float64 partial sums, reused between calls (grown when a gradient has more columns). */
let scratch = new Float64Array(256);

/**
 * The number of leading elements (rows) of `full` that an operand of `shape` is broadcast over,
 * when `shape` is `full` with a prefix of dims dropped or set to 1 and the rest equal (so that
 * the operand is one contiguous row of `cols` elements); otherwise 0.
 */
function leadingRows(full: readonly number[], shape: readonly number[]): number {
  const lead = full.length - shape.length;
  if (lead < 0) return 0;
  let k = full.length;
  while (k > lead && shape[k - 1 - lead] === full[k - 1]) k--;
  let rows = 1;
  for (let d = 0; d < k; d++) {
    if (d >= lead && shape[d - lead] !== 1) return 0;
    rows *= full[d]!;
  }
  return rows;
}

function dense32(t: Tensor): boolean {
  return t.dtype === "float32" && t.contiguousLayout;
}

function partialSums(cols: number): Float64Array {
  if (scratch.length < cols) scratch = new Float64Array(cols);
  scratch.fill(0, 0, cols);
  return scratch;
}

function result(
  acc: Float64Array,
  cols: number,
  shape: readonly number[],
  out: Float32Array = allocateFloat32(cols),
): Tensor {
  for (let j = 0; j < cols; j++) out[j] = acc[j]!;
  return new Tensor(out, shape, contiguousStrides(shape), 0, "float32");
}

/**
 * `sumToShape(g, shape)` (negated when `negate`) for a contiguous float `g` and a `shape`
 * broadcast over its leading dims (more than one row), written straight into `shape` by `sum`'s
 * own column kernel, so the bits are `sum`'s (the negation comes after the sum, as `neg(sum(g))`,
 * signed zeros included); null otherwise.
 */
export function batchSummed(g: Tensor, shape: readonly number[], negate = false): Tensor | null {
  const dtype = g.dtype;
  if (!g.contiguousLayout || (dtype !== "float32" && dtype !== "float64")) return null;
  const rows = leadingRows(g.shape, shape);
  if (rows < 2) return null;
  const cols = g.numel() / rows;
  const out = allocate(dtype, cols) as Float32Array | Float64Array;
  const gs = g.storage as Float32Array;
  if (
    dtype !== "float32" ||
    !simdColumnSumsF32(
      rows,
      cols,
      { data: gs, offset: g.storageOffset },
      out as Float32Array,
      undefined,
      negate,
    )
  ) {
    sumColsKernels[dtype]!(g.storage, g.storageOffset, cols, rows, out);
    if (negate) for (let j = 0; j < cols; j++) out[j] = -out[j]!;
  }
  return new Tensor(out, shape, contiguousStrides(shape), 0, dtype);
}

/**
 * `sumToShape(g · x, shape)` for float32 `g` and `x` of one shape, `shape` broadcast over their
 * leading dims (more than one row); null otherwise.
 */
export function batchSummedProduct(g: Tensor, x: Tensor, shape: readonly number[]): Tensor | null {
  if (!dense32(g) || !dense32(x) || !sameShape(g.shape, x.shape)) return null;
  const rows = leadingRows(g.shape, shape);
  if (rows < 2) return null;
  const cols = g.numel() / rows;
  const gs = g.storage as Float32Array;
  const xs = x.storage as Float32Array;
  let gi = g.storageOffset;
  let xi = x.storageOffset;
  const simd = allocateFloat32(cols);
  const product = { kind: "product", x: { data: xs, offset: xi } } as const;
  if (simdColumnSumsF32(rows, cols, { data: gs, offset: gi }, simd, product)) {
    return new Tensor(simd, shape, contiguousStrides(shape), 0, "float32");
  }
  const acc = partialSums(cols);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) acc[j]! += Math.fround(gs[gi + j]! * xs[xi + j]!);
    gi += cols;
    xi += cols;
  }
  return result(acc, cols, shape, simd);
}

/**
 * The divisor's gradient of `out = a / b`, `sumToShape(-(g · (out / b)), b.shape)`, for float32
 * `g` and `out` of one shape and a contiguous float32 `b` broadcast over their leading dims
 * (more than one row); null otherwise.
 */
export function batchSummedDivisorGrad(g: Tensor, out: Tensor, b: Tensor): Tensor | null {
  if (!dense32(g) || !dense32(out) || !dense32(b) || !sameShape(g.shape, out.shape)) return null;
  const rows = leadingRows(g.shape, b.shape);
  if (rows < 2) return null;
  const cols = g.numel() / rows;
  const gs = g.storage as Float32Array;
  const os = out.storage as Float32Array;
  const bs = b.storage as Float32Array;
  const bo = b.storageOffset;
  let gi = g.storageOffset;
  let oi = out.storageOffset;
  const simd = allocateFloat32(cols);
  const divisor = {
    kind: "divisor",
    x: { data: os, offset: oi },
    b: { data: bs, offset: bo },
  } as const;
  if (simdColumnSumsF32(rows, cols, { data: gs, offset: gi }, simd, divisor)) {
    return new Tensor(simd, b.shape, contiguousStrides(b.shape), 0, "float32");
  }
  const acc = partialSums(cols);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      // Subtracting is adding the negated product: the same bits, signed zeros included.
      acc[j]! -= Math.fround(gs[gi + j]! * Math.fround(os[oi + j]! / bs[bo + j]!));
    }
    gi += cols;
    oi += cols;
  }
  return result(acc, cols, b.shape, simd);
}
