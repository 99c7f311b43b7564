import { overwriteInPlace } from "../autograd/inPlace.js";
import { fillInOrder, inPlaceGenerator } from "../creation/randomOptions.js";
import { DTypeError } from "../errors.js";
import type { Generator } from "../random/generator.js";
import { fillUniform } from "../random/uniform.js";
import type { Tensor } from "../tensor.js";

/**
 * Fills `self` in place with values uniform in `[from, to)` (`Tensor.uniform_`), bit for bit as
 * PyTorch 1.13 on CPU for the same generator state. Float tensors only. Returns `self`.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * uniform_(zeros([2])).toArray(); // [0.8822692632675171, 0.9150039553642273]
 * ```
 */
export function uniform_(
  self: Tensor,
  from = 0,
  to = 1,
  options: { generator?: Generator } = {},
): Tensor {
  if (self.dtype !== "float32" && self.dtype !== "float64") {
    throw new DTypeError(`uniform_: expected a floating-point tensor, got ${self.dtype}`);
  }
  const gen = inPlaceGenerator("uniform_", options);
  const fill = (t: Tensor) =>
    fillInOrder<Float32Array | Float64Array>(t, (data) => fillUniform(gen, data, from, to));
  return overwriteInPlace("uniform_", self, "UniformBackward0", fill);
}
