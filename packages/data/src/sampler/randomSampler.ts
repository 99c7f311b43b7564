import {
  defaultGenerator,
  drawInt64Seed,
  fillRandomInt64,
  fillUint32,
  Generator,
  optionKeys,
  randpermInto,
  rejectUnknownOptions,
} from "@kindling/tensor";
import { DataError, dataError } from "../dataErrors.js";
import type { Sampler } from "./sampler.js";

/** Options of {@link RandomSampler}, named after PyTorch's keyword arguments. */
export interface RandomSamplerOptions {
  /** Draw with replacement (`replacement`). Default false. */
  replacement?: boolean;
  /** Number of indices per pass (`num_samples`). Default: the dataset's length. */
  numSamples?: number;
  /**
   * Generator to draw from (`generator`). Without one, each pass draws one int64 seed from the
   * default generator and seeds a fresh generator with it, exactly as PyTorch 1.13 does.
   */
  generator?: Generator | null;
}

/** The keys RandomSampler's options take. */
const OPTIONS = optionKeys<RandomSamplerOptions>()("replacement", "numSamples", "generator");

/**
 * Random indices (PyTorch's `RandomSampler`): without replacement, whole permutations
 * (`randperm(n)`) until `numSamples` are given; with replacement, `randint(0, n)` in chunks of 32.
 * Draws exactly what PyTorch 1.13 draws, in the same order, so a loader over it yields PyTorch's
 * batches for the same seed.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * [...new RandomSampler({ length: 5 })]; // the permutation PyTorch gives after manual_seed(0)
 * ```
 */
export class RandomSampler implements Sampler {
  /** Size of the dataset sampled from. */
  readonly n: number;
  /** Draw with replacement. */
  readonly replacement: boolean;
  /** Number of indices per pass. */
  readonly numSamples: number;
  /** The generator drawn from, or null for a fresh one seeded from the default generator. */
  readonly generator: Generator | null;

  /**
   * @param dataSource Anything with a `length` (a dataset).
   * @param options See {@link RandomSamplerOptions}.
   */
  constructor(dataSource: { readonly length: number }, options: RandomSamplerOptions = {}) {
    if (new.target === RandomSampler)
      rejectUnknownOptions("RandomSampler", options, OPTIONS, dataError);
    this.n = dataSource.length;
    this.replacement = options.replacement ?? false;
    this.numSamples = options.numSamples ?? this.n;
    this.generator = options.generator ?? null;
    if (!Number.isInteger(this.numSamples) || this.numSamples <= 0) {
      throw new DataError(
        `num_samples should be a positive integer value, but got num_samples=${this.numSamples}`,
      );
    }
  }

  /** Number of indices per pass. */
  get length(): number {
    return this.numSamples;
  }

  /** One pass of indices; the generator is drawn from when the first index is requested. */
  *[Symbol.iterator](): Iterator<number> {
    const runs = this.runs();
    for (let run = runs.next(); !run.done; run = runs.next()) {
      const values = run.value;
      for (let i = 0; i < values.length; i++) yield values[i]!;
    }
  }

  /**
   * One pass of indices as runs: whole permutations (the last one cut to the remaining count), or
   * chunks of 32 with replacement; each run is drawn when it is requested, as PyTorch draws them.
   */
  *runs(): Iterator<ArrayLike<number>> {
    const generator = this.generator ?? new Generator().manualSeed(drawInt64Seed(defaultGenerator));
    const n = this.n;
    if (this.replacement) {
      const chunk = new BigInt64Array(32);
      const values = new Float64Array(32);
      for (let c = 0; c < Math.floor(this.numSamples / 32); c++) {
        fillRandomInt64(generator, chunk, 0n, BigInt(n));
        for (let i = 0; i < 32; i++) values[i] = Number(chunk[i]!);
        yield values;
      }
      const rest = new BigInt64Array(this.numSamples % 32);
      if (rest.length > 0) fillRandomInt64(generator, rest, 0n, BigInt(n));
      if (rest.length > 0) yield Array.from(rest, Number);
      return;
    }
    const perm = new Int32Array(n);
    for (let c = 0; c < Math.floor(this.numSamples / n); c++) {
      randpermInto(generator, perm);
      yield perm;
    }
    const rest = this.numSamples % n;
    if (rest > 0) {
      randpermInto(generator, perm);
      yield perm.subarray(0, rest);
    } else if (this.generator !== null) {
      // PyTorch draws one more permutation for the remainder even when it is empty. From a
      // generator of the caller's, its draws are seen by the generator's later draws, so they are
      // made (without permuting); from this pass's fresh generator nobody sees them.
      skipDraws(generator, n - 1);
    }
  }
}

/** Advances `generator` by `count` 32-bit draws, as `randperm(count + 1)` would. */
function skipDraws(generator: Generator, count: number): void {
  const block = new Uint32Array(Math.min(Math.max(count, 0), 65536));
  for (let left = count; left > 0; left -= block.length) {
    fillUint32(generator, left >= block.length ? block : block.subarray(0, left));
  }
}
