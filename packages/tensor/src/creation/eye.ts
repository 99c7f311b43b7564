import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor } from "./options.js";

/**
 * The `n×m` identity matrix (ones on the diagonal), `m` defaulting to `n` (`torch.eye`).
 *
 * @example
 * ```ts
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * ```
 */
export function eye(n: number, m: number = n, options: CreationOptions = {}): Tensor {
  const out = makeTensor([n, m], options.dtype ?? "float32", {});
  const data = out.storage;
  for (let i = 0; i < Math.min(n, m); i++) {
    if (data instanceof BigInt64Array) data[i * m + i] = 1n;
    else data[i * m + i] = 1;
  }
  if (options.requiresGrad === true) out.requiresGrad = true;
  return out;
}
