import { noGrad } from "../autograd/gradMode.js";
import { fromTypedArray } from "../creation/fromTypedArray.js";
import type { Tensor } from "../tensor.js";
import { seededRandom } from "./random.js";

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Relative tolerance. Default 1e-3. */
  rtol?: number;
  /** Seed of the random projection of the output. Default 0. */
  seed?: number;
}

/**
 * Checks the analytic gradients of `fn` at float64 `inputs` against central finite differences,
 * as `torch.autograd.gradcheck` does but through one random projection of the output:
 * `L = sum(fn(inputs) * w)`. Throws with the first mismatch; returns the largest error seen.
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): number {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const leaves = inputs.map((x) => x.detach().clone().requiresGrad_(true));
  const probe = noGrad(() => fn(...leaves));
  const next = seededRandom(options.seed ?? 0);
  const weights = new Float64Array(probe.numel()).map(() => next() * 2 - 1);
  const w = fromTypedArray(weights, probe.shape);
  const loss = (...xs: Tensor[]) =>
    fn(...xs)
      .to("float64")
      .mul(w)
      .sum();
  loss(...leaves).backward();
  let worst = 0;
  leaves.forEach((leaf, k) => {
    const data = leaf.storage as Float64Array;
    const analytic =
      leaf.grad === null ? null : (leaf.grad.contiguous().toTypedArray() as Float64Array);
    for (let i = 0; i < data.length; i++) {
      const saved = data[i]!;
      data[i] = saved + eps;
      const plus = noGrad(() => loss(...leaves).item());
      data[i] = saved - eps;
      const minus = noGrad(() => loss(...leaves).item());
      data[i] = saved;
      const numeric = (plus - minus) / (2 * eps);
      const got = analytic === null ? 0 : analytic[i]!;
      const error = Math.abs(got - numeric);
      worst = Math.max(worst, error);
      if (!(error <= atol + rtol * Math.abs(numeric))) {
        throw new Error(
          `gradcheck: input ${k}, element ${i}: analytic ${got} vs numeric ${numeric} (shape [${leaf.shape.join(", ")}])`,
        );
      }
    }
  });
  return worst;
}
