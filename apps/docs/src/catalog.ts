import {
  findSchedulerInfo,
  type OptimizerLike,
  SCHEDULER_CATALOG,
  type Scheduler,
  type SchedulerInfo,
  type SchedulerOption,
} from "@kindling/lr-scheduler";
import { formatNested, type NestedScheduler, parseNested } from "./nested.js";
import type { OptionField, OptionKind, OptionValue, OptionValues } from "./options.js";

/**
 * A scheduler (or preset) the gallery draws and the playground edits: an entry of
 * `@kindling/lr-scheduler`'s own `SCHEDULER_CATALOG` (names, options, PyTorch's defaults, bounds,
 * a drawable example, the constructor), seen as the playground's form.
 */
export interface CatalogEntry {
  /** The name `@kindling/lr-scheduler` exports. */
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  /** The options the page edits: all of the scheduler's (nested schedulers as text). */
  readonly options: readonly OptionField[];
  /** Builds it on `optimizer` from `values`. */
  build(optimizer: OptimizerLike, values: OptionValues): Scheduler;
  /** For schedulers stepped with a metric (ReduceLROnPlateau): the metric of each `step()`. */
  metrics?(steps: number, values: OptionValues): number[];
}

/** The playground's metric for ReduceLROnPlateau: a loss that improves until `plateauAt`. */
const plateauAt: OptionField = {
  name: "plateauAt",
  kind: { type: "integer", min: 1 },
  initial: 30,
  required: true,
  doc: "(the playground's loss, fed to step(): it stops improving at this epoch)",
};

function kindOf(option: SchedulerOption): OptionKind {
  const bounds = { min: option.min, max: option.max };
  switch (option.kind.type) {
    case "number":
    case "numbers": // one param group: one number
      return { type: "number", ...bounds };
    case "integer":
      return { type: "integer", ...bounds };
    case "boolean":
    case "integers":
      return { type: option.kind.type };
    case "enum":
      return { type: "enum", values: option.kind.values };
    case "expression":
      return { type: "expression", variable: option.kind.variable };
    case "schedulers":
      return { type: "schedulers" };
  }
}

function fieldOf(option: SchedulerOption, example: Readonly<Record<string, unknown>>): OptionField {
  const fromExample =
    option.kind.type === "schedulers"
      ? formatNested(example[option.name] as readonly NestedScheduler[])
      : example[option.name];
  const initial = (fromExample ?? (option.default === null ? undefined : option.default)) as
    | OptionValue
    | undefined;
  return {
    name: option.name,
    kind: kindOf(option),
    ...(initial === undefined ? {} : { initial }),
    required: option.required,
    doc: option.doc,
  };
}

function entryOf(info: SchedulerInfo): CatalogEntry {
  const fields = info.options.map((o) => fieldOf(o, info.example));
  const metric = info.stepArgument === "metric";
  return {
    name: info.name,
    doc: info.doc,
    options: metric ? [...fields, plateauAt] : fields,
    build(optimizer, values) {
      const { plateauAt: _ignored, schedulers: text, ...options } = values;
      if (typeof text !== "string") return info.create(optimizer, options);
      // Nested schedulers are built first, on the same optimizer.
      const schedulers = (parseNested(text) ?? []).map((n) =>
        findSchedulerInfo(n.name)!.create(optimizer, n.options),
      );
      return info.create(optimizer, { ...options, schedulers });
    },
    ...(metric
      ? {
          metrics: (steps: number, values: OptionValues) => {
            const flat = Number(values["plateauAt"] ?? plateauAt.initial);
            return Array.from({ length: steps }, (_, i) => 1 / (1 + Math.min(i, flat)));
          },
        }
      : {}),
  };
}

/** Every scheduler and preset of `@kindling/lr-scheduler`, in its catalog's order. */
export const CATALOG: readonly CatalogEntry[] = SCHEDULER_CATALOG.map(entryOf);

/** The catalog entry named `name`, if any. */
export function findEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}

/** The starting values of `entry`'s options (the catalog's example, then PyTorch's defaults). */
export function initialValues(entry: CatalogEntry): OptionValues {
  return Object.fromEntries(
    entry.options.flatMap((field) =>
      field.initial === undefined ? [] : [[field.name, field.initial]],
    ),
  );
}
