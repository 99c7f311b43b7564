import { SchedulerError } from "../base/errors.js";
import type { LRScheduler } from "../base/lrScheduler.js";
import type { OptimizerLike, ParamGroupLike } from "../optimizerLike.js";

/** What {@link checkClosedFormAgrees} found. */
export interface ClosedFormReport {
  /** Whether every lr agreed within `tolerance`. */
  readonly agrees: boolean;
  /** The largest `|chainable - closed| / max(|chainable|, |closed|)` seen. */
  readonly maxRelativeError: number;
  /** The first disagreement, if any. */
  readonly firstMismatch?: {
    /** The epoch (`last_epoch`) at which the forms first disagree. */
    epoch: number;
    /** The index of the param group. */
    group: number;
    /** The lr the chainable form gave. */
    chainable: number;
    /** The lr the closed form gave. */
    closed: number;
  };
}

/** Options of {@link checkClosedFormAgrees}. */
export interface ClosedFormCheckOptions {
  /** Initial lr of each param group. Default `[0.1]`. */
  lrs?: readonly number[];
  /** Relative tolerance (the two forms round differently). Default `1e-12`. */
  tolerance?: number;
}

/**
 * For scheduler authors: checks that a scheduler's chainable form (`step()`) and its closed form
 * (`stepToEpoch(epoch)`) give the same lrs for epochs `0..steps`, within a relative tolerance.
 * Two schedulers are built by `factory` on two plain optimizers; throws if the scheduler has no
 * closed form. It uses only public API, so it works for any {@link LRScheduler} subclass.
 *
 * @example
 * ```ts
 * const report = checkClosedFormAgrees((o) => new StepLR(o, { stepSize: 3, gamma: 0.5 }), 100);
 * report.agrees; // true
 * report.maxRelativeError; // 0
 * ```
 */
export function checkClosedFormAgrees(
  factory: (optimizer: OptimizerLike) => LRScheduler<object>,
  steps: number,
  options: ClosedFormCheckOptions = {},
): ClosedFormReport {
  const lrs = options.lrs ?? [0.1];
  const tolerance = options.tolerance ?? 1e-12;
  const make = (): OptimizerLike => ({
    paramGroups: lrs.map((lr): ParamGroupLike => ({ lr })),
    step() {},
  });
  const chainOptimizer = make();
  const closedOptimizer = make();
  const chain = factory(chainOptimizer);
  const closed = factory(closedOptimizer);
  if (!closed.hasClosedForm) {
    throw new SchedulerError(`${closed.constructor.name} has no closed form (closedFormLr)`);
  }
  let maxRelativeError = 0;
  let firstMismatch: ClosedFormReport["firstMismatch"];
  for (let epoch = 0; epoch <= steps; epoch++) {
    if (epoch > 0) {
      chainOptimizer.step?.();
      closedOptimizer.step?.();
      chain.step();
      closed.stepToEpoch(epoch);
    }
    chainOptimizer.paramGroups.forEach((group, g) => {
      const a = group.lr;
      const b = closedOptimizer.paramGroups[g]!.lr;
      const error = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      maxRelativeError = Math.max(maxRelativeError, error);
      if (error > tolerance && firstMismatch === undefined) {
        firstMismatch = { epoch, group: g, chainable: a, closed: b };
      }
    });
  }
  return firstMismatch === undefined
    ? { agrees: true, maxRelativeError }
    : { agrees: false, maxRelativeError, firstMismatch };
}
