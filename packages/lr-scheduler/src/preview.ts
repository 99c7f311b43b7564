import { SchedulerError } from "./base/errors.js";
import type { Scheduler } from "./base/scheduler.js";
import type { OptimizerLike, ParamGroupLike } from "./optimizerLike.js";

/** Options of {@link previewSchedule}. */
export interface PreviewOptions {
  /** How many `step()` calls to take after construction. */
  steps: number;
  /** The initial lr of each param group (one group per entry). Default `[0.1]`. */
  lrs?: readonly number[];
  /** Extra keys for every group, e.g. `{ momentum: 0.9 }` for CyclicLR and OneCycleLR. Default `{ momentum: 0.9 }`. */
  group?: Readonly<Record<string, unknown>>;
  /** Metrics for ReduceLROnPlateau, one per step. */
  metrics?: readonly number[];
}

/**
 * The lr curve of any scheduler without a model or a real optimizer: builds a plain
 * {@link OptimizerLike} with one group per entry of `lrs`, hands it to `factory`, and records every
 * group's lr after construction and after each of `steps` steps (the optimizer "steps" first, as in
 * training). Row `i` holds the lrs in force during epoch `i`.
 *
 * @example
 * ```ts
 * previewSchedule((o) => new StepLR(o, { stepSize: 2, gamma: 0.5 }), { steps: 4, lrs: [1] });
 * // [[1], [1], [0.5], [0.5], [0.25]]
 * ```
 */
export function previewSchedule(
  factory: (optimizer: OptimizerLike) => Scheduler,
  options: PreviewOptions,
): number[][] {
  const { steps, lrs = [0.1], group = { momentum: 0.9 }, metrics } = options;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new SchedulerError(`Expected non-negative integer steps, but got ${steps}`);
  }
  const optimizer: OptimizerLike = {
    paramGroups: lrs.map((lr): ParamGroupLike => ({ ...group, lr })),
    defaults: { ...group },
    step() {},
  };
  const scheduler = factory(optimizer) as Scheduler & { step(metric?: number): void };
  const rows = [optimizer.paramGroups.map((g) => g.lr)];
  for (let i = 0; i < steps; i++) {
    optimizer.step?.();
    if (metrics !== undefined) {
      const metric = metrics[i];
      if (metric === undefined) throw new SchedulerError(`metrics has no value for step ${i + 1}`);
      scheduler.step(metric);
    } else {
      scheduler.step();
    }
    rows.push(optimizer.paramGroups.map((g) => g.lr));
  }
  return rows;
}
