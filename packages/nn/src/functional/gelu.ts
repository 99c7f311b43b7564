import { fromTypedArray, type Tensor } from "@kindling/tensor";
import { erfValue } from "./erfValues.js";
import { withNode } from "./node.js";

/** How {@link gelu} computes the Gaussian CDF: exactly (`"none"`) or by the tanh formula. */
export type GeluApproximate = "none" | "tanh";

const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π), as PyTorch's `kBeta` (`M_2_SQRTPI * M_SQRT1_2 * 0.5`). */
const INV_SQRT_2PI = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;

/**
 * Φ(x) of every element, computed in float64 (erf within an ulp), as a tensor of `x`'s dtype
 * (float32 rounds each once): one loop over the values.
 */
function cdfOf(x: Tensor): Tensor {
  if (x.dtype !== "float32" && x.dtype !== "float64") {
    return fromTypedArray(
      phi(x.detach().to("float64").toTypedArray() as Float64Array, false),
      x.shape,
    ).to(x.dtype);
  }
  const values = x.detach().contiguous();
  const n = values.numel();
  const at = values.storageOffset;
  const data = (values.storage as Float32Array | Float64Array).subarray(at, at + n);
  return fromTypedArray(phi(data, x.dtype === "float32"), x.shape);
}

/** Φ of each value, into a float32 array (each rounded once) when `single`, else float64. */
function phi(values: Float32Array | Float64Array, single: boolean): Float32Array | Float64Array {
  const n = values.length;
  const cdf = single ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) cdf[i] = 0.5 * (1 + erfValue(values[i]! * SQRT1_2));
  return cdf;
}

/**
 * φ(x) = e^(-x²/2) / √(2π) by tensor ops in x's dtype, in the order PyTorch's `gelu_backward`
 * kernel computes it: `kBeta · exp(x · x · -0.5)` (float32 exp on the SIMD kernels).
 */
function pdfOf(x: Tensor): Tensor {
  const xd = x.detach();
  return xd.mul(xd).mul(-0.5).exp().mul(INV_SQRT_2PI);
}

/**
 * The Gaussian error linear unit `x Φ(x)` (`F.gelu`): with `approximate: "tanh"`,
 * `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`. One node, `GeluBackward0`, as in PyTorch.
 *
 * The exact form needs erf, which `@kindling/tensor` does not offer yet: Φ is computed
 * elementwise in float64 (PyTorch's float32 kernel approximates erf to 1.5e-7), and the gradient
 * is PyTorch's `g (Φ(x) + x φ(x))` (first derivatives only). The tanh form's gradient is
 * PyTorch's closed form of its derivative.
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
  const cdf = cdfOf(x);
  return withNode(
    "GeluBackward0",
    [x],
    [x],
    () => x.mul(cdf),
    // PyTorch's `dy · (Φ(x) + x φ(x))`
    (g) => [g.mul(cdf.add(x.detach().mul(pdfOf(x))))],
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
