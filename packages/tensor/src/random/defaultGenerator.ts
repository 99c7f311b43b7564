import { Generator } from "./generator.js";

/**
 * The generator every random function uses when none is given (`torch.default_generator`).
 *
 * It starts from PyTorch's `default_rng_seed_val` (67280421310721), so a program that never
 * seeds still runs the same way twice. (PyTorch seeds its own default generator from the
 * operating system at startup, so no PyTorch program can depend on its unseeded stream.)
 */
export const defaultGenerator: Generator = new Generator();

/**
 * Seeds the default generator (`torch.manual_seed`) and returns it.
 *
 * @param seed An integer in [-2^63, 2^64); negative values are taken as two's complement.
 * @throws RangeError when `seed` is not such an integer.
 * @example
 * ```ts
 * manualSeed(42);
 * const out = fillUniform(defaultGenerator, new Float32Array(2)); // torch.rand(2)
 * // out: [0.8822692632675171, 0.9150039553642273]
 * ```
 */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/**
 * Seeds the default generator non-deterministically (`torch.seed`) and returns the seed.
 */
export function seed(): bigint {
  return defaultGenerator.seed();
}

/** The default generator's 64-bit seed (`torch.initial_seed`). */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/**
 * The default generator's state (`torch.get_rng_state`): PyTorch's 5056-byte layout, so it can
 * be saved beside a checkpoint or loaded into PyTorch with `torch.set_rng_state`.
 */
export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

/**
 * Restores the default generator's state (`torch.set_rng_state`) from {@link getRngState} or
 * PyTorch's `torch.get_rng_state()` bytes.
 *
 * @throws RangeError for bytes of the wrong size or an invalid state.
 */
export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}
