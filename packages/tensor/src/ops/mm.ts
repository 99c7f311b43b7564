import { needsGrad2, record } from "../autograd/record.js";
import { formatShape, ShapeError } from "../errors.js";
import { matmulForward } from "../iteration/matmulForward.js";
import { asTensor, resultType2 } from "../iteration/operands.js";
import { Tensor } from "../tensor.js";
import { t } from "./t.js";

/**
 * The matrix product of 2-d `a` (`n×m`) and `b` (`m×p`), an `n×p` tensor (`torch.mm`); no
 * broadcasting (see `matmul`). Float results sum products in float64 and round once, so float32
 * agrees with PyTorch to rounding, not bit for bit.
 *
 * @example
 * ```ts
 * mm(tensor([[1, 2]]), tensor([[3], [4]])).toArray(); // [[11]]
 * ```
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length !== 2 || b.shape.length !== 2 || a.shape[1] !== b.shape[0]) {
    throw new ShapeError(
      a.shape.length !== 2 || b.shape.length !== 2
        ? `mm: expected 2-d tensors, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`
        : `mm: mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`,
    );
  }
  const dtype = resultType2(a, b);
  const x = asTensor(a, dtype);
  const y = asTensor(b, dtype);
  const out = matmulForward(as3d(x), as3d(y), dtype, true);
  if (needsGrad2(a, b)) {
    record(
      out,
      "MmBackward0",
      [a, b],
      [a.requiresGrad ? b : null, b.requiresGrad ? a : null],
      (g) => [a.requiresGrad ? mm(g, t(b)) : null, b.requiresGrad ? mm(t(a), g) : null],
    );
  }
  return out;
}

/** A 2-d tensor seen as a batch of one matrix. */
function as3d(x: Tensor): Tensor {
  return new Tensor(
    x.storage,
    [1, x.shape[0]!, x.shape[1]!],
    [0, x.strides[0]!, x.strides[1]!],
    x.storageOffset,
    x.dtype,
  );
}
