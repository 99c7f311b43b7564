import { noGrad } from "../autograd/gradMode.js";
import { needsGrad2, record } from "../autograd/record.js";
import { formatShape, ShapeError } from "../errors.js";
import { broadcastShapes } from "../shape/broadcast.js";
import { shapeSize } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { bmm } from "./bmm.js";
import { expand } from "./expand.js";
import { mm } from "./mm.js";
import { reshape } from "./reshape.js";
import { squeeze } from "./squeeze.js";
import { t } from "./t.js";
import { unsqueeze } from "./unsqueeze.js";

/**
 * The matrix product with PyTorch's rules (`torch.matmul`): 1-d·1-d is a dot product (0-d),
 * 2-d·2-d is `mm`, a 1-d operand is treated as a row (left) or column (right) vector and that dim
 * removed afterwards, and more dims are batch dims that broadcast. A matrix times a vector records
 * one `MvBackward0` node, as PyTorch's `mv`.
 *
 * @example
 * ```ts
 * matmul(tensor([1, 2]), tensor([3, 4])).item(); // 11
 * matmul(ones([5, 2, 3]), ones([3, 4])).shape; // [5, 2, 4]
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const da = a.shape.length;
  const db = b.shape.length;
  if (da === 0 || db === 0) {
    throw new ShapeError(
      `matmul: both arguments need at least 1 dimension, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  if (da === 2 && db === 2) return mm(a, b);
  if (da === 2 && db === 1 && needsGrad2(a, b)) return mv(a, b);
  const x = da === 1 ? unsqueeze(a, 0) : a;
  const y = db === 1 ? unsqueeze(b, 1) : b;
  const m = x.shape[x.shape.length - 2]!;
  const k = x.shape[x.shape.length - 1]!;
  const k2 = y.shape[y.shape.length - 2]!;
  const n = y.shape[y.shape.length - 1]!;
  if (k !== k2) {
    throw new ShapeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${m}x${k} and ${k2}x${n})`,
    );
  }
  let out: Tensor;
  if (y.shape.length === 2) {
    // Fold the batch dims of x into its rows: one mm instead of many.
    out = reshape(mm(reshape(x, [-1, k]), y), [...x.shape.slice(0, -1), n]);
  } else {
    const batch = broadcastShapes(x.shape.slice(0, -2), y.shape.slice(0, -2), "matmul");
    const count = shapeSize(batch);
    const xb = reshape(expand(x, [...batch, m, k]), [count, m, k]);
    const yb = reshape(expand(y, [...batch, k, n]), [count, k, n]);
    out = reshape(bmm(xb, yb), [...batch, m, n]);
  }
  if (db === 1) out = squeeze(out, -1);
  if (da === 1) out = squeeze(out, out.shape.length - (db === 1 ? 1 : 2));
  return out;
}

/**
 * Matrix `a` times vector `b` (`torch.mv`, which `torch.matmul` calls for 2-d·1-d) as one
 * autograd node, `MvBackward0`: the gradients are the outer product `g ⊗ b` for `a` and `aᵀ g`
 * for `b`. The caller has checked that recording is needed.
 */
function mv(a: Tensor, b: Tensor): Tensor {
  const out = noGrad(() => matmul(a, b));
  return record(
    out,
    "MvBackward0",
    [a, b],
    [a.requiresGrad ? b : null, b.requiresGrad ? a : null],
    (g) => [
      a.requiresGrad ? mm(unsqueeze(g, 1), unsqueeze(b, 0)) : null,
      b.requiresGrad ? matmul(t(a), g) : null,
    ],
  );
}
