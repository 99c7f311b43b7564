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

  /** The indices in order, as runs of at most 65536. */
  *runs(): Iterator<ArrayLike<number>> {
    const run = new Int32Array(Math.min(this.length, 65536));
    for (let start = 0; start < this.length; start += run.length) {
      const end = Math.min(start + run.length, this.length);
      for (let i = start; i < end; i++) run[i - start] = i;
      yield end - start === run.length ? run : run.subarray(0, end - start);
    }
  }
}
