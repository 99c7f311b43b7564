import type { OptimizerLike } from "../optimizerLike.js";

/**
 * Counts `optimizer.step()` calls the way PyTorch does (it wraps `optimizer.step` with a counter),
 * so a scheduler can tell whether the optimizer stepped before its own first step. The count lives
 * in a WeakMap, not on the optimizer.
 */
const counts = new WeakMap<object, { steps: number }>();
const WRAPPED: unique symbol = Symbol("kindling.stepCounter");

type Wrapped = ((...args: never[]) => unknown) & { [WRAPPED]?: true };

/** Wraps `optimizer.step` once (when it has one); later calls leave the wrapper in place. */
export function attachStepCounter(optimizer: OptimizerLike): void {
  const step = optimizer.step as Wrapped | undefined;
  if (typeof step !== "function" || step[WRAPPED]) return;
  const record = counts.get(optimizer) ?? { steps: 0 };
  counts.set(optimizer, record);
  const wrapper: Wrapped = function (this: unknown, ...args: never[]) {
    record.steps += 1;
    return step.apply(this, args);
  };
  wrapper[WRAPPED] = true;
  Reflect.set(optimizer, "step", wrapper);
}

/** PyTorch's `optimizer._step_count = 0` in `_initial_step`. */
export function resetStepCount(optimizer: OptimizerLike): void {
  const record = counts.get(optimizer);
  if (record !== undefined) record.steps = 0;
}

/**
 * What PyTorch's check at the scheduler's second step finds: `"untracked"` when the optimizer has no
 * `step` (nothing to check), `"overridden"` when `step` is no longer the wrapper, otherwise
 * `"stepped"` or `"not-stepped"`.
 */
export function optimizerStepState(
  optimizer: OptimizerLike,
): "untracked" | "overridden" | "stepped" | "not-stepped" {
  const record = counts.get(optimizer);
  if (record === undefined) return "untracked";
  const step = optimizer.step as Wrapped | undefined;
  if (typeof step !== "function" || !step[WRAPPED]) return "overridden";
  return record.steps < 1 ? "not-stepped" : "stepped";
}
