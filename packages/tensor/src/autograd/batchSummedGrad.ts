import { cascadeColumnSums } from "../kernels/cascadeSum.js";
import type { FloatStorage } from "../kernels/dense.js";
import { contiguousStrides } from "../shape/dims.js";
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
