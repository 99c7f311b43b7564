import type { DType } from "../dtype.js";
import { DTypeError, ShapeError } from "../errors.js";
import { shapeSize } from "../shape/dims.js";
import { allocate } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor } from "./options.js";

/** Nested arrays of numbers, bigints or booleans, as `tensor()` accepts them. */
export type TensorData = number | bigint | boolean | readonly TensorData[];

/**
 * A new tensor holding a copy of `data`, nested arrays or a single value (`torch.tensor`).
 * Without `dtype`, booleans give bool, bigints int64, and numbers float32: JavaScript cannot tell
 * `1` from `1.0`, so where PyTorch would infer int64 from Python ints, pass `{ dtype: "int64" }`
 * or bigints.
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]).shape; // [2, 2]
 * tensor([1n, 2n]).dtype; // "int64"
 * tensor(0.5, { dtype: "float64", requiresGrad: true }).requiresGrad; // true
 * ```
 */
export function tensor(data: TensorData, options: CreationOptions = {}): Tensor {
  const shape: number[] = [];
  let probe: TensorData = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = (probe as readonly TensorData[])[0] as TensorData;
  }
  const flat: (number | bigint | boolean)[] = [];
  flatten(data, shape, 0, flat);
  const dtype = options.dtype ?? inferDtype(flat);
  const storage = allocate(dtype, shapeSize(shape));
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i]!;
    if (storage instanceof BigInt64Array) {
      storage[i] = typeof v === "bigint" ? v : scalarToInt64(Number(v));
    } else if (storage instanceof Uint8Array) {
      storage[i] = v === 0 || v === 0n || v === false ? 0 : 1; // NaN is true, as in PyTorch
    } else {
      storage[i] = Number(v);
    }
  }
  return makeTensor(shape, dtype, options, storage);
}

function inferDtype(values: readonly (number | bigint | boolean)[]): DType {
  if (values.length > 0 && values.every((v) => typeof v === "boolean")) return "bool";
  if (values.length > 0 && values.every((v) => typeof v === "bigint")) return "int64";
  return "float32";
}

function flatten(
  data: TensorData,
  shape: readonly number[],
  depth: number,
  out: (number | bigint | boolean)[],
): void {
  if (depth === shape.length) {
    if (Array.isArray(data)) throw new ShapeError("tensor(): nested arrays have uneven depth");
    out.push(data as number | bigint | boolean);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[depth]) {
    throw new ShapeError(
      `tensor(): expected sequence of length ${shape[depth]} at dim ${depth} (got ${Array.isArray(data) ? data.length : "a scalar"})`,
    );
  }
  for (const item of data as readonly TensorData[]) flatten(item, shape, depth + 1, out);
}

/**
 * A number as an int64 element, truncated toward zero; NaN, infinities and values beyond int64's
 * range throw, as PyTorch's scalar conversion does.
 */
export function scalarToInt64(x: number): bigint {
  if (!(x >= -(2 ** 63) && x < 2 ** 63)) {
    throw new DTypeError(`value ${x} cannot be converted to type int64 without overflow`);
  }
  return BigInt(Math.trunc(x));
}
