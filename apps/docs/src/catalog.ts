import { ANNEALING_SCHEDULERS } from "./catalog/annealing.js";
import { COMPOSITE_SCHEDULERS } from "./catalog/composite.js";
import { CYCLIC_SCHEDULERS } from "./catalog/cyclic.js";
import { FACTOR_SCHEDULERS } from "./catalog/factor.js";
import type { CatalogEntry } from "./catalog/fields.js";
import { PRESETS } from "./catalog/presets.js";
import type { OptionValues } from "./options.js";

export type { CatalogEntry } from "./catalog/fields.js";

/** Every scheduler and preset of `@kindling/lr-scheduler`, in the order the gallery shows them. */
export const CATALOG: readonly CatalogEntry[] = [
  ...FACTOR_SCHEDULERS,
  ...ANNEALING_SCHEDULERS,
  ...CYCLIC_SCHEDULERS,
  ...COMPOSITE_SCHEDULERS,
  ...PRESETS,
];

/** The catalog entry named `name`, if any. */
export function findEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}

/** The starting values of `entry`'s options. */
export function initialValues(entry: CatalogEntry): OptionValues {
  return Object.fromEntries(entry.options.map((field) => [field.name, field.initial]));
}
