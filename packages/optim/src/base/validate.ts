import { OptimizerError } from "./optimizerError.js";

function describe(value: unknown): string {
  if (typeof value === "string") return `the string '${value}'`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array ([${value.join(", ")}])`;
  return `a ${typeof value} (${String(value)})`;
}

/** Throws unless `value` is a number (a string such as `"0.1"` is refused, as PyTorch refuses it). */
function requireNumber(what: string, value: unknown): asserts value is number {
  if (typeof value !== "number") {
    throw new OptimizerError(`Invalid ${what}: expected a number, but got ${describe(value)}`);
  }
}

/** Throws PyTorch's `Invalid <what>: <value>` unless `value >= 0` (NaN and non-numbers are refused too). */
export function requireNonNegative(what: string, value: number): void {
  requireNumber(what, value);
  if (!(value >= 0)) throw new OptimizerError(`Invalid ${what}: ${value}`);
}

/** Throws PyTorch's `Invalid <what>: <value>` unless `0 <= value <= 1` (and a number). */
export function requireUnit(what: string, value: number): void {
  requireNumber(what, value);
  if (!(value >= 0 && value <= 1)) throw new OptimizerError(`Invalid ${what}: ${value}`);
}

/**
 * Checks Adam-style betas: a pair, each a number in [0, 1), with PyTorch's message naming the
 * index (a one-element `[0.9]` is refused at index 1 instead of giving NaN at the first step).
 */
export function requireBetas(betas: readonly [number, number]): void {
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new OptimizerError(
      `Invalid beta parameter at index ${Array.isArray(betas) ? Math.min(betas.length, 1) : 0}: betas must be a pair [beta1, beta2], but got ${describe(betas)}`,
    );
  }
  betas.forEach((beta, index) => {
    requireNumber(`beta parameter at index ${index}`, beta);
    if (!(beta >= 0 && beta < 1)) {
      throw new OptimizerError(`Invalid beta parameter at index ${index}: ${beta}`);
    }
  });
}

/** Throws PyTorch's message when a group has no value for a required hyper-parameter (`lr` of SGD). */
export function requirePresent(key: string, value: unknown): void {
  if (value === undefined) {
    throw new OptimizerError(
      `parameter group didn't specify a value of required optimization parameter ${key}`,
    );
  }
}
