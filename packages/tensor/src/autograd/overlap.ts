import { ShapeError } from "../errors.js";
import type { Tensor } from "../tensor.js";

/**
 * Refuses an in-place write into `self` when several of its elements share one memory location
 * (an `expand`ed tensor): PyTorch's `assert_no_internal_overlap`. As in PyTorch, only the obvious
 * case is caught, a dim of stride 0 and size above 1; other overlapping layouts (`as_strided`)
 * are "too hard" to tell and allowed. O(ndim); free for contiguous tensors.
 */
export function assertNoInternalOverlap(self: Tensor): void {
  if (self.contiguousLayout) return;
  const { shape, strides } = self;
  for (let d = 0; d < shape.length; d++) {
    if (strides[d] === 0 && shape[d]! > 1) {
      throw new ShapeError(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
      );
    }
  }
}
