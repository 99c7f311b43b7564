import { ShapeError } from "../errors.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { split } from "./split.js";

/**
 * Cuts `x` along `dim` into at most `chunks` views of equal size, the last possibly smaller
 * (`torch.chunk`): each is `ceil(size / chunks)` long. A dim of size 0 gives `chunks` empty views,
 * as in PyTorch.
 *
 * @example
 * ```ts
 * chunk(arange(5), 2).map((p) => p.toArray()); // [[0, 1, 2], [3, 4]]
 * ```
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) {
    throw new ShapeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  }
  if (x.shape.length === 0) {
    throw new ShapeError("chunk expects at least a 1-dimensional tensor");
  }
  const d = normalizeDim(dim, x.shape.length);
  const size = x.shape[d]!;
  if (size === 0) return split(x, new Array<number>(chunks).fill(0), d);
  return split(x, Math.ceil(size / chunks), d);
}
