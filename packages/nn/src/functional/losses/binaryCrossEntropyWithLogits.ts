import { log1p, optionKeys, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { withNode } from "../node.js";
import { broadcastPair } from "./lossGrads.js";
import { checkReduction, type ReductionOption, reduce } from "./reduction.js";

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BCEWithLogitsOptions extends ReductionOption {
  /** A weight per element, broadcast to the input. */
  weight?: Tensor | null;
  /** A weight of the positive term per class (last dim), broadcast to the input. */
  posWeight?: Tensor | null;
}

/**
 * Binary cross entropy of logits (`F.binary_cross_entropy_with_logits`), in PyTorch's stable form:
 * with `m = max(-x, 0)`, `(1 - t) x + l (log(e^(-m) + e^(-x - m)) + m)` where
 * `l = 1 + (posWeight - 1) t` (1 without posWeight); never overflows. One node,
 * `BinaryCrossEntropyWithLogitsBackward0` of input and target, with PyTorch's gradients
 * (`weight` and `posWeight` get none).
 *
 * @example
 * ```ts
 * binaryCrossEntropyWithLogits(tensor([0]), tensor([1])).item(); // 0.6931471824645996
 * ```
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BCEWithLogitsOptions = {},
): Tensor {
  rejectUnknownOptions("binaryCrossEntropyWithLogits", options, BCE_WITH_LOGITS_OPTIONS);
  const reduction = checkReduction(options.reduction ?? "mean");
  const weight = options.weight ?? null;
  const posWeight = options.posWeight ?? null;
  const [x, t] = broadcastPair(input, target);
  return withNode(
    "BinaryCrossEntropyWithLogitsBackward0",
    [x, t],
    [x, t, weight, posWeight],
    () => reduce(losses(x, t, weight, posWeight), reduction),
    (g) => {
      const scale = (grad: Tensor) => {
        const weighted = weight === null ? grad.mul(g) : grad.mul(g).mul(weight);
        return reduction === "mean" ? weighted.div(x.numel()) : weighted;
      };
      return [
        x.requiresGrad ? scale(inputGrad(x, t, posWeight)) : null,
        t.requiresGrad ? scale(targetGrad(x, posWeight)) : null,
      ];
    },
  );
}

/** The loss of each element, in the stable form of {@link binaryCrossEntropyWithLogits}. */
function losses(x: Tensor, t: Tensor, weight: Tensor | null, posWeight: Tensor | null): Tensor {
  const maxVal = x.neg().clamp(0, null);
  const logTerm = maxVal.neg().exp().add(x.neg().sub(maxVal).exp()).log();
  const base = t.neg().add(1).mul(x);
  let out: Tensor;
  if (posWeight) {
    const logWeight = posWeight.sub(1).mul(t).add(1);
    out = base.add(logWeight.mul(logTerm.add(maxVal)));
  } else {
    out = base.add(maxVal).add(logTerm);
  }
  return weight ? out.mul(weight) : out;
}

/** d/dx per element: `σ(x) - t`, or `(p t + 1 - t) σ(x) - p t` with posWeight p. */
function inputGrad(x: Tensor, t: Tensor, posWeight: Tensor | null): Tensor {
  if (posWeight === null) return x.sigmoid().sub(t);
  const pt = posWeight.mul(t);
  return pt.add(1).sub(t).mul(x.sigmoid()).sub(pt);
}

/** d/dt per element: `-x`, or `log σ(-x) - p log σ(x)` with posWeight p. */
function targetGrad(x: Tensor, posWeight: Tensor | null): Tensor {
  if (posWeight === null) return x.neg();
  return logSigmoid(x.neg()).sub(logSigmoid(x).mul(posWeight));
}

/** `log σ(z)` computed stably: `min(z, 0) - log(1 + e^(-|z|))`. */
function logSigmoid(z: Tensor): Tensor {
  return z.clamp(null, 0).sub(log1p(z.abs().neg().exp()));
}

/** The keys BCEWithLogitsOptions takes, for the unknown-option check of the function and its module. */
export const BCE_WITH_LOGITS_OPTIONS = optionKeys<BCEWithLogitsOptions>()(
  "weight",
  "posWeight",
  "reduction",
);
