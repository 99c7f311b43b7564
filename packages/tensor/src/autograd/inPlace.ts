import { canCast, type DType } from "../dtype.js";
import { AutogradError, DTypeError, formatShape, ShapeError } from "../errors.js";
import { castTo, copyInto } from "../iteration/cast.js";
import { clone } from "../ops/clone.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { isGradEnabled } from "./gradMode.js";

/** True when an in-place op on `self` with `other` must go through autograd. */
export function inPlaceNeedsGrad(self: Tensor, other?: unknown): boolean {
  if (!isGradEnabled()) return false;
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
 * `other` as the backward of an in-place op on `self` may read it: when `other` shares `self`'s
 * storage (`h.mul_(h)`, or a view of `h`), the write into `self` would change the values the
 * backward reads, so a differentiable copy taken before the write is used instead.
 */
export function unaliased(self: Tensor, other: TensorLike): TensorLike {
  if (typeof other === "object" && other.storage === self.storage) return clone(other);
  return other;
}

/** Writes an out-of-place `result` into `self` and makes `self` its graph node. */
export function commitInPlace(op: string, self: Tensor, result: Tensor): Tensor {
  if (!sameShape(result.shape, self.shape)) {
    throw new ShapeError(
      `${op}: output with shape ${formatShape(self.shape)} doesn't match the broadcast shape ${formatShape(result.shape)}`,
    );
  }
  checkInPlaceDtype(op, result.dtype, self);
  copyInto(self, result);
  if (result.gradFn !== null) self.gradFn = result.gradFn;
  return self;
}
