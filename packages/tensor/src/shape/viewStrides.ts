import { formatShape, ShapeError } from "../errors.js";
import { shapeSize } from "./dims.js";

/**
 * Resolves a single -1 in a requested shape from the element count, as `view`/`reshape` do.
 */
export function inferShape(shape: readonly number[], numel: number): readonly number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i]!;
    if (s === -1) {
      if (infer >= 0) throw new ShapeError("only one dimension can be inferred");
      infer = i;
    } else if (s < 0) {
      throw new ShapeError(`invalid shape dimension ${s}`);
    } else {
      known *= s;
    }
  }
  if (infer >= 0 && known !== 0 && numel % known === 0) {
    const out = shape.slice();
    out[infer] = numel / known;
    return out;
  }
  if (infer < 0 && known === numel) return shape;
  throw new ShapeError(`shape '${formatShape(shape)}' is invalid for input of size ${numel}`);
}

/**
 * Strides that let a tensor of `oldShape`/`oldStrides` be viewed as `newShape` without copying,
 * or null when some new dim would span non-contiguous memory (PyTorch's `computeStride`).
 */
export function viewStrides(
  oldShape: readonly number[],
  oldStrides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  const newStrides = new Array<number>(newShape.length).fill(1);
  if (oldShape.length === 0 || shapeSize(oldShape) === 0) {
    let s = 1;
    for (let i = newShape.length - 1; i >= 0; i--) {
      newStrides[i] = s;
      s *= Math.max(newShape[i]!, 1);
    }
    return newStrides;
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD]!;
    if (
      tensorD === 0 ||
      (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)
    ) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}
