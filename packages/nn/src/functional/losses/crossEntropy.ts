import { optionKeys, rejectUnknownOptions, type Tensor, where } from "@kindling/tensor";
import { divScalar, mulScalar } from "../node.js";
import { type ClassLossOptions, nllLoss, rowsByClass } from "./nllLoss.js";
import { checkReduction, weightedMean } from "./reduction.js";

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions extends ClassLossOptions {
  /** Mixes the target with the uniform distribution: `(1 - ε) onehot + ε / C`. In [0, 1], default 0. */
  labelSmoothing?: number;
}

/** Loss for class-probability targets (same shape as `input`), as PyTorch 1.13 computes it. */
function probabilityTargets(logp: Tensor, target: Tensor, options: CrossEntropyOptions): Tensor {
  const classDim = logp.ndim === 1 ? 0 : 1;
  const classes = logp.shape[classDim]!;
  const eps = options.labelSmoothing ?? 0;
  const t = eps > 0 ? target.mul(1 - eps).add(eps / classes) : target;
  let terms = logp.mul(t);
  if (options.weight) {
    const shape = logp.shape.map((s, d) => (d === classDim ? s : 1));
    terms = terms.mul(options.weight.reshape(...shape));
  }
  // As PyTorch 1.13: -Σ / (N·d...) as DivBackward1 of NegBackward0; -Σ; or -Σ over the classes.
  const reduction = checkReduction(options.reduction ?? "mean");
  if (reduction === "mean") return divScalar(terms.sum().neg(), logp.numel() / classes);
  if (reduction === "sum") return terms.sum().neg();
  return terms.sum(classDim).neg();
}

/**
 * `logSoftmax` over the class dim (dim 1, or 0 for `[C]` input) followed by {@link nllLoss}
 * (`F.cross_entropy`), with class-index targets (int64) or class-probability targets (float, the
 * shape of `input`). With `labelSmoothing` ε the index-target loss is
 * `(1 - ε) nll + ε / C * smooth`, where `smooth` is `-Σ_c weight_c logp_c` per row with ignored
 * rows zeroed, reduced as PyTorch 1.13 does (its `"mean"` divides by the rows not ignored, or by their
 * summed target weights when `weight` is given).
 *
 * @throws RangeError for labelSmoothing outside [0, 1].
 * @example
 * ```ts
 * crossEntropy(tensor([[2, 0, 1]]), tensor([0], { dtype: "int64" })).item(); // 0.40760597586631775
 * ```
 */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  rejectUnknownOptions("crossEntropy", options, CROSS_ENTROPY_OPTIONS);
  const eps = options.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) {
    throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${eps}`);
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  const logp = input.logSoftmax(classDim);
  if (target.dtype !== "int64") return probabilityTargets(logp, target, options);
  const { labelSmoothing: _, ...nllOptions } = options;
  const nll = nllLoss(logp, target, nllOptions);
  if (eps === 0) return nll;
  const rows = rowsByClass(logp);
  const classes = rows.shape[1]!;
  const weighted = options.weight ? rows.mul(options.weight) : rows;
  const flatTarget = target.reshape(-1);
  const valid = flatTarget.ne(options.ignoreIndex ?? -100);
  const smooth = where(valid, weighted.sum(1).neg(), 0);
  const reduction = options.reduction ?? "mean";
  let smoothLoss: Tensor;
  if (reduction === "none") smoothLoss = smooth.reshape(...target.shape);
  else if (reduction === "sum") smoothLoss = smooth.sum();
  else if (options.weight) {
    const safe = where(valid, flatTarget, 0);
    const total = options.weight.indexSelect(0, safe).mul(valid).sum();
    smoothLoss = weightedMean(smooth.sum(), total, valid);
  } else smoothLoss = weightedMean(smooth.sum(), valid.sum(), valid);
  // Scalar products as PyTorch's composite records them (MulBackward1).
  return mulScalar(nll, 1 - eps).add(mulScalar(smoothLoss, eps / classes));
}

/** The keys CrossEntropyOptions takes, for the unknown-option check of the function and its module. */
export const CROSS_ENTROPY_OPTIONS = optionKeys<CrossEntropyOptions>()(
  "weight",
  "ignoreIndex",
  "labelSmoothing",
  "reduction",
);
