import { type OptimizerLike, type Scheduler, SchedulerError } from "@kindling/lr-scheduler";
import { UserError } from "../errors.js";
import { findOption, resolveOptions } from "../options/optionSpec.js";
import {
  type ComponentSpec,
  parseAssignment,
  parseSpec,
  type RawValue,
} from "../options/rawValue.js";
import { didYouMean } from "../util/nearest.js";
import { findScheduler, SCHEDULERS, type SchedulerEntry } from "./catalog.js";

/** True when `name` names a scheduler (so that `Name(` starts a nested scheduler in a spec). */
export function isSchedulerName(name: string): boolean {
  return findScheduler(name) !== undefined;
}

/**
 * The scheduler named `name`.
 * @throws UserError naming the nearest scheduler when there is none of that name.
 */
export function schedulerEntry(name: string): SchedulerEntry {
  const entry = findScheduler(name);
  if (entry !== undefined) return entry;
  const names = SCHEDULERS.map((s) => s.name);
  throw new UserError(
    `unknown scheduler "${name}"${didYouMean(name, names)}; \`kindling schedule --list\` lists them all`,
  );
}

/** A scheduler specification from its name and `--set key=value` assignments. */
export function specFromSets(name: string, sets: readonly string[]): ComponentSpec {
  const options: [string, RawValue][] = sets.map((s) => parseAssignment(s, isSchedulerName));
  return { name, options };
}

/** A scheduler specification from text such as `StepLR(stepSize=10, gamma=0.5)`. */
export function specFromText(text: string): ComponentSpec {
  return parseSpec(text, isSchedulerName);
}

/**
 * Builds the scheduler `spec` describes on `optimizer` (nested schedulers on the same optimizer).
 * @throws UserError for an unknown scheduler or option, a value of the wrong type, or a value the
 * package rejects (its message states the valid range).
 */
export function buildScheduler(spec: ComponentSpec, optimizer: OptimizerLike): Scheduler {
  const entry = schedulerEntry(spec.name);
  const options = resolveOptions(entry.name, entry.options, spec.options, (nested) =>
    buildScheduler(nested, optimizer),
  );
  try {
    return entry.build(optimizer, options);
  } catch (error) {
    if (error instanceof SchedulerError) {
      throw new UserError(`${entry.name}: ${error.message.split("\n")[0]}`);
    }
    throw error;
  }
}

/**
 * Checks a specification without an optimizer of the caller's (builds it on a throwaway one).
 * @throws UserError as {@link buildScheduler}.
 */
export function checkSchedulerSpec(spec: ComponentSpec, lr = 0.1): void {
  buildScheduler(spec, { paramGroups: [{ lr, momentum: 0.9 }], defaults: { momentum: 0.9 } });
}

/**
 * The specification with the catalogue's spelling: the scheduler's exported name and each option's
 * camelCase name (`step_size` becomes `stepSize`), nested schedulers included. Unknown names are
 * kept as written (building reports them).
 */
export function canonicalSpec(spec: ComponentSpec): ComponentSpec {
  const entry = findScheduler(spec.name);
  if (entry === undefined) return spec;
  const canonical = (value: RawValue): RawValue => {
    if (value.kind === "call") return { kind: "call", spec: canonicalSpec(value.spec) };
    if (value.kind === "list") return { kind: "list", items: value.items.map(canonical) };
    return value;
  };
  return {
    name: entry.name,
    options: spec.options.map(([key, value]) => [
      findOption(entry.options, key)?.name ?? key,
      canonical(value),
    ]),
  };
}
