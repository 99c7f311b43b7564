import { needsGrad, record } from "../autograd/record.js";
import type { DType } from "../dtype.js";
import { formatShape, ShapeError } from "../errors.js";
import { copyInto } from "../iteration/cast.js";
import { resultType } from "../iteration/operands.js";
import { contiguousStrides, normalizeDim, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { sliceView } from "./slice.js";

/**
 * Joins tensors along an existing dim (`torch.cat`); all other dims must match. Dtypes are
 * promoted to a common one, over every input. As in PyTorch, 1-d empty tensors are skipped in the
 * shape checks (but not in the promotion); when all inputs are such, the result is a new 1-d empty
 * tensor. The result is always a new tensor.
 *
 * @example
 * ```ts
 * cat([tensor([[1, 2]]), tensor([[3, 4]])], 0).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError("cat(): expected a non-empty list of Tensors");
  tensors.forEach((x, i) => {
    if (x.shape.length === 0) {
      throw new ShapeError(
        `cat(): zero-dimensional tensor (at position ${i}) cannot be concatenated`,
      );
    }
  });
  const dtype = resultType(...tensors);
  const kept = tensors.map((x) => !isSkipped(x));
  const parts = tensors.filter((_, i) => kept[i]);
  const first = parts[0];
  const d = first === undefined ? 0 : normalizeDim(dim, first.shape.length);
  const shape = first === undefined ? [0] : joinedShape(parts, d);
  const out = emptyOf(dtype, shape);
  let at = 0;
  for (const x of parts) {
    copyInto(sliceView(out, d, at, at + x.shape[d]!, 1), x);
    at += x.shape[d]!;
  }
  if (tensors.some((x) => needsGrad(x))) {
    const sizes = tensors.map((x, i) => (kept[i] ? x.shape[d]! : -1));
    record(out, "CatBackward0", tensors, [], (g) => {
      let from = 0;
      return sizes.map((size) => {
        if (size < 0) return emptyOf(g.dtype, [0]);
        const part = sliceView(g, d, from, from + size, 1);
        from += size;
        return part;
      });
    });
  }
  return out;
}

/** A 1-d empty tensor, which `cat` leaves out of its shape checks as PyTorch does. */
function isSkipped(x: Tensor): boolean {
  return x.shape.length === 1 && x.shape[0] === 0;
}

/** The shape of `parts` joined along `d`, after checking every other dim matches the first's. */
function joinedShape(parts: readonly Tensor[], d: number): number[] {
  const first = parts[0]!;
  let total = 0;
  for (const x of parts) {
    const fits =
      x.shape.length === first.shape.length &&
      x.shape.every((s, k) => k === d || s === first.shape[k]);
    if (!fits) {
      throw new ShapeError(
        `cat(): Sizes of tensors must match except in dimension ${d}. Expected shape ${formatShape(first.shape)} (any size at dim ${d}), got ${formatShape(x.shape)}`,
      );
    }
    total += x.shape[d]!;
  }
  const shape = first.shape.slice();
  shape[d] = total;
  return shape;
}

/** A new contiguous tensor of `shape`, its storage unfilled: the caller writes every element. */
function emptyOf(dtype: DType, shape: readonly number[]): Tensor {
  const storage = allocateUnfilled(dtype, shapeSize(shape));
  return new Tensor(storage, shape, contiguousStrides(shape), 0, dtype);
}
