import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StateDict, StateValue } from "../base/state.js";
import type { OptimizerLike, ParamGroupLike } from "../optimizerLike.js";

/** One PyTorch run from scripts/torch/gen_lr_scheduler.py. */
export interface FixtureCase {
  name: string;
  scheduler: string;
  optimizer: "sgd" | "adam" | "adagrad";
  groups: Record<string, StateValue>[];
  kwargs?: Record<string, StateValue>;
  children?: { scheduler: string; kwargs?: Record<string, StateValue> }[];
  steps: number;
  lrs: number[][];
  momenta?: number[][];
  states: Record<string, StateDict>;
  metrics?: number[];
  epochs?: number[];
  error?: { step: number; type: string; message: string };
}

/** One PyTorch error from the generator's ERRORS list. */
export interface ErrorCase {
  name: string;
  scheduler: string;
  optimizer: "sgd" | "adam" | "adagrad";
  groups: Record<string, StateValue>[];
  kwargs: Record<string, StateValue>;
  children?: { scheduler: string; kwargs?: Record<string, StateValue> }[];
  other_optimizer_child?: number;
  epoch?: number;
  at: "construct" | "step";
  type: string;
  message: string;
}

const folder = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** Reads `fixtures/<name>.json`. */
export function loadFixture<T = FixtureCase>(name: string): T[] {
  const payload = JSON.parse(readFileSync(`${folder}${name}.json`, "utf8")) as {
    data: { cases: T[] };
  };
  return payload.data.cases;
}

/** A plain-object optimizer with the fixture's groups (SGD: `momentum`; Adam: `betas`). */
export function makeOptimizer(
  kind: FixtureCase["optimizer"],
  groups: readonly Record<string, StateValue>[],
): OptimizerLike & { steps: number } {
  const defaults: Record<string, unknown> =
    kind === "sgd"
      ? { lr: 0.1, momentum: 0.9 }
      : kind === "adam"
        ? { lr: 0.1, betas: [0.9, 0.999] }
        : { lr: 0.1 };
  const paramGroups = groups.map((g) => {
    const group: ParamGroupLike = { ...defaults, ...structuredClone(g) } as ParamGroupLike;
    return group;
  });
  const optimizer = {
    paramGroups,
    defaults,
    steps: 0,
    step() {
      optimizer.steps += 1;
    },
  };
  return optimizer;
}

/** The momentum (SGD) or beta1 (Adam) of every group. */
export function momentaOf(optimizer: OptimizerLike, kind: FixtureCase["optimizer"]): number[] {
  return optimizer.paramGroups.map((g) =>
    kind === "adam" ? (g["betas"] as number[])[0]! : (g["momentum"] as number),
  );
}

/** `|a - b| / max(|a|, |b|)`, 0 when equal. */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** A state dict as JSON writes it (Infinity as a string, as the fixtures have it). */
export function asJson(state: StateDict): unknown {
  return JSON.parse(
    JSON.stringify(state, (_key, value: unknown) =>
      typeof value === "number" && !Number.isFinite(value)
        ? Number.isNaN(value)
          ? "NaN"
          : value > 0
            ? "Infinity"
            : "-Infinity"
        : value,
    ),
  );
}

/** The worst relative error seen per fixture file, printed at the end of the suite. */
export const worst = new Map<string, number>();

/** Records `error` for `file`. */
export function note(file: string, error: number): void {
  worst.set(file, Math.max(worst.get(file) ?? 0, error));
}
