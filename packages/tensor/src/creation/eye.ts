import type { Tensor } from "../tensor.js";
import { type CreationOptions, checkCreationOptions, makeTensor, toShape } from "./options.js";

/**
 * The `n×m` identity matrix (ones on the diagonal), `m` defaulting to `n` (`torch.eye`). The
 * options may come second, as `torch.eye(2, dtype=...)` reads: `eye(2, { dtype: "float64" })`.
 *
 * @example
 * ```ts
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * eye(2, 3, { dtype: "int64" }).shape; // [2, 3]
 * ```
 */
export function eye(n: number, m?: number | CreationOptions, options?: CreationOptions): Tensor {
  const opts = (typeof m === "object" ? m : options) ?? {};
  checkCreationOptions(opts);
  const [rows, cols] = toShape([n, typeof m === "number" ? m : n]) as [number, number];
  const out = makeTensor([rows, cols], opts.dtype ?? "float32", {});
  const data = out.storage;
  for (let i = 0; i < Math.min(rows, cols); i++) {
    if (data instanceof BigInt64Array) data[i * cols + i] = 1n;
    else data[i * cols + i] = 1;
  }
  if (opts.requiresGrad === true) out.requiresGrad = true;
  return out;
}
