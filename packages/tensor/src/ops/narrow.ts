import { IndexError } from "../errors.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { slice } from "./slice.js";

/**
 * A view of `length` consecutive indices of `x` from `start` along `dim` (`torch.narrow`);
 * negative `start` counts from the end.
 *
 * @example
 * ```ts
 * arange(5).narrow(0, 1, 3).toArray(); // [1, 2, 3]
 * ```
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim(dim, x.shape.length);
  const size = x.shape[d]!;
  const from = start < 0 ? start + size : start;
  if (from < 0 || from > size) {
    throw new IndexError(
      `start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`,
    );
  }
  if (length < 0 || from + length > size) {
    throw new IndexError(`start (${from}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return slice(x, d, from, from + length);
}
