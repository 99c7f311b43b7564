import type { OptimizerLike, Scheduler } from "@kindling/lr-scheduler";
import type { OptionField, OptionValues } from "../options.js";

/** A scheduler (or preset) the gallery draws and the playground edits. */
export interface CatalogEntry {
  /** The name `@kindling/lr-scheduler` exports. */
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  readonly options: readonly OptionField[];
  /** Builds it on `optimizer` from `values` (every option present). */
  build(optimizer: OptimizerLike, values: OptionValues): Scheduler;
  /** For ReduceLROnPlateau: the metric fed to each `step()`. */
  metrics?(steps: number, values: OptionValues): number[];
}

export const number = (min?: number, max?: number, step?: number) =>
  ({ type: "number", min, max, step }) as const;
export const integer = (min?: number, max?: number) => ({ type: "integer", min, max }) as const;
export const anneal = { type: "enum", values: ["cos", "linear"] } as const;
export const epochExpression = { type: "expression", variable: "epoch" } as const;

export const gamma = (initial: number): OptionField => ({
  name: "gamma",
  kind: number(0, 1, 0.01),
  initial,
  doc: "multiplicative factor of decay",
});
export const etaMin: OptionField = {
  name: "etaMin",
  kind: number(0, undefined, 0.001),
  initial: 0,
  doc: "minimum lr",
};
export const warmupSteps: OptionField = {
  name: "warmupSteps",
  kind: integer(1),
  initial: 10,
  doc: "steps of linear warmup",
};
export const warmupStartFactor: OptionField = {
  name: "warmupStartFactor",
  kind: number(0, 1, 0.01),
  initial: 0.01,
  doc: "the warmup's first factor of the base lr, in (0, 1]",
};
