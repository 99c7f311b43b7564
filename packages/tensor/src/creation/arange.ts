import type { Tensor } from "../tensor.js";
import { fusedMultiplyAdd } from "./fusedMultiplyAdd.js";
import { type CreationOptions, makeTensor } from "./options.js";
import { vectorizedFill, vectorLanes } from "./vectorizedFill.js";

/**
 * The values `start, start + step, ...` below `end` (`torch.arange`). Call it as `arange(end)` or
 * `arange(start, end, step?)`, with options last. The dtype defaults to int64 when every bound is
 * an integer (as in PyTorch for Python ints), else float32. For int64, `start`, `end` and `step`
 * are first truncated toward zero, as PyTorch does (`arange(0.5, 5, 1.5)` is `[0, 1, 2, 3, 4]`).
 *
 * @example
 * ```ts
 * arange(4).toArray(); // [0, 1, 2, 3]
 * arange(0, 1, 0.25).toArray(); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export function arange(end: number, options?: CreationOptions): Tensor;
/** @param start First value. @param end Exclusive bound. @param step Spacing, default 1. */
export function arange(
  start: number,
  end: number,
  step?: number,
  options?: CreationOptions,
): Tensor;
/** @param start First value, or the end when it is the only number. */
export function arange(start: number, ...rest: (number | CreationOptions | undefined)[]): Tensor {
  const numbers = rest.filter((x): x is number => typeof x === "number");
  const options = (rest.find((x) => typeof x === "object") ?? {}) as CreationOptions;
  const bounds: [number, number, number] =
    numbers.length === 0 ? [0, start, 1] : [start, numbers[0]!, numbers[1] ?? 1];
  const dtype = options.dtype ?? (bounds.every((x) => Number.isInteger(x)) ? "int64" : "float32");
  // For int64, PyTorch casts the bounds and step to int64 (truncating) before anything else.
  const [from, to, step] = dtype === "int64" ? (bounds.map(Math.trunc) as typeof bounds) : bounds;
  if (step === 0) throw new RangeError("arange: step must be nonzero");
  if ((to - from) * step < 0 && to !== from) {
    throw new RangeError("arange: upper bound and larger bound inconsistent with step sign");
  }
  const n = Math.max(0, Math.ceil((to - from) / step));
  const out = makeTensor([n], dtype, options);
  const data = out.storage;
  if (data instanceof BigInt64Array) {
    const first = BigInt(from);
    const stride = BigInt(step);
    for (let i = 0; i < n; i++) data[i] = first + BigInt(i) * stride;
  } else if (data instanceof Uint8Array) {
    for (let i = 0; i < n; i++) data[i] = from + i * step;
  } else {
    // PyTorch computes in double with fused multiply-adds; vector lanes start from their
    // first element rounded to the dtype.
    const r = dtype === "float32" ? Math.fround : (x: number) => x;
    const scalar = (i: number) => fusedMultiplyAdd(step, i, from);
    const lane = (base: number, k: number) => fusedMultiplyAdd(step, k, base);
    vectorizedFill(data, n, vectorLanes(dtype), (i) => r(scalar(i)), lane, scalar);
  }
  return out;
}
