import { needsGrad, record } from "../autograd/record.js";
import { sumToShape } from "../autograd/sumToShape.js";
import { markView } from "../autograd/views.js";
import { formatShape, ShapeError } from "../errors.js";
import { Tensor } from "../tensor.js";

/**
 * A view of `x` broadcast to `shape` without copying: size-1 dims repeat with stride 0, new
 * leading dims are added, -1 keeps a size (`Tensor.expand`). Writing into it is undefined.
 *
 * @example
 * ```ts
 * tensor([1, 2]).expand(3, 2).toArray(); // [[1, 2], [1, 2], [1, 2]]
 * ```
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const n = shape.length;
  const lead = n - x.shape.length;
  if (lead < 0) {
    throw new ShapeError(
      `expand: the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${x.shape.length})`,
    );
  }
  const outShape = new Array<number>(n);
  const strides = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const want = shape[i]!;
    if (i < lead) {
      if (want < 0)
        throw new ShapeError(`expand: -1 is not allowed in a leading, non-existing dimension`);
      outShape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = x.shape[i - lead]!;
    if (want === -1 || want === have) {
      outShape[i] = have;
      strides[i] = x.strides[i - lead]!;
    } else if (have === 1) {
      outShape[i] = want;
      strides[i] = 0;
    } else {
      throw new ShapeError(
        `expand: the expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}. Target sizes: ${formatShape(shape)}. Tensor sizes: ${formatShape(x.shape)}`,
      );
    }
  }
  const out = markView(new Tensor(x.storage, outShape, strides, x.storageOffset, x.dtype), x);
  if (needsGrad(x)) record(out, "ExpandBackward0", [x], [], (g) => [sumToShape(g, x.shape)]);
  return out;
}
