import { previewSchedule, SchedulerError } from "@kindling/lr-scheduler";
import { UserError } from "../../errors.js";
import type { ComponentSpec } from "../../options/rawValue.js";
import { formatSpec } from "../../options/rawValue.js";
import { buildScheduler, canonicalSpec, schedulerEntry } from "../../schedulers/build.js";

/** One scheduler's lr curve. */
export interface ScheduleCurve {
  /** The scheduler's specification, as a label: `StepLR(stepSize=10, gamma=0.5)`. */
  readonly label: string;
  /** The scheduler's name. */
  readonly scheduler: string;
  /** The lr in force during each step: index 0 before any `step()`, then after each. */
  readonly lr: number[];
}

/** The metric ReduceLROnPlateau sees at each step: `metrics`, its last value repeated. */
function metricsFor(metrics: readonly number[], steps: number): number[] {
  const source = metrics.length === 0 ? [1] : metrics;
  return Array.from({ length: steps }, (_, i) => source[Math.min(i, source.length - 1)]!);
}

/**
 * The lr curve of the scheduler `spec` describes, over `steps` steps from lr `lr`, without a model:
 * `previewSchedule` on a plain optimizer. ReduceLROnPlateau is stepped with `metrics` (default a
 * constant 1, a plateau, so the lr drops every `patience + 1` steps).
 * @throws UserError for any invalid specification or a schedule that cannot take that many steps.
 */
export function scheduleCurve(
  spec: ComponentSpec,
  steps: number,
  lr: number,
  metrics: readonly number[],
): ScheduleCurve {
  const entry = schedulerEntry(spec.name);
  const named = canonicalSpec(spec);
  let rows: number[][];
  try {
    rows = previewSchedule((o) => buildScheduler(named, o), {
      steps,
      lrs: [lr],
      ...(entry.plateau === true ? { metrics: metricsFor(metrics, steps) } : {}),
    });
  } catch (error) {
    if (error instanceof SchedulerError) {
      throw new UserError(`${entry.name}: ${error.message.split("\n")[0]}`);
    }
    throw error;
  }
  return { label: formatSpec(named), scheduler: entry.name, lr: rows.map((r) => r[0]!) };
}
