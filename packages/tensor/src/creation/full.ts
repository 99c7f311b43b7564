import { uncounted } from "../autograd/version.js";
import { fill_ } from "../ops/fill.js";
import type { Tensor } from "../tensor.js";
import {
  type CreationOptions,
  checkCreationOptions,
  makeTensor,
  type ShapeLike,
  toShape,
} from "./options.js";

/**
 * A tensor of `shape` filled with `value` (`torch.full`). The dtype defaults to float32 for
 * numbers (JavaScript cannot tell `1` from `1.0`), int64 for bigints and bool for booleans.
 *
 * @example
 * ```ts
 * full([2], 7).toArray(); // [7, 7]
 * full([2], 7n).dtype; // "int64"
 * ```
 */
export function full(
  shape: ShapeLike,
  value: number | bigint | boolean,
  options: CreationOptions = {},
): Tensor {
  checkCreationOptions(options);
  const dtype =
    options.dtype ??
    (typeof value === "bigint" ? "int64" : typeof value === "boolean" ? "bool" : "float32");
  const out = makeTensor(toShape(shape), dtype, {});
  uncounted(() => fill_(out, value));
  if (options.requiresGrad === true) out.requiresGrad = true;
  return out;
}
