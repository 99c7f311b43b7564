import { SchedulerError } from "../base/errors.js";
import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { requirePositiveInteger } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { CosineAnnealingLR } from "../schedulers/cosineAnnealingLR.js";
import { LinearLR } from "../schedulers/linearLR.js";
import { SequentialLR } from "../schedulers/sequentialLR.js";

/** Options of {@link linearWarmupCosine}. */
export interface LinearWarmupCosineOptions {
  /** Steps of linear warmup (a positive integer). */
  warmupSteps: number;
  /** Total steps; the cosine decay takes the `totalSteps - warmupSteps` after the warmup. */
  totalSteps: number;
  /** The warmup's first factor of the base lr, in `(0, 1]`. Default `0.01`. */
  warmupStartFactor?: number;
  /** The lr the cosine reaches at `totalSteps`. Default `0`. */
  etaMin?: number;
}

/** The keys linearWarmupCosine's options take. */
const OPTIONS = optionKeys<LinearWarmupCosineOptions>()(
  "warmupSteps",
  "totalSteps",
  "warmupStartFactor",
  "etaMin",
);

/**
 * Linear warmup then cosine decay, built from the standard pieces:
 * `SequentialLR([LinearLR(startFactor, warmupSteps), CosineAnnealingLR(totalSteps - warmupSteps, etaMin)], [warmupSteps])`.
 *
 * @example
 * ```ts
 * previewSchedule((o) => linearWarmupCosine(o, { warmupSteps: 3, totalSteps: 8, warmupStartFactor: 0.1 }), { steps: 8, lrs: [1] });
 * // step 0: 0.1                  step 5: 0.6545084971874737
 * // step 1: 0.39999999999999997  step 6: 0.3454915028125263
 * // step 2: 0.7                  step 7: 0.09549150281252632
 * // step 3: 1                    step 8: 0
 * // step 4: 0.9045084971874737
 * ```
 */
export function linearWarmupCosine(
  optimizer: OptimizerLike,
  options: LinearWarmupCosineOptions,
): SequentialLR {
  rejectUnknownOptions("linearWarmupCosine", options, OPTIONS);
  const warmupSteps = requirePositiveInteger("warmupSteps", options.warmupSteps);
  const totalSteps = requirePositiveInteger("totalSteps", options.totalSteps);
  if (warmupSteps >= totalSteps) {
    throw new SchedulerError(
      `linearWarmupCosine expects warmupSteps < totalSteps (the cosine decay takes totalSteps - warmupSteps steps), but got warmupSteps ${warmupSteps} and totalSteps ${totalSteps}`,
    );
  }
  const warmup = new LinearLR(optimizer, {
    startFactor: options.warmupStartFactor ?? 0.01,
    totalIters: warmupSteps,
  });
  const decay = new CosineAnnealingLR(optimizer, {
    tMax: totalSteps - warmupSteps,
    etaMin: options.etaMin ?? 0,
  });
  return new SequentialLR(optimizer, { schedulers: [warmup, decay], milestones: [warmupSteps] });
}
