import { CATALOG, type CatalogEntry, findEntry, initialValues } from "./catalog.js";
import type { CurveSettings, ScheduleSpec } from "./curve.js";
import { formatOption, type OptionValue, parseOption } from "./options.js";

/** Everything the playground shows: the settings, schedule `a`, and `b` when comparing. */
export interface PlaygroundState extends CurveSettings {
  readonly a: ScheduleSpec;
  readonly b: ScheduleSpec | null;
}

/** The playground with nothing chosen: StepLR over 100 epochs from lr 0.1. */
export const DEFAULT_STATE: PlaygroundState = {
  lr: 0.1,
  steps: 100,
  a: specOf(findEntry("StepLR") ?? CATALOG[0]!),
  b: null,
};

/** `entry` with its starting values. */
export function specOf(entry: CatalogEntry): ScheduleSpec {
  return { name: entry.name, values: initialValues(entry) };
}

/**
 * The URL query that holds `state`: `lr`, `steps`, then each schedule as its name under `a` / `b`
 * and its options under `a.<option>` / `b.<option>`, e.g. `?lr=0.1&steps=100&a=StepLR&a.stepSize=30`.
 */
export function encodeState(state: PlaygroundState): string {
  const query = new URLSearchParams({ lr: String(state.lr), steps: String(state.steps) });
  const put = (key: "a" | "b", spec: ScheduleSpec) => {
    query.set(key, spec.name);
    for (const field of findEntry(spec.name)?.options ?? []) {
      const value = spec.values[field.name];
      // An option cleared by hand is written empty, so that it does not come back as the initial.
      if (value !== undefined) query.set(`${key}.${field.name}`, formatOption(value));
      else if (field.initial !== undefined) query.set(`${key}.${field.name}`, "");
    }
  };
  put("a", state.a);
  if (state.b !== null) put("b", state.b);
  return query.toString();
}

/** The state a URL query holds; anything missing or invalid takes the default. */
export function decodeState(search: string): PlaygroundState {
  const query = new URLSearchParams(search);
  const positive = (key: string, fallback: number, integer: boolean) => {
    const value = Number(query.get(key) ?? Number.NaN);
    return value > 0 && (!integer || Number.isInteger(value)) ? value : fallback;
  };
  const read = (key: "a" | "b"): ScheduleSpec | null => {
    const entry = findEntry(query.get(key) ?? "");
    if (entry === undefined) return null;
    const values: Record<string, OptionValue> = {};
    for (const field of entry.options) {
      const text = query.get(`${key}.${field.name}`);
      const value =
        text === "" && !field.required
          ? undefined
          : ((text === null ? undefined : parseOption(field.kind, text)) ?? field.initial);
      if (value !== undefined) values[field.name] = value;
    }
    return { name: entry.name, values };
  };
  return {
    lr: positive("lr", DEFAULT_STATE.lr, false),
    steps: Math.min(positive("steps", DEFAULT_STATE.steps, true), 10_000),
    a: read("a") ?? DEFAULT_STATE.a,
    b: read("b"),
  };
}
