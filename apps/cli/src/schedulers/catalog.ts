import {
  findSchedulerInfo,
  type OptimizerLike,
  SCHEDULER_CATALOG,
  type Scheduler,
  type SchedulerInfo,
  type SchedulerOption,
} from "@kindling/lr-scheduler";
import type { OptionSpec, OptionType } from "../options/optionSpec.js";

/** A scheduler the CLI can build: its name, options and constructor. */
export interface SchedulerEntry {
  /** The name exported by `@kindling/lr-scheduler` (PyTorch's class name). */
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  /** Its options, as the package's options object names them. */
  readonly options: readonly OptionSpec[];
  /** True for ReduceLROnPlateau, stepped with a metric. */
  readonly plateau?: boolean;
  /** Builds it on `optimizer` from resolved options. */
  build(optimizer: OptimizerLike, options: Record<string, unknown>): Scheduler;
}

function formatDefault(value: SchedulerOption["default"]): string {
  if (value === null) return "None";
  if (typeof value === "number" && !Number.isInteger(value) && value.toString().length > 8) {
    return Number(value.toPrecision(4)).toString();
  }
  return String(value);
}

/** An option of the package's catalog as the CLI reads it (its `schedulers` are components). */
function optionSpec(option: SchedulerOption, preset: boolean): OptionSpec {
  const kind: OptionType = option.kind.type === "schedulers" ? { type: "components" } : option.kind;
  const doc = option.required
    ? option.doc
    : `${option.doc}, default ${formatDefault(option.default)}`;
  return {
    name: option.name,
    torch: option.torch,
    kind,
    ...(option.required ? { required: true } : {}),
    ...(preset ? { kindlingOnly: true } : {}),
    doc,
  };
}

function entry(info: SchedulerInfo): SchedulerEntry {
  return {
    name: info.name,
    doc: info.kind === "preset" ? `preset: ${info.doc}` : info.doc,
    options: info.options.map((o) => optionSpec(o, info.kind === "preset")),
    ...(info.stepArgument === "metric" ? { plateau: true } : {}),
    build: (optimizer, options) => info.create(optimizer, options),
  };
}

/** Every scheduler and preset of `@kindling/lr-scheduler` (its `SCHEDULER_CATALOG`), by name. */
export const SCHEDULERS: readonly SchedulerEntry[] = SCHEDULER_CATALOG.map(entry);

/** The scheduler named `name` (case ignored), if any. */
export function findScheduler(name: string): SchedulerEntry | undefined {
  const info = findSchedulerInfo(name);
  return info === undefined ? undefined : SCHEDULERS.find((s) => s.name === info.name);
}
