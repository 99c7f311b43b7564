import { needsGrad, record } from "../autograd/record.js";
import { formatShape, ShapeError } from "../errors.js";
import { copyInto } from "../iteration/cast.js";
import { resultType } from "../iteration/operands.js";
import { contiguousStrides, normalizeDim, shapeSize } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { sliceView } from "./slice.js";

/**
 * Joins tensors along an existing dim (`torch.cat`); all other dims must match. Dtypes are
 * promoted to a common one. As in PyTorch, 1-d empty tensors are skipped.
 *
 * @example
 * ```ts
 * cat([tensor([[1, 2]]), tensor([[3, 4]])], 0).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const parts = tensors.filter((x) => !(x.shape.length === 1 && x.shape[0] === 0));
  if (tensors.length === 0) throw new ShapeError("cat(): expected a non-empty list of Tensors");
  if (parts.length === 0) return tensors[0]!;
  const first = parts[0]!;
  if (first.shape.length === 0)
    throw new ShapeError("cat(): zero-dimensional tensor cannot be concatenated");
  const d = normalizeDim(dim, first.shape.length);
  const dtype = resultType(...parts);
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
  const out = new Tensor(
    allocate(dtype, shapeSize(shape)),
    shape,
    contiguousStrides(shape),
    0,
    dtype,
  );
  let at = 0;
  for (const x of parts) {
    copyInto(sliceView(out, d, at, at + x.shape[d]!, 1), x);
    at += x.shape[d]!;
  }
  if (parts.some((x) => needsGrad(x))) {
    const sizes = parts.map((x) => x.shape[d]!);
    record(out, "CatBackward0", parts, (g) => {
      let from = 0;
      return sizes.map((size) => {
        const part = sliceView(g, d, from, from + size, 1);
        from += size;
        return part;
      });
    });
  }
  return out;
}
