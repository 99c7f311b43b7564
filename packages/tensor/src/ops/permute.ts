import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { ShapeError } from "../errors.js";
import { normalizeDims } from "../shape/dims.js";
import { Tensor } from "../tensor.js";

/**
 * A view of `x` with its dims reordered: dim `i` of the result is dim `dims[i]` of `x`
 * (`torch.permute`).
 *
 * @example
 * ```ts
 * zeros([2, 3, 4]).permute(2, 0, 1).shape; // [4, 2, 3]
 * ```
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.shape.length) {
    throw new ShapeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.shape.length} is not equal to len(dims) = ${dims.length}`.replace(
        "(sparse_coo)",
        "",
      ),
    );
  }
  const order = normalizeDims(dims, x.shape.length);
  const out = markView(
    new Tensor(
      x.storage,
      order.map((d) => x.shape[d]!),
      order.map((d) => x.strides[d]!),
      x.storageOffset,
      x.dtype,
    ),
    x,
  );
  if (needsGrad(x)) {
    const inverse = new Array<number>(order.length);
    for (let i = 0; i < order.length; i++) inverse[order[i]!] = i;
    record(out, "PermuteBackward0", [x], [], (g) => [permute(g, inverse)]);
  }
  return out;
}
