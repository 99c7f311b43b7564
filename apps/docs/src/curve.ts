import { previewSchedule } from "@kindling/lr-scheduler";
import { findEntry } from "./catalog.js";
import type { OptionValues } from "./options.js";

/** One schedule: a catalog entry's name and its option values. */
export interface ScheduleSpec {
  readonly name: string;
  readonly values: OptionValues;
}

/** What the curve is drawn over: the initial lr and the number of steps. */
export interface CurveSettings {
  readonly lr: number;
  readonly steps: number;
}

/** A curve (the lr in force during each epoch, 0..steps) or the package's reason for refusing. */
export type CurveResult = { readonly lrs: number[] } | { readonly error: string };

/**
 * The lr curve of `spec`, computed by the real `@kindling/lr-scheduler` (`previewSchedule` on a
 * plain optimizer with one group at `settings.lr`). Invalid options give the package's message.
 */
export function computeCurve(spec: ScheduleSpec, settings: CurveSettings): CurveResult {
  const entry = findEntry(spec.name);
  if (entry === undefined) return { error: `unknown scheduler ${spec.name}` };
  try {
    const metrics = entry.metrics?.(settings.steps, spec.values);
    const rows = previewSchedule((optimizer) => entry.build(optimizer, spec.values), {
      steps: settings.steps,
      lrs: [settings.lr],
      ...(metrics === undefined ? {} : { metrics }),
    });
    return { lrs: rows.map((row) => row[0] ?? Number.NaN) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
