import { SchedulerError } from "../base/errors.js";
import { field, type StateField, type StateValue } from "../base/state.js";
import { FactorExpression } from "../expression/factorExpression.js";
import type { OptimizerLike } from "../optimizerLike.js";

/**
 * A factor of the epoch, as LambdaLR and MultiplicativeLR take: a plain function (exactly as
 * PyTorch's lambda; `stateDict()` stores `null` for it, as PyTorch stores `None`), or the same
 * declared as data: an expression string such as `"0.95 ** epoch"` or a {@link FactorExpression}
 * (`stateDict()` stores `{ expression: "0.95 ** epoch" }`, the layout PyTorch uses for a callable
 * object's attributes).
 */
export type LrLambda = ((epoch: number) => number) | string | FactorExpression;

/** A resolved factor: the function to call, and its expression when declared as data. */
export interface Factor {
  /** The factor as a function of the epoch. */
  readonly fn: (epoch: number) => number;
  /** The expression it was declared with, or `null` for a plain function. */
  readonly expression: FactorExpression | null;
}

function toFactor(lambda: LrLambda): Factor {
  if (typeof lambda === "function") return { fn: lambda, expression: null };
  const expression = typeof lambda === "string" ? new FactorExpression(lambda) : lambda;
  return { fn: expression.evaluate, expression };
}

/** One factor per group: a single one is shared, a list must have one per group (PyTorch's message). */
export function factorsFor(
  optimizer: OptimizerLike,
  lrLambda: LrLambda | readonly LrLambda[],
): Factor[] {
  const groups = optimizer.paramGroups.length;
  if (!Array.isArray(lrLambda))
    return new Array<Factor>(groups).fill(toFactor(lrLambda as LrLambda));
  if (lrLambda.length !== groups) {
    throw new SchedulerError(`Expected ${groups} lr_lambdas, but got ${lrLambda.length}`);
  }
  return (lrLambda as readonly LrLambda[]).map(toFactor);
}

/**
 * The `lr_lambdas` key, after `_last_lr` as PyTorch writes it: `null` for a plain function,
 * `{ expression }` for a declared one. Loading keeps the current function for `null` (as PyTorch
 * does) and compiles the expression of an `{ expression }` entry; other dicts (a PyTorch callable
 * object's attributes) leave the factor unchanged.
 */
export const lrLambdasField: StateField<Factor[]> = field.custom(
  "lr_lambdas",
  {
    encode: (factors): StateValue =>
      factors.map((f) => (f.expression === null ? null : { expression: f.expression.source })),
    decode(raw, { key, current, groups }) {
      if (!Array.isArray(raw) || raw.length !== groups) {
        throw new SchedulerError(
          `state_dict['${key}'] must be a list of ${groups} entries (null or {expression})`,
          "TypeError",
        );
      }
      return current.map((factor, i) => {
        const entry: StateValue = (raw as StateValue[])[i] ?? null;
        if (entry === null) return factor;
        if (typeof entry !== "object" || Array.isArray(entry)) {
          throw new SchedulerError(
            `state_dict['${key}'][${i}] must be null or a dict`,
            "TypeError",
          );
        }
        const source = (entry as Record<string, StateValue>)["expression"];
        return typeof source === "string" ? toFactor(source) : factor;
      });
    },
  },
  true,
);
