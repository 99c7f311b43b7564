import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { requirePositiveInteger } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { LinearLR } from "../schedulers/linearLR.js";
import { SequentialLR } from "../schedulers/sequentialLR.js";
import { StepLR } from "../schedulers/stepLR.js";

/** Options of {@link linearWarmupStep}. */
export interface LinearWarmupStepOptions {
  /** Steps of linear warmup (a positive integer). */
  warmupSteps: number;
  /** After the warmup, the lr is multiplied by `gamma` every `stepSize` steps. */
  stepSize: number;
  /** Decay factor. Default `0.1`. */
  gamma?: number;
  /** The warmup's first factor of the base lr, in `(0, 1]`. Default `0.01`. */
  warmupStartFactor?: number;
}

/** The keys linearWarmupStep's options take. */
const OPTIONS = optionKeys<LinearWarmupStepOptions>()(
  "warmupSteps",
  "stepSize",
  "gamma",
  "warmupStartFactor",
);

/**
 * Linear warmup then step decay:
 * `SequentialLR([LinearLR(startFactor, warmupSteps), StepLR(stepSize, gamma)], [warmupSteps])`.
 *
 * @example
 * ```ts
 * previewSchedule((o) => linearWarmupStep(o, { warmupSteps: 2, stepSize: 2, gamma: 0.5, warmupStartFactor: 0.5 }), { steps: 7, lrs: [1] });
 * // step: 0    1     2  3  4    5    6     7
 * // lr:   0.5  0.75  1  1  0.5  0.5  0.25  0.25
 * ```
 */
export function linearWarmupStep(
  optimizer: OptimizerLike,
  options: LinearWarmupStepOptions,
): SequentialLR {
  rejectUnknownOptions("linearWarmupStep", options, OPTIONS);
  const warmupSteps = requirePositiveInteger("warmupSteps", options.warmupSteps);
  const warmup = new LinearLR(optimizer, {
    startFactor: options.warmupStartFactor ?? 0.01,
    totalIters: warmupSteps,
  });
  const decay = new StepLR(optimizer, { stepSize: options.stepSize, gamma: options.gamma ?? 0.1 });
  return new SequentialLR(optimizer, {
    schedulers: [warmup, decay],
    milestones: [warmupSteps],
  });
}
