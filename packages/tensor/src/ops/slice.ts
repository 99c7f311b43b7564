import { gradIntoZeros } from "../autograd/gradIntoZeros.js";
import { needsGrad, record } from "../autograd/record.js";
import { markView } from "../autograd/views.js";
import { IndexError } from "../errors.js";
import { normalizeDim } from "../shape/dims.js";
import { Tensor } from "../tensor.js";

/**
 * A view of `x` keeping indices `start, start + step, ...` below `end` along `dim`: Python's
 * `x[..., start:end:step]`. Negative `start`/`end` count from the end and out-of-range bounds are
 * clamped, as in Python; `step` must be positive.
 *
 * @example
 * ```ts
 * arange(6).slice(0, 1, -1, 2).toArray(); // [1, 3]
 * ```
 */
export function slice(
  x: Tensor,
  dim: number,
  start?: number | null,
  end?: number | null,
  step = 1,
): Tensor {
  const d = normalizeDim(dim, x.shape.length);
  const out = sliceView(x, d, start, end, step);
  if (needsGrad(x)) {
    record(out, "SliceBackward0", [x], [], (g) => [
      gradIntoZeros(g, x.shape, (zeros) => sliceView(zeros, d, start, end, step)),
    ]);
  }
  return out;
}

/** The view of {@link slice} without autograd; `d` is already normalized. */
export function sliceView(
  x: Tensor,
  d: number,
  start: number | null | undefined,
  end: number | null | undefined,
  step: number,
): Tensor {
  if (!Number.isInteger(step) || step <= 0) throw new IndexError("slice step must be positive");
  const size = x.shape[d]!;
  const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const from = start === null || start === undefined ? 0 : clampIndex(start);
  const to = end === null || end === undefined ? size : clampIndex(end);
  const length = Math.max(0, Math.ceil((to - from) / step));
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[d] = length;
  strides[d] = x.strides[d]! * step;
  const offset = x.storageOffset + (length > 0 ? from * x.strides[d]! : 0);
  return markView(new Tensor(x.storage, shape, strides, offset, x.dtype), x);
}
