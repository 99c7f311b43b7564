import { defaultGenerator, type Generator, randpermInto } from "@kindling/tensor";
import type { Sampler } from "./sampler.js";

/**
 * The given indices in random order (PyTorch's `SubsetRandomSampler`): one `randperm` per pass
 * from `generator`, or straight from the default generator when none is given (as PyTorch does:
 * no seed is drawn first).
 *
 * @example
 * ```ts
 * [...new SubsetRandomSampler([5, 9, 2, 7])]; // e.g. [2, 7, 5, 9]
 * ```
 */
export class SubsetRandomSampler implements Sampler {
  /** The indices to permute. */
  readonly indices: readonly number[];
  /** The generator drawn from, or null for the default generator. */
  readonly generator: Generator | null;

  /**
   * @param indices The indices to yield, in random order.
   * @param options `generator`: where the permutation comes from (default: the default generator).
   */
  constructor(indices: readonly number[], options: { generator?: Generator | null } = {}) {
    this.indices = indices;
    this.generator = options.generator ?? null;
  }

  /** Number of indices. */
  get length(): number {
    return this.indices.length;
  }

  /** One pass in random order. */
  *[Symbol.iterator](): Iterator<number> {
    const perm = randpermInto(
      this.generator ?? defaultGenerator,
      new Int32Array(this.indices.length),
    );
    for (const i of perm) yield this.indices[i]!;
  }
}
