import { createMtState, type MtState, nextUint32, seedMtState } from "./mt19937.js";
import { readState, writeState } from "./state.js";

/** PyTorch's `default_rng_seed_val`: the seed of a `torch.Generator()` made without one. */
export const DEFAULT_SEED = 67280421310721n;

const UINT64_MASK = (1n << 64n) - 1n;

/**
 * Converts a seed as PyTorch accepts it to the unsigned 64-bit value it stores: integers in
 * [-2^63, 2^64), negative ones taken as two's complement (`torch.manual_seed(-1)` stores
 * 2^64 - 1).
 */
function toSeed(seed: number | bigint): bigint {
  if (typeof seed === "number") {
    if (!Number.isInteger(seed)) {
      throw new RangeError(`manualSeed expects an integer seed, but got ${seed}`);
    }
    seed = BigInt(seed);
  }
  if (seed < -(1n << 63n) || seed > UINT64_MASK) {
    throw new RangeError(
      `manualSeed expects a seed in [-2^63, 2^64 - 1] (a 64-bit integer), but got ${seed}`,
    );
  }
  return seed & UINT64_MASK;
}

/** A non-deterministic 64-bit seed from the platform's cryptographic source. */
function nonDeterministicSeed(): bigint {
  const words = new Uint32Array(2);
  // Web Crypto is on globalThis in Node >= 19 and in browsers; typed here so the build needs no DOM lib.
  (
    globalThis as unknown as { crypto: { getRandomValues(a: Uint32Array): Uint32Array } }
  ).crypto.getRandomValues(words);
  return (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
}

/**
 * A pseudo-random number generator identical to PyTorch's CPU generator (`torch.Generator()`,
 * `at::CPUGeneratorImpl`): a 32-bit Mersenne Twister seeded with the low 32 bits of a 64-bit seed,
 * plus the two cached Box-Muller samples PyTorch keeps between `normal_` calls.
 *
 * The same seed gives the same stream as PyTorch, and {@link Generator.getState} produces the
 * bytes of `torch.Generator.get_state()` (5056 bytes), which {@link Generator.setState} accepts
 * back, from either side.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(42);
 * g.random(); // 1608637542, as torch's mt19937 gives for seed 42
 * g.initialSeed(); // 42n
 * ```
 */
export class Generator {
  /**
   * The Mersenne Twister state; the fill functions draw from it directly.
   *
   * @internal
   */
  readonly mt: MtState;
  private seed64: bigint;
  /** PyTorch's `next_double_normal_sample_`: the cached second Box-Muller sample, if any. */
  nextDoubleNormal: number | undefined = undefined;
  /** PyTorch's `next_float_normal_sample_` (kept for state round trips; 1.13 never sets it). */
  nextFloatNormal: number | undefined = undefined;

  /**
   * A generator seeded with `seed`, by default PyTorch's `default_rng_seed_val`
   * (67280421310721), as `torch.Generator()` is.
   */
  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.seed64 = toSeed(seed);
    this.mt = createMtState(Number(this.seed64 & 0xffffffffn));
  }

  /**
   * Seeds the generator (`Generator.manual_seed`): the Mersenne Twister is seeded with the low 32
   * bits of `seed`, the full 64-bit value is kept for {@link Generator.initialSeed}, and cached
   * normal samples are dropped. Negative seeds are taken as two's complement, as in PyTorch.
   *
   * @param seed An integer in [-2^63, 2^64).
   * @returns this generator, as PyTorch returns it.
   * @throws RangeError when `seed` is not an integer in that range.
   */
  manualSeed(seed: number | bigint): this {
    this.seed64 = toSeed(seed);
    seedMtState(this.mt, Number(this.seed64 & 0xffffffffn));
    this.nextDoubleNormal = undefined;
    this.nextFloatNormal = undefined;
    return this;
  }

  /**
   * Seeds the generator with a non-deterministic 64-bit value from the platform's cryptographic
   * source (`Generator.seed`) and returns it.
   */
  seed(): bigint {
    const seed = nonDeterministicSeed();
    this.manualSeed(seed);
    return seed;
  }

  /** The 64-bit seed last set (`Generator.initial_seed`), as an unsigned bigint. */
  initialSeed(): bigint {
    return this.seed64;
  }

  /** One 32-bit draw (`CPUGeneratorImpl::random`), an integer in [0, 2^32). */
  random(): number {
    return nextUint32(this.mt);
  }

  /**
   * One 64-bit draw (`CPUGeneratorImpl::random64`): two 32-bit draws, the first forming the high
   * word. An integer in [0, 2^64).
   */
  random64(): bigint {
    const hi = nextUint32(this.mt);
    const lo = nextUint32(this.mt);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * The generator's full state in the byte layout of PyTorch 1.13's `Generator.get_state()` /
   * `torch.get_rng_state()` (`CPUGeneratorImplState`, 5056 bytes, little-endian): the seed, the
   * Mersenne Twister words and counters, and the cached normal samples.
   */
  getState(): Uint8Array {
    return writeState({
      seed: this.seed64,
      words: this.mt.words,
      left: this.mt.left,
      next: this.mt.next,
      nextDoubleNormal: this.nextDoubleNormal,
      nextFloatNormal: this.nextFloatNormal,
    });
  }

  /**
   * Restores a state from {@link Generator.getState} or from PyTorch's `get_state()` bytes
   * (`Generator.set_state`); the legacy 5048-byte layout is accepted too, as PyTorch accepts it.
   *
   * @returns this generator.
   * @throws RangeError when the bytes have neither size, or describe an invalid Mersenne Twister
   * state (PyTorch's "Invalid mt19937 state").
   */
  setState(state: Uint8Array): this {
    const parsed = readState(state);
    this.seed64 = parsed.seed;
    this.mt.words.set(parsed.words);
    this.mt.left = parsed.left;
    this.mt.next = parsed.next;
    this.nextDoubleNormal = parsed.nextDoubleNormal;
    this.nextFloatNormal = parsed.nextFloatNormal;
    return this;
  }

  /** An independent copy with the same state (`torch.Generator().set_state(g.get_state())`). */
  clone(): Generator {
    const copy = new Generator(this.seed64);
    copy.mt.words.set(this.mt.words);
    copy.mt.left = this.mt.left;
    copy.mt.next = this.mt.next;
    copy.nextDoubleNormal = this.nextDoubleNormal;
    copy.nextFloatNormal = this.nextFloatNormal;
    return copy;
  }
}
