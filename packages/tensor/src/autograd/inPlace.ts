import { zerosLike } from "../creation/zerosLike.js";
import { canCast, type DType } from "../dtype.js";
import { AutogradError, DTypeError, formatShape, ShapeError } from "../errors.js";
import { castTo, copyInto } from "../iteration/cast.js";
import { clone } from "../ops/clone.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { isGradEnabled } from "./gradMode.js";
import { assertNoInternalOverlap } from "./overlap.js";
import { record } from "./record.js";
import { incrementVersion } from "./version.js";
import { rebaseOnView } from "./views.js";

/**
 * True when an in-place op on `self` with `other` must go through autograd. Every in-place op
 * calls it first, so it also refuses a `self` whose elements overlap (an `expand`ed tensor),
 * unless `overlap` is `"allow"`: PyTorch's `fill_`/`zero_` write into such tensors.
 */
export function inPlaceNeedsGrad(
  self: Tensor,
  other?: unknown,
  overlap: "refuse" | "allow" = "refuse",
): boolean {
  if (overlap === "refuse") assertNoInternalOverlap(self);
  if (!isGradEnabled()) return false;
  const base = self.viewBase;
  if (base?.requiresGrad && base.gradFn === null) {
    throw new AutogradError(
      "a view of a leaf Variable that requires grad is being used in an in-place operation.",
    );
  }
  if (self.requiresGrad) {
    if (self.gradFn === null) {
      throw new AutogradError(
        "a leaf Variable that requires grad is being used in an in-place operation.",
      );
    }
    return true;
  }
  return typeof other === "object" && other !== null && (other as Tensor).requiresGrad === true;
}

/** Refuses in-place results of a dtype that cannot be written into `self` (float into int64). */
export function checkInPlaceDtype(op: string, result: DType, self: Tensor): void {
  if (!canCast(result, self.dtype)) {
    throw new DTypeError(
      `${op}: result type ${result} can't be cast to the desired output type ${self.dtype}`,
    );
  }
}

/**
 * A copy of `self`'s current values that carries its place in the graph, so an in-place op can
 * be recorded as an out-of-place op on the old value.
 */
export function snapshot(self: Tensor): Tensor {
  const copy = castTo(self, self.dtype);
  copy.gradFn = self.gradFn;
  return copy;
}

/**
 * Replaces every element of `self` in place with what `write` puts there, for ops such as
 * `fill_` (PyTorch's `FillBackward2`) and the random fills (`UniformBackward0`, ...). When autograd
 * must record it, `write` fills a copy whose node `name` sends a zero gradient to `self`'s old
 * history, committed as any in-place op; otherwise it writes `self`, and the write is counted on
 * `self`'s version. `write` writes storage only (it counts nothing itself). Returns `self`.
 */
export function overwriteInPlace(
  op: string,
  self: Tensor,
  name: string,
  write: (target: Tensor) => void,
  overlap: "refuse" | "allow" = "refuse",
): Tensor {
  if (inPlaceNeedsGrad(self, undefined, overlap)) {
    const out = castTo(self, self.dtype);
    write(out);
    return commitInPlace(
      op,
      self,
      record(out, name, [self], [], (g) => [zerosLike(g)]),
    );
  }
  write(self);
  incrementVersion(self);
  return self;
}

/**
 * `other` as the backward of an in-place op on `self` may read it: when `other` shares `self`'s
 * storage (`h.mul_(h)`, or a view of `h`), the write into `self` would change the values the
 * backward reads, so a copy taken before the write is used instead. The copy carries `other`'s
 * node, so the graph reads as PyTorch's (`h.mul_(h)` is `MulBackward0` of `h`'s old node twice);
 * only a leaf `other` that requires grad (it has no node to carry) is copied by a recorded clone.
 */
export function unaliased(self: Tensor, other: TensorLike): TensorLike {
  if (typeof other !== "object" || other.storage !== self.storage) return other;
  if (other.gradFn === null && other.requiresGrad) return clone(other);
  return snapshot(other);
}

/**
 * Writes an out-of-place `result` into `self` and makes `self` its graph node. When `self` is a
 * view, its base's history is rewritten instead (PyTorch's `CopySlices`), so gradients through the
 * base and through every view of it, taken before or after, see the write.
 */
export function commitInPlace(op: string, self: Tensor, result: Tensor): Tensor {
  if (!sameShape(result.shape, self.shape)) {
    throw new ShapeError(
      `${op}: output with shape ${formatShape(self.shape)} doesn't match the broadcast shape ${formatShape(result.shape)}`,
    );
  }
  checkInPlaceDtype(op, result.dtype, self);
  copyInto(self, result);
  const base = self.viewBase;
  if (base !== null) {
    rebaseOnView(self, base, result.gradFn);
    return self;
  }
  if (result.gradFn !== null) self.gradFn = result.gradFn;
  incrementVersion(self);
  return self;
}
