import { fromTypedArray, type Tensor } from "@kindling/tensor";
import { erfValue } from "./erfValues.js";

/** How {@link gelu} computes the Gaussian CDF: exactly (`"none"`) or by the tanh formula. */
export type GeluApproximate = "none" | "tanh";

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Φ(x) and φ(x) of every element, computed in float64, as tensors of `x`'s dtype. */
function cdfAndPdf(x: Tensor): [Tensor, Tensor] {
  const values = x.detach().to("float64").toTypedArray() as Float64Array;
  const cdf = new Float64Array(values.length);
  const pdf = new Float64Array(values.length);
  values.forEach((v, i) => {
    cdf[i] = 0.5 * (1 + erfValue(v * SQRT1_2));
    pdf[i] = Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
  });
  return [fromTypedArray(cdf, x.shape).to(x.dtype), fromTypedArray(pdf, x.shape).to(x.dtype)];
}

/**
 * The Gaussian error linear unit `x Φ(x)` (`F.gelu`): with `approximate: "tanh"`,
 * `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
 *
 * The exact form needs erf, which `@kindling/tensor` does not offer yet: Φ and φ are computed
 * elementwise in float64 and the gradient `Φ(x) + x φ(x)` is attached so backward is exact
 * (first derivatives only).
 *
 * @example
 * ```ts
 * gelu(tensor([1])).item(); // 0.8413447141647339
 * ```
 */
export function gelu(x: Tensor, approximate: GeluApproximate = "none"): Tensor {
  if (approximate === "tanh") {
    const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(0.5).mul(inner.tanh().add(1));
  }
  if (approximate !== "none") {
    throw new RangeError(
      `approximate argument must be either none or tanh, got ${String(approximate)}`,
    );
  }
  const [cdf, pdf] = cdfAndPdf(x);
  const constant = x.detach();
  // Value x Φ(x) + 0; gradient Φ(x) + x φ(x).
  return x.mul(cdf).add(x.sub(constant).mul(constant.mul(pdf)));
}
