import type { Tensor } from "../tensor.js";
import { fusedMultiplyAdd } from "./fusedMultiplyAdd.js";
import { type CreationOptions, makeTensor } from "./options.js";
import { vectorizedFill, vectorLanes } from "./vectorizedFill.js";

/**
 * `steps` evenly spaced values from `start` to `end` inclusive (`torch.linspace`), computed with
 * PyTorch's formula (the first half counted from `start`, the second back from `end`, in the
 * dtype's own arithmetic, with its vector/scalar split), so values match PyTorch's bit for bit.
 * For int64, the bounds are truncated to integers first and each value, computed in double, is
 * truncated toward zero, as in PyTorch.
 *
 * @example
 * ```ts
 * linspace(0, 1, 5).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(
  start: number,
  end: number,
  steps: number,
  options: CreationOptions = {},
): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError("linspace: number of steps must be non-negative");
  const dtype = options.dtype ?? "float32";
  const out = makeTensor([steps], dtype, options);
  const data = out.storage;
  if (data instanceof BigInt64Array) {
    integerLinspace(data, Math.trunc(start), Math.trunc(end), steps);
    return out;
  }
  const r = dtype === "float32" ? Math.fround : (x: number) => x;
  const s = r(start);
  const e = r(end);
  const step = steps > 1 ? r(r(e - s) / (steps - 1)) : 0;
  const half = Math.floor(steps / 2);
  // PyTorch's compiled code fuses `start + step * i` into one FMA; the vector lanes round the
  // product first.
  const scalar = (i: number) =>
    i < half ? r(fusedMultiplyAdd(step, i, s)) : r(fusedMultiplyAdd(-step, steps - i - 1, e));
  if (data instanceof Float32Array || data instanceof Float64Array) {
    const lane = (base: number, k: number) => r(base + r(step * k));
    vectorizedFill(data, steps, vectorLanes(dtype), scalar, lane, scalar);
  } else {
    for (let i = 0; i < steps; i++) data[i] = scalar(i);
  }
  if (steps === 1) data[0] = s;
  return out;
}

/**
 * PyTorch's linspace for int64: the bounds truncated to integers, the step and each value computed
 * in double and truncated toward zero; a vector's lanes count from its first value, truncated.
 */
function integerLinspace(data: BigInt64Array, start: number, end: number, steps: number): void {
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  const half = Math.floor(steps / 2);
  const scalar = (i: number) =>
    Math.trunc(
      i < half ? fusedMultiplyAdd(step, i, start) : fusedMultiplyAdd(-step, steps - i - 1, end),
    );
  const values = new Float64Array(steps);
  const lane = (base: number, k: number) => Math.trunc(base + step * k);
  vectorizedFill(values, steps, vectorLanes("int64"), scalar, lane, scalar);
  for (let i = 0; i < steps; i++) data[i] = BigInt(values[i]!);
  if (steps === 1) data[0] = BigInt(start);
}
