import type { OptimizerLike } from "../optimizerLike.js";
import { SchedulerError } from "./errors.js";

/** Throws PyTorch's "Expected positive integer <name>, but got <value>" unless `value` is one. */
export function requirePositiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new SchedulerError(`Expected positive integer ${name}, but got ${value}`);
  }
  return value;
}

/** Throws "Expected non-negative integer <name>, but got <value>" unless `value` is one. */
export function requireNonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new SchedulerError(`Expected non-negative integer ${name}, but got ${value}`);
  }
  return value;
}

/** Throws "Expected finite number <name>, but got <value>" unless `value` is finite. */
export function requireFinite(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SchedulerError(`Expected finite number ${name}, but got ${value}`, "TypeError");
  }
  return value;
}

/**
 * PyTorch's `_format_param`: one value for every param group, from a scalar or a list of one per
 * group ("expected 2 values for max_lr, got 3" otherwise).
 */
export function perGroup(
  name: string,
  optimizer: OptimizerLike,
  value: number | readonly number[],
): number[] {
  const groups = optimizer.paramGroups.length;
  if (typeof value === "number") return new Array<number>(groups).fill(value);
  if (value.length !== groups) {
    throw new SchedulerError(`expected ${groups} values for ${name}, got ${value.length}`);
  }
  return [...value];
}
