import { commitInPlace, inPlaceNeedsGrad } from "../autograd/inPlace.js";
import { incrementVersion } from "../autograd/version.js";
import { formatShape, ShapeError } from "../errors.js";
import { copyInto } from "../iteration/cast.js";
import { broadcastShapes, broadcastStrides } from "../shape/broadcast.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { clone } from "./clone.js";
import { expand } from "./expand.js";
import { to } from "./to.js";

/**
 * Copies `src`'s elements into `self`, in place, converting the dtype and broadcasting `src` to
 * `self`'s shape (`Tensor.copy_`). Returns `self`. Gradients flow to `src`.
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
    const result = to(expand(src, self.shape), self.dtype);
    commitInPlace("copy_", self, result === src ? clone(src) : result);
    self.gradFn = result.gradFn;
    return self;
  }
  copyInto(self, src, broadcastStrides(src.shape, src.strides, self.shape));
  incrementVersion(self);
  return self;
}
