import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { requireNonNegativeInteger, requirePositiveInteger } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { ConstantLR } from "../schedulers/constantLR.js";
import { LinearLR } from "../schedulers/linearLR.js";
import { SequentialLR } from "../schedulers/sequentialLR.js";

/** Options of {@link warmupStableDecay}. */
export interface WarmupStableDecayOptions {
  /** Steps of linear warmup (a positive integer). */
  warmupSteps: number;
  /** Steps at the base lr after the warmup. */
  stableSteps: number;
  /** Steps of linear decay after the stable phase (a positive integer). */
  decaySteps: number;
  /** The warmup's first factor of the base lr, in `(0, 1]`. Default `0.01`. */
  warmupStartFactor?: number;
  /** The factor of the base lr reached at the end of the decay, in `[0, 1]`. Default `0`. */
  endFactor?: number;
}

/** The keys warmupStableDecay's options take. */
const OPTIONS = optionKeys<WarmupStableDecayOptions>()(
  "warmupSteps",
  "stableSteps",
  "decaySteps",
  "warmupStartFactor",
  "endFactor",
);

/**
 * Warmup-stable-decay (WSD): linear warmup, a plateau at the base lr, then a linear decay:
 * `SequentialLR([LinearLR(start, warmup), ConstantLR(1, 0), LinearLR(1 -> end, decay)],
 * [warmup, warmup + stable])`.
 *
 * @example
 * ```ts
 * previewSchedule((o) => warmupStableDecay(o, { warmupSteps: 2, stableSteps: 2, decaySteps: 2, warmupStartFactor: 0.5 }), { steps: 7, lrs: [1] });
 * // step: 0    1     2  3  4  5    6  7
 * // lr:   0.5  0.75  1  1  1  0.5  0  0
 * ```
 */
export function warmupStableDecay(
  optimizer: OptimizerLike,
  options: WarmupStableDecayOptions,
): SequentialLR {
  rejectUnknownOptions("warmupStableDecay", options, OPTIONS);
  const warmupSteps = requirePositiveInteger("warmupSteps", options.warmupSteps);
  const stableSteps = requireNonNegativeInteger("stableSteps", options.stableSteps);
  const decaySteps = requirePositiveInteger("decaySteps", options.decaySteps);
  const warmup = new LinearLR(optimizer, {
    startFactor: options.warmupStartFactor ?? 0.01,
    totalIters: warmupSteps,
  });
  const stable = new ConstantLR(optimizer, { factor: 1, totalIters: 0 });
  const decay = new LinearLR(optimizer, {
    startFactor: 1,
    endFactor: options.endFactor ?? 0,
    totalIters: decaySteps,
  });
  return new SequentialLR(optimizer, {
    schedulers: [warmup, stable, decay],
    milestones: [warmupSteps, warmupSteps + stableSteps],
  });
}
