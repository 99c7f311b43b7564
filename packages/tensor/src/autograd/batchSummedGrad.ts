import { cascadeColumnSums } from "../kernels/cascadeSum.js";
import type { FloatStorage } from "../kernels/dense.js";
import { contiguousStrides, sameShape } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";

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

/**
 * `sumToShape(g, shape)` for a contiguous float `g` and a `shape` broadcast over its leading dims
 * (more than one row): the column sums straight into `shape`, in `sum`'s (PyTorch's) order.
 * Negated when `negate`, as `sumToShape(neg(g), shape)`: a zero sum is +0 either way, as
 * PyTorch's sum starts from +0. Null when the layout is not that.
 */
export function batchSummed(g: Tensor, shape: readonly number[], negate = false): Tensor | null {
  const dtype = g.dtype;
  if (!g.contiguousLayout || (dtype !== "float32" && dtype !== "float64")) return null;
  const rows = leadingRows(g.shape, shape);
  if (rows < 2) return null;
  const cols = g.numel() / rows;
  const out = allocate(dtype, cols) as FloatStorage;
  cascadeColumnSums(g.storage as FloatStorage, g.storageOffset, rows, cols, out);
  if (negate) for (let j = 0; j < cols; j++) out[j] = 0 - out[j]!;
  return new Tensor(out, shape, contiguousStrides(shape), 0, dtype);
}

/** Products reused between calls (grown when too short). */
let products = new Float32Array(1024);

/**
 * The column sums of `rows × cols` float32 products that `fill` writes into the reused buffer
 * (the first `rows · cols` elements), as a tensor of `shape`: PyTorch's sum of a product tensor,
 * without the tensor.
 */
function summedProducts(
  rows: number,
  cols: number,
  shape: readonly number[],
  fill: (products: Float32Array) => void,
): Tensor {
  const n = rows * cols;
  if (products.length < n) products = new Float32Array(Math.max(n, 2 * products.length));
  fill(products);
  const out = allocate("float32", cols) as Float32Array;
  cascadeColumnSums(products, 0, rows, cols, out);
  return new Tensor(out, shape, contiguousStrides(shape), 0, "float32");
}

/**
 * `sumToShape(g · x, shape)` for contiguous float32 `g` and `x` of one shape and a `shape`
 * broadcast over their leading dims (more than one row): the products rounded to float32, then
 * `sum`'s column sums, as PyTorch multiplies and then sums. Null when the layout is not that.
 */
export function batchSummedProduct(g: Tensor, x: Tensor, shape: readonly number[]): Tensor | null {
  if (g.dtype !== "float32" || x.dtype !== "float32" || !g.contiguousLayout) return null;
  if (!x.contiguousLayout || !sameShape(g.shape, x.shape)) return null;
  const rows = leadingRows(g.shape, shape);
  if (rows < 2) return null;
  const n = g.numel();
  const gs = g.storage as Float32Array;
  const xs = x.storage as Float32Array;
  const go = g.storageOffset;
  const xo = x.storageOffset;
  return summedProducts(rows, n / rows, shape, (p) => {
    for (let k = 0; k < n; k++) p[k] = gs[go + k]! * xs[xo + k]!;
  });
}

/**
 * The divisor's gradient of `out = a / b`, `sumToShape(-g · (out / b), b.shape)`, as PyTorch
 * computes it (`-grad * ((a / b) / b)`: each quotient and product rounded to float32, then
 * summed), for float32 `g` and `out` of one shape and a contiguous float32 `b` broadcast over
 * their leading dims (more than one row). Null otherwise.
 */
export function batchSummedDivisorGrad(g: Tensor, out: Tensor, b: Tensor): Tensor | null {
  if (g.dtype !== "float32" || out.dtype !== "float32" || b.dtype !== "float32") return null;
  if (!g.contiguousLayout || !out.contiguousLayout || !b.contiguousLayout) return null;
  if (!sameShape(g.shape, out.shape)) return null;
  const rows = leadingRows(g.shape, b.shape);
  if (rows < 2) return null;
  const cols = g.numel() / rows;
  const gs = g.storage as Float32Array;
  const os = out.storage as Float32Array;
  const bs = b.storage as Float32Array;
  const go = g.storageOffset;
  const oo = out.storageOffset;
  const bo = b.storageOffset;
  return summedProducts(rows, cols, b.shape, (p) => {
    for (let r = 0, k = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++, k++) {
        p[k] = -gs[go + k]! * Math.fround(os[oo + k]! / bs[bo + j]!);
      }
    }
  });
}
