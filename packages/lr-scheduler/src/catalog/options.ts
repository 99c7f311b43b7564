import type { OptionDefault, OptionKind, SchedulerOption } from "./schedulerInfo.js";

/** PyTorch's keyword for a camelCase option name (`stepSize` → `step_size`). */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type Extra = { torch?: string; min?: number; max?: number };

/** An optional option with PyTorch's default. */
export function optional(
  name: string,
  kind: OptionKind,
  dflt: OptionDefault,
  doc: string,
  extra: Extra = {},
): SchedulerOption {
  return {
    name,
    torch: extra.torch ?? snakeCase(name),
    kind,
    required: false,
    default: dflt,
    doc,
    ...bounds(extra),
  };
}

/** A required option. */
export function required(
  name: string,
  kind: OptionKind,
  doc: string,
  extra: Extra = {},
): SchedulerOption {
  return {
    name,
    torch: extra.torch ?? snakeCase(name),
    kind,
    required: true,
    doc,
    ...bounds(extra),
  };
}

function bounds(extra: Extra): { min?: number; max?: number } {
  return {
    ...(extra.min === undefined ? {} : { min: extra.min }),
    ...(extra.max === undefined ? {} : { max: extra.max }),
  };
}

/** The kinds, by name. */
export const KIND = {
  number: { type: "number" },
  integer: { type: "integer" },
  boolean: { type: "boolean" },
  numbers: { type: "numbers" },
  integers: { type: "integers" },
  schedulers: { type: "schedulers" },
  anneal: { type: "enum", values: ["cos", "linear"] },
  epoch: { type: "expression", variable: "epoch" },
} as const satisfies Record<string, OptionKind>;
