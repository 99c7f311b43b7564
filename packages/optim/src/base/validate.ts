import { OptimizerError } from "./optimizerError.js";

/** Throws PyTorch's `Invalid <what>: <value>` unless `value >= 0` (NaN is refused too). */
export function requireNonNegative(what: string, value: number): void {
  if (!(value >= 0)) throw new OptimizerError(`Invalid ${what}: ${value}`);
}

/** Throws PyTorch's `Invalid <what>: <value>` unless `0 <= value <= 1`. */
export function requireUnit(what: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new OptimizerError(`Invalid ${what}: ${value}`);
}

/** Checks Adam-style betas: each in [0, 1), with PyTorch's message naming the index. */
export function requireBetas(betas: readonly [number, number]): void {
  betas.forEach((beta, index) => {
    if (!(beta >= 0 && beta < 1)) {
      throw new OptimizerError(`Invalid beta parameter at index ${index}: ${beta}`);
    }
  });
}
