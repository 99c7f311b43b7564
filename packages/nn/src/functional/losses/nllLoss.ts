import {
  IndexError,
  noGrad,
  optionKeys,
  rejectUnknownOptions,
  ShapeError,
  scatterAdd,
  type Tensor,
  tensor,
  where,
  zeros,
} from "@kindling/tensor";
import { withNode } from "../node.js";
import { floatValues, nllReduced } from "./nllCascade.js";
import { type ReductionOption, reduce } from "./reduction.js";

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
 * shape `[N]`, `[]` or `[N, d...]`. One node, `NllLossBackward0`, of `input` alone (targets and
 * weights get no gradient, as in PyTorch). `"mean"` and `"sum"` replay PyTorch's own reduction
 * (its eight-level cascade over the rows, not `sum`'s), so the loss has PyTorch's bits.
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
  const classes = input.ndim === 1 ? input.shape[0]! : input.shape[1]!;
  const picks = noGrad(() => pickedRows(input, target, classes, ignoreIndex, options.weight));
  const { safe, valid, w } = picks;
  return withNode(
    "NllLossBackward0",
    [input],
    [input],
    () => {
      const picked = rowsByClass(input).gather(1, safe.unsqueeze(1)).squeeze(1);
      if (reduction === "none") {
        const losses = picked.mul(w).neg();
        return target.ndim === 1 ? losses : losses.reshape(...target.shape).clone();
      }
      if (reduction !== "mean" && reduction !== "sum") return reduce(picked, reduction);
      // PyTorch's own reduction (not `sum`'s): its eight-level cascade over the rows
      const value = nllReduced(
        floatValues(picked),
        valid.toTypedArray() as Uint8Array,
        options.weight ? floatValues(w) : null,
        reduction,
      );
      return tensor(value, { dtype: input.dtype });
    },
    (g) => [fromRows(nllRowsGrad(g, picks, classes, reduction), input.shape)],
  );
}

/** What {@link nllLoss} reads per row: the class picked (0 for ignored rows) and its weight. */
interface Picks {
  /** The target of each row as an int64 index, 0 where ignored. */
  readonly safe: Tensor;
  /** Rows not ignored (bool). */
  readonly valid: Tensor;
  /** Each row's weight: its class's (1 without weights), 0 where ignored. */
  readonly w: Tensor;
}

function pickedRows(
  input: Tensor,
  target: Tensor,
  classes: number,
  ignoreIndex: number,
  weight: Tensor | null | undefined,
): Picks {
  const flatTarget = target.reshape(-1);
  checkTargets(flatTarget, classes, ignoreIndex);
  const valid = flatTarget.ne(ignoreIndex);
  const safe = where(valid, flatTarget, 0);
  const w = weight ? weight.indexSelect(0, safe).mul(valid) : valid.to(input.dtype);
  return { safe, valid, w };
}

/**
 * The gradient of the loss for the rows of {@link rowsByClass}: `-w g'` at each row's class, where
 * `g'` is the output gradient of the row (over the summed weights for a mean; zeros when every
 * row is ignored), in the order of ops the composite's chain rule takes.
 */
function nllRowsGrad(g: Tensor, picks: Picks, classes: number, reduction: string): Tensor {
  const { safe, valid, w } = picks;
  const rows = safe.shape[0]!;
  let perRow: Tensor;
  if (reduction === "none") perRow = g.reshape(-1);
  else if (reduction === "sum") perRow = g.expand(rows);
  else {
    const total = w.sum();
    const ignored = total.item() === 0 && valid.sum().item() === 0;
    perRow = (ignored ? g.mul(0) : g.div(total)).expand(rows);
  }
  const picked = perRow.neg().mul(w);
  return scatterAdd(
    zeros([rows, classes], { dtype: g.dtype }),
    1,
    safe.unsqueeze(1),
    picked.unsqueeze(1),
  );
}

/** Undoes {@link rowsByClass}: `[N·d..., C]` rows back to an input of `shape`. */
function fromRows(rows: Tensor, shape: readonly number[]): Tensor {
  if (shape.length === 1) return rows.squeeze(0);
  if (shape.length === 2) return rows;
  const moved = [shape[0]!, ...shape.slice(2), shape[1]!];
  const back = [0, shape.length - 1, ...Array.from({ length: shape.length - 2 }, (_, i) => i + 1)];
  return rows.reshape(...moved).permute(...back);
}

/** The keys ClassLossOptions takes, for the unknown-option check of the function and its module. */
export const NLL_OPTIONS = optionKeys<ClassLossOptions>()("weight", "ignoreIndex", "reduction");
