import { overwriteInPlace } from "../autograd/inPlace.js";
import { fillInOrder, inPlaceGenerator } from "../creation/randomOptions.js";
import { DTypeError } from "../errors.js";
import type { Generator } from "../random/generator.js";
import { fillNormal, fillNormalScalar } from "../random/normal.js";
import type { Tensor } from "../tensor.js";

/**
 * Fills `self` in place with normal samples of mean `mean` and standard deviation `std`
 * (`Tensor.normal_`), bit for bit as PyTorch 1.13 on CPU, including its separate paths for
 * small, large and non-contiguous tensors. Float tensors only. Returns `self`.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * normal_(zeros([3])).toArray(); // [0.33669036626815796, 0.12880940735340118, 0.23446236550807953]
 * ```
 */
export function normal_(
  self: Tensor,
  mean = 0,
  std = 1,
  options: { generator?: Generator } = {},
): Tensor {
  if (self.dtype !== "float32" && self.dtype !== "float64") {
    throw new DTypeError(`normal_: expected a floating-point tensor, got ${self.dtype}`);
  }
  const gen = inPlaceGenerator("normal_", options);
  // PyTorch draws a non-contiguous tensor's normals one at a time (the scalar path).
  const draw = self.contiguousLayout ? fillNormal : fillNormalScalar;
  const fill = (t: Tensor) =>
    fillInOrder<Float32Array | Float64Array>(t, (data) => draw(gen, data, mean, std));
  return overwriteInPlace("normal_", self, "NormalBackward0", fill);
}
