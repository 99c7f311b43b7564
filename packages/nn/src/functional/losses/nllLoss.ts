import {
  IndexError,
  optionKeys,
  rejectUnknownOptions,
  ShapeError,
  type Tensor,
  where,
} from "@kindling/tensor";
import { type ReductionOption, reduce, weightedMean } from "./reduction.js";

/** Options of {@link nllLoss} and `crossEntropy`. */
export interface ClassLossOptions extends ReductionOption {
  /** A weight per class, shape `[C]`. Default: all ones. */
  weight?: Tensor | null;
  /** Target value whose rows count for nothing (also not in the mean's denominator). Default -100. */
  ignoreIndex?: number;
}

/** Moves the class dim last and flattens: `[N, C, d...]` → `[N·d..., C]`, `[C]` → `[1, C]`. */
export function rowsByClass(input: Tensor): Tensor {
  if (input.ndim === 1) return input.unsqueeze(0);
  if (input.ndim === 2) return input;
  const dims = [0, ...Array.from({ length: input.ndim - 2 }, (_, i) => i + 2), 1];
  return input.permute(...dims).reshape(-1, input.shape[1]!);
}

function checkTargets(target: Tensor, classes: number, ignoreIndex: number): void {
  const values = target.toTypedArray();
  for (const v of values) {
    const t = Number(v);
    if (t !== ignoreIndex && (t < 0 || t >= classes))
      throw new IndexError(`Target ${t} is out of bounds.`);
  }
}

/**
 * Negative log likelihood of class-index targets (`F.nll_loss`): `-weight[t] * input[i, t]` per
 * row; `"mean"` divides by the sum of the weights of the rows not ignored. `input` holds log
 * probabilities of shape `[N, C]`, `[C]` or `[N, C, d...]`; `target` holds int64 class indices of
 * shape `[N]`, `[]` or `[N, d...]`.
 *
 * @throws ShapeError when the shapes do not match; IndexError for a target outside [0, C).
 * @example
 * ```ts
 * nllLoss(tensor([[-0.5, -1.5]]), tensor([1], { dtype: "int64" })).item(); // 1.5
 * ```
 */
export function nllLoss(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  rejectUnknownOptions("nllLoss", options, NLL_OPTIONS);
  const ignoreIndex = options.ignoreIndex ?? -100;
  const reduction = options.reduction ?? "mean";
  const expected = input.ndim === 1 ? [] : [input.shape[0]!, ...input.shape.slice(2)];
  if (
    input.ndim === 0 ||
    target.shape.join() !== expected.join() ||
    target.ndim !== expected.length
  ) {
    throw new ShapeError(
      `nll_loss: expected target of shape [${expected.join(", ")}] for input of shape [${input.shape.join(", ")}], got [${target.shape.join(", ")}]`,
    );
  }
  const rows = rowsByClass(input);
  const classes = rows.shape[1]!;
  const flatTarget = target.reshape(-1);
  checkTargets(flatTarget, classes, ignoreIndex);
  const valid = flatTarget.ne(ignoreIndex);
  const safe = where(valid, flatTarget, 0);
  const picked = rows.gather(1, safe.unsqueeze(1)).squeeze(1);
  const classWeight = options.weight ? options.weight.indexSelect(0, safe) : valid.to(input.dtype);
  const w = options.weight ? classWeight.mul(valid) : classWeight;
  const losses = picked.mul(w).neg();
  if (reduction === "none") return losses.reshape(...target.shape);
  if (reduction === "mean") return weightedMean(losses.sum(), w.sum(), valid);
  return reduce(losses, reduction);
}

/** The keys ClassLossOptions takes, for the unknown-option check of the function and its module. */
export const NLL_OPTIONS = optionKeys<ClassLossOptions>()("weight", "ignoreIndex", "reduction");
