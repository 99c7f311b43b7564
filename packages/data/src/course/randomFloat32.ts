import { defaultGenerator, fillNormal, fromTypedArray, type Tensor } from "@kindling/tensor";

/**
 * `torch.normal(mean, std, size=shape)` in float32 from the default generator (with mean 0 and
 * std 1, `torch.randn(*shape)`): the same values and the same number of draws as PyTorch.
 */
export function normalFloat32(shape: readonly number[], mean = 0, std = 1): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  fillNormal(defaultGenerator, data, mean, std);
  return fromTypedArray(data, [...shape]);
}
