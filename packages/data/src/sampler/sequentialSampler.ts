import type { Sampler } from "./sampler.js";

/**
 * Yields 0, 1, ..., length - 1 (PyTorch's `SequentialSampler`).
 *
 * @example
 * ```ts
 * [...new SequentialSampler({ length: 3 })]; // [0, 1, 2]
 * ```
 */
export class SequentialSampler implements Sampler {
  /** Number of indices. */
  readonly length: number;

  /** @param dataSource Anything with a `length` (a dataset). */
  constructor(dataSource: { readonly length: number }) {
    this.length = dataSource.length;
  }

  /** The indices in order. */
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield i;
  }
}
