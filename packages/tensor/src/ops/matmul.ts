import { needsGrad, record } from "../autograd/record.js";
import { formatShape, ShapeError } from "../errors.js";
import { broadcastShapes } from "../shape/broadcast.js";
import { shapeSize } from "../shape/dims.js";
import { Tensor } from "../tensor.js";
import { bmm } from "./bmm.js";
import { contiguous } from "./contiguous.js";
import { dot } from "./dot.js";
import { expand } from "./expand.js";
import { mm } from "./mm.js";
import { mv } from "./mv.js";
import { reshape, unsafeView } from "./reshape.js";
import { t } from "./t.js";
import { transpose } from "./transpose.js";
import { unsqueeze } from "./unsqueeze.js";

/**
 * The matrix product with PyTorch's rules (`torch.matmul`): 1-d·1-d is a dot product (0-d),
 * 2-d·2-d is `mm`, a 1-d operand is treated as a row (left) or column (right) vector and that dim
 * removed afterwards, and more dims are batch dims that broadcast. The graph is PyTorch 1.13's:
 * `DotBackward0`, `MvBackward0`, `MmBackward0` for the small cases, a matrix times a batch folded
 * into one `mm` or `mv` (`UnsafeViewBackward0` on top), other batches through `bmm`.
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
  const m = da === 1 ? 1 : a.shape[da - 2]!;
  const k = a.shape[da - 1]!;
  const k2 = db === 1 ? b.shape[0]! : b.shape[db - 2]!;
  const n = db === 1 ? 1 : b.shape[db - 1]!;
  if (k !== k2) {
    throw new ShapeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${m}x${k} and ${k2}x${n})`,
    );
  }
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) return squeezeInPlace(mm(unsqueeze(a, 0), b));
  if (da === 2 && db === 2) return mm(a, b);
  if (shouldFold(a, db) || shouldFold(b, da)) return folded(a, b);
  return batched(a, b);
}

/**
 * PyTorch's `should_fold`: whether `x` (3-d or more) times a matrix or vector folds `x`'s batch
 * into the rows of one `mm`/`mv`; not for a 3-d `x` whose last two dims are swapped (a permuted
 * batch of contiguous matrices), which `bmm` takes without a copy.
 */
function shouldFold(x: Tensor, otherDims: number): boolean {
  if (x.shape.length < 3 || otherDims > 2) return false;
  if (x.shape.length > 3 || otherDims === 1) return true;
  const [, rows, cols] = x.shape as [number, number, number];
  const [batchStride, , colStride] = x.strides as [number, number, number];
  return colStride === 1 || batchStride !== rows * cols;
}

/**
 * The product with the larger operand's batch folded into rows: `a` batched times a matrix or
 * vector `b`, or, transposed, `(bᵀ aᵀ)ᵀ` for `a` a matrix or vector times a batched `b`.
 */
function folded(a: Tensor, b: Tensor): Tensor {
  const swap = b.shape.length > a.shape.length;
  const big = swap ? transpose(b, -1, -2) : a;
  const small = !swap ? b : a.shape.length === 2 ? t(a) : a;
  const shape = big.shape.slice(0, -1);
  const rows = reshape(big, [shapeSize(shape), big.shape[big.shape.length - 1]!]);
  if (small.shape.length === 1) return unsafeView(mv(rows, small), shape);
  const out = unsafeView(mm(rows, small), [...shape, small.shape[1]!]);
  return swap ? contiguous(transpose(out, -1, -2)) : out;
}

/** The product of batched operands through one `bmm`, their batch dims broadcast and flattened. */
function batched(a: Tensor, b: Tensor): Tensor {
  const da = a.shape.length;
  const db = b.shape.length;
  const x = da === 1 ? unsqueeze(a, 0) : a;
  const y = db === 1 ? unsqueeze(b, 1) : b;
  const [m, k] = x.shape.slice(-2) as [number, number];
  const n = y.shape[y.shape.length - 1]!;
  const batch = broadcastShapes(x.shape.slice(0, -2), y.shape.slice(0, -2), "matmul");
  const count = shapeSize(batch);
  const xb = reshape(expand(x, [...batch, m, k]), [count, m, k]);
  const yb = reshape(expand(y, [...batch, k, n]), [count, k, n]);
  const shape = [...batch, ...(da > 1 ? [m] : []), ...(db > 1 ? [n] : [])];
  return unsafeView(bmm(xb, yb), shape);
}

/**
 * `x` (`1×n`, a fresh result) without its first dim, as PyTorch's in-place `squeeze_(0)`: the same
 * tensor's storage, node `SqueezeBackward3`.
 */
function squeezeInPlace(x: Tensor): Tensor {
  const out = new Tensor(x.storage, x.shape.slice(1), x.strides.slice(1), x.storageOffset, x.dtype);
  if (needsGrad(x)) record(out, "SqueezeBackward3", [x], [], (g) => [unsqueeze(g, 0)]);
  return out;
}
