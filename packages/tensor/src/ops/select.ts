import { gradIntoZeros } from "../autograd/gradIntoZeros.js";
import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { IndexError } from "../errors.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";

/**
 * A view of `x` at `index` along `dim`, which disappears: Python's `x[..., index]`
 * (`torch.select`). Negative `index` counts from the end.
 *
 * @example
 * ```ts
 * arange(6).view(2, 3).select(1, -1).toArray(); // [2, 5]
 * ```
 */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.shape.length === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, x.shape.length);
  const out = selectView(x, d, index);
  if (needsGrad(x)) {
    record(out, "SelectBackward0", [x], [], (g) => [
      gradIntoZeros(g, x.shape, (zeros) => selectView(zeros, d, index)),
    ]);
  }
  return out;
}

/** The view of {@link select} without autograd; `d` is already normalized. */
export function selectView(x: Tensor, d: number, index: number): Tensor {
  const size = x.shape[d]!;
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`index ${index} is out of bounds for dimension ${d} with size ${size}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  return markView(
    new Tensor(x.storage, shape, strides, x.storageOffset + i * x.strides[d]!, x.dtype),
    x,
  );
}
