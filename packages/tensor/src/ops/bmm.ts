import { needsGrad2, record } from "../autograd/record.js";
import { formatShape, ShapeError } from "../errors.js";
import { matmulForward } from "../iteration/matmulForward.js";
import { asTensor, resultType2 } from "../iteration/operands.js";
import type { Tensor } from "../tensor.js";
import { transpose } from "./transpose.js";

/**
 * Batched matrix product: `a` is `b×n×m`, `b` is `b×m×p`, the result `b×n×p` (`torch.bmm`); no
 * broadcasting (see `matmul`).
 *
 * @example
 * ```ts
 * bmm(ones([2, 1, 3]), ones([2, 3, 1])).toArray(); // [[[3]], [[3]]]
 * ```
 */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (
    a.shape.length !== 3 ||
    b.shape.length !== 3 ||
    a.shape[0] !== b.shape[0] ||
    a.shape[2] !== b.shape[1]
  ) {
    throw new ShapeError(
      `bmm: expected 3-d tensors with equal batch sizes and matching inner dims, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const dtype = resultType2(a, b);
  const out = matmulForward(asTensor(a, dtype), asTensor(b, dtype), dtype, false);
  if (needsGrad2(a, b)) {
    record(
      out,
      "BmmBackward0",
      [a, b],
      [a.requiresGrad ? b : null, b.requiresGrad ? a : null],
      (g) => [
        a.requiresGrad ? bmm(g, transpose(b, 1, 2)) : null,
        b.requiresGrad ? bmm(transpose(a, 1, 2), g) : null,
      ],
    );
  }
  return out;
}
