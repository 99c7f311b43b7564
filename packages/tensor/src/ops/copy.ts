import { noGrad } from "../autograd/gradMode.js";
import { commitInPlace, inPlaceNeedsGrad } from "../autograd/inPlace.js";
import { record } from "../autograd/record.js";
import { sumToShape } from "../autograd/sumToShape.js";
import { incrementVersion } from "../autograd/version.js";
import { zerosLike } from "../creation/zerosLike.js";
import { formatShape, ShapeError } from "../errors.js";
import { castTo, copyInto } from "../iteration/cast.js";
import { broadcastShapes, broadcastStrides } from "../shape/broadcast.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { expand } from "./expand.js";

/**
 * Copies `src`'s elements into `self`, in place, converting the dtype and broadcasting `src` to
 * `self`'s shape (`Tensor.copy_`). Returns `self`. Gradients flow to `src` (node `CopyBackwards`;
 * `self`'s old value gets zeros).
 *
 * @example
 * ```ts
 * zeros([2, 2]).copy_(tensor([1, 2])).toArray(); // [[1, 2], [1, 2]]
 * ```
 */
export function copy_(self: Tensor, src: Tensor): Tensor {
  const shape = broadcastShapes(self.shape, src.shape, "copy_");
  if (!sameShape(shape, self.shape)) {
    throw new ShapeError(
      `copy_: source of shape ${formatShape(src.shape)} does not broadcast to the destination shape ${formatShape(self.shape)}`,
    );
  }
  if (inPlaceNeedsGrad(self, src)) {
    const result = noGrad(() => castTo(expand(src, self.shape), self.dtype));
    // PyTorch's CopyBackwards: zeros for self's old value, the gradient (cast back, summed over
    // the broadcast dims) for src.
    record(result, "CopyBackwards", [self, src], [], (g) => [
      zerosLike(g),
      src.requiresGrad ? sumToShape(castTo(g, src.dtype), src.shape) : null,
    ]);
    return commitInPlace("copy_", self, result);
  }
  copyInto(self, src, broadcastStrides(src.shape, src.strides, self.shape));
  incrementVersion(self);
  return self;
}
