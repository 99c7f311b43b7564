import { fromTypedArray, type Tensor } from "@kindling/tensor";
import { erfValue } from "./erfValues.js";
import { withNode } from "./node.js";

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
 * `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`. One node, `GeluBackward0`, as in PyTorch.
 *
 * The exact form needs erf, which `@kindling/tensor` does not offer yet: Φ and φ are computed
 * elementwise in float64 and the gradient is `g Φ(x) + g x φ(x)` (first derivatives only). The
 * tanh form's gradient is PyTorch's closed form of its derivative.
 *
 * @example
 * ```ts
 * gelu(tensor([1])).item(); // 0.8413447141647339
 * ```
 */
export function gelu(x: Tensor, approximate: GeluApproximate = "none"): Tensor {
  if (approximate === "tanh") {
    return withNode(
      "GeluBackward0",
      [x],
      [x],
      () => {
        const inner = x.add(x.mul(x).mul(x).mul(KAPPA)).mul(BETA);
        return x.mul(0.5).mul(inner.tanh().add(1));
      },
      (g) => [g.mul(tanhGeluDerivative(x))],
    );
  }
  if (approximate !== "none") {
    throw new RangeError(
      `approximate argument must be either none or tanh, got ${String(approximate)}`,
    );
  }
  const [cdf, pdf] = cdfAndPdf(x);
  return withNode(
    "GeluBackward0",
    [x],
    [x],
    () => x.mul(cdf),
    (g) => [g.mul(cdf).add(g.mul(x.detach().mul(pdf)))],
  );
}

/** √(2/π) and the cubic's coefficient of the tanh form. */
const BETA = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;

/**
 * d/dx of the tanh form, as PyTorch's `gelu_backward` computes it:
 * `0.5 (1 + t) + 0.5 x (1 - t²) √(2/π) (1 + 3 · 0.044715 x²)` with `t = tanh(√(2/π) (x + 0.044715 x³))`.
 */
function tanhGeluDerivative(x: Tensor): Tensor {
  const square = x.mul(x);
  const t = x.add(square.mul(x).mul(KAPPA)).mul(BETA).tanh();
  const left = t.add(1).mul(0.5);
  const innerDerivative = square
    .mul(3 * KAPPA)
    .add(1)
    .mul(BETA);
  const right = x.mul(0.5).mul(t.mul(t).neg().add(1)).mul(innerDerivative);
  return left.add(right);
}
