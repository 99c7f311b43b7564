import { gradIntoZeros } from "../autograd/gradIntoZeros.js";
import { needsGrad, record } from "../autograd/record.js";
import { ShapeError } from "../errors.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { sliceView } from "./slice.js";

/**
 * Cuts `x` along `dim` into views (`torch.split`): pieces of `splitSize` (the last may be
 * smaller), or of the listed sizes, which must add up to the dim's size. Each piece records
 * PyTorch's node for the variant, `SplitBackward0` or `SplitWithSizesBackward0`, placing its
 * gradient at its place in a zero gradient of `x`.
 *
 * @example
 * ```ts
 * split(arange(5), 2).map((p) => p.toArray()); // [[0, 1], [2, 3], [4]]
 * split(arange(5), [1, 4]).map((p) => p.shape); // [[1], [4]]
 * ```
 */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  if (x.shape.length === 0) {
    throw new ShapeError("split expects at least a 1-dimensional tensor");
  }
  const d = normalizeDim(dim, x.shape.length);
  const size = x.shape[d]!;
  let sizes: readonly number[];
  if (typeof splitSize === "number") {
    if (!Number.isInteger(splitSize) || splitSize < 0) {
      throw new ShapeError(
        `split expects split_size be non-negative, but got split_size=${splitSize}`,
      );
    }
    if (splitSize === 0 && size !== 0) {
      throw new ShapeError(
        `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`,
      );
    }
    const list: number[] = [];
    for (let at = 0; at < size; at += splitSize) list.push(Math.min(splitSize, size - at));
    sizes = list.length > 0 ? list : [0];
  } else {
    sizes = splitSize;
    if (sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new ShapeError(
        `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[${sizes.join(", ")}]`,
      );
    }
    const total = sizes.reduce((p, q) => p + q, 0);
    if (total !== size) {
      throw new ShapeError(
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(", ")}]`,
      );
    }
  }
  const name = typeof splitSize === "number" ? "SplitBackward0" : "SplitWithSizesBackward0";
  let at = 0;
  return sizes.map((s) => {
    const from = at;
    at += s;
    const piece = sliceView(x, d, from, from + s, 1);
    if (needsGrad(x)) {
      record(piece, name, [x], [], (g) => [
        gradIntoZeros(g, x.shape, (zeros) => sliceView(zeros, d, from, from + s, 1)),
      ]);
    }
    return piece;
  });
}
