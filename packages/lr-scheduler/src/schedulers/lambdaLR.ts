import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import type { StateSchema } from "../base/state.js";
import { FactorExpression } from "../expression/factorExpression.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { type Factor, factorsFor, type LrLambda, lrLambdasField } from "./lrLambda.js";

/** Options of {@link LambdaLR} (PyTorch: `lr_lambda`). */
export interface LambdaLROptions extends LRSchedulerOptions {
  /** The factor of the epoch, or one per param group (PyTorch `lr_lambda`). */
  lrLambda: LrLambda | readonly LrLambda[];
}

interface LambdaLRState {
  factors: Factor[];
}

const schema: StateSchema<LambdaLRState> = { factors: lrLambdasField };

function isLrLambda(value: unknown): value is LrLambda {
  return (
    typeof value === "function" || typeof value === "string" || value instanceof FactorExpression
  );
}

/** Accepts PyTorch's positional `LambdaLR(optimizer, lr_lambda)` as well as `{ lrLambda }`. */
function lambdaOptions(
  options: LambdaLROptions | LrLambda | readonly LrLambda[] | undefined,
  rest: LRSchedulerOptions,
): LambdaLROptions {
  if (isLrLambda(options) || Array.isArray(options)) {
    return { ...rest, lrLambda: options as LrLambda | readonly LrLambda[] };
  }
  const lrLambda = (options as Partial<LambdaLROptions> | null | undefined)?.lrLambda;
  const lambdas: readonly unknown[] = Array.isArray(lrLambda) ? lrLambda : [lrLambda];
  if (lambdas.length > 0 && lambdas.every(isLrLambda)) return options as LambdaLROptions;
  throw new SchedulerError(
    `LambdaLR expects lr_lambda: a function of the epoch, an expression string or one per param group, as new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch }) or new LambdaLR(optimizer, (epoch) => 0.95 ** epoch), but got ${lrLambda === undefined ? "none" : typeof lrLambda === "object" && lrLambda !== null ? "an object" : String(lrLambda)}`,
    "TypeError",
  );
}

/** The keys LambdaLR's options take. */
const OPTIONS = optionKeys<LambdaLROptions>()("lrLambda", ...LR_SCHEDULER_OPTIONS);

/**
 * Sets each group's lr to its initial lr times a factor of the epoch (PyTorch's `LambdaLR`):
 * `lr_epoch = base_lr * lrLambda(epoch)`.
 *
 * The factor may be a plain function (as in PyTorch; `stateDict()` then holds `null` for it) or an
 * expression declared as data (`"0.95 ** epoch"`), which `stateDict()` keeps.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.05 }], step() {} };
 * const scheduler = new LambdaLR(optimizer, { lrLambda: "0.5 ** epoch" });
 * // epoch:  0     1      2       3
 * // lr:     0.05  0.025  0.0125  0.00625
 * scheduler.stateDict().lr_lambdas; // [{ expression: "0.5 ** epoch" }]
 * ```
 */
export class LambdaLR extends LRScheduler<LambdaLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `lrLambda` (required), `lastEpoch` (-1), `verbose` (false); or, as PyTorch's
   *   positional `LambdaLR(optimizer, lr_lambda)`, the factor itself (a function, an expression
   *   string, a {@link FactorExpression} or one per group), with the other options third.
   * @param rest - With the positional form: `lastEpoch`, `verbose`.
   */
  constructor(
    optimizer: OptimizerLike,
    options: LambdaLROptions | LrLambda | readonly LrLambda[],
    rest: LRSchedulerOptions = {},
  ) {
    if (new.target === LambdaLR) {
      rejectUnknownOptions("LambdaLR", options, OPTIONS);
      rejectUnknownOptions("LambdaLR", rest, LR_SCHEDULER_OPTIONS);
    }
    const resolved = lambdaOptions(options, rest);
    super(optimizer, resolved, { factors: factorsFor(optimizer, resolved.lrLambda) }, schema);
  }

  protected chainableLr(out: number[]): void {
    const factors = this.state.factors;
    const epoch = this.lastEpoch;
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * factors[i]!.fn(epoch);
  }
}
