import { expand } from "../ops/expand.js";
import { reshape } from "../ops/reshape.js";
import type { Tensor } from "../tensor.js";

/**
 * The gradient of a reduction's output, `grad`, broadcast back to the input's `shape`: the
 * reduced `dims` are restored as size 1 (unless `keepdim` kept them) and expanded.
 */
export function expandReducedGrad(
  grad: Tensor,
  shape: readonly number[],
  dims: readonly number[],
  keepdim: boolean,
): Tensor {
  const kept = keepdim ? grad : reshape(grad, keptShape(shape, dims));
  return expand(kept, shape);
}

/** `shape` with the reduced `dims` set to 1 (the keepdim shape). */
export function keptShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((s, d) => (dims.includes(d) ? 1 : s));
}
