import { DataError } from "../dataErrors.js";
import type { Sampler } from "./sampler.js";

/**
 * Groups another sampler's indices into batches of `batchSize` (PyTorch's `BatchSampler`); the
 * last, shorter batch is kept unless `dropLast`.
 *
 * @example
 * ```ts
 * [...new BatchSampler(new SequentialSampler({ length: 5 }), 2, false)]; // [[0, 1], [2, 3], [4]]
 * ```
 */
export class BatchSampler implements Sampler<number[]> {
  /** Where the indices come from. */
  readonly sampler: Sampler<number>;
  /** Indices per batch. */
  readonly batchSize: number;
  /** Drop the last batch when it is shorter than `batchSize`. */
  readonly dropLast: boolean;

  /**
   * @param sampler Where the indices come from.
   * @param batchSize Indices per batch, a positive integer.
   * @param dropLast Drop a last, shorter batch.
   */
  constructor(sampler: Sampler<number>, batchSize: number, dropLast: boolean) {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new DataError(
        `batch_size should be a positive integer value, but got batch_size=${batchSize}`,
      );
    }
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
  }

  /** Number of batches per pass. */
  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The batches of one pass. */
  *[Symbol.iterator](): Iterator<number[]> {
    if (this.sampler.runs !== undefined) {
      yield* this.fromRuns(this.sampler.runs());
      return;
    }
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }

  /**
   * The same batches as iterating, drawn from the sampler at the same moments, each as a fresh
   * array-like of indices the caller may keep: a typed array copied out of the sampler's runs
   * when it has them ({@link Sampler.runs}), else the batch iteration gives. {@link DataLoader}
   * uses it to hand batches to a dataset's batched access without building number arrays.
   */
  *indexBatches(): Generator<ArrayLike<number>> {
    if (this.sampler.runs === undefined) {
      yield* this;
      return;
    }
    const size = this.batchSize;
    const runs = this.sampler.runs();
    let pending: number[] = [];
    for (let run = runs.next(); !run.done; run = runs.next()) {
      const values = run.value;
      const n = values.length;
      let k = 0;
      while (pending.length > 0 && pending.length < size && k < n) pending.push(values[k++]!);
      if (pending.length === size) {
        yield pending;
        pending = [];
      }
      for (; n - k >= size; k += size) yield copyOf(values, k, k + size);
      while (k < n) pending.push(values[k++]!);
    }
    if (pending.length > 0 && !this.dropLast) yield pending;
  }

  /** Batches cut out of the sampler's runs of indices (the same batches, fewer steps). */
  private *fromRuns(runs: Iterator<ArrayLike<number>>): Generator<number[]> {
    const size = this.batchSize;
    let batch: number[] = [];
    for (let run = runs.next(); !run.done; run = runs.next()) {
      const values = run.value;
      const n = values.length;
      let k = 0;
      while (k < n) {
        if (batch.length === 0 && n - k >= size) {
          const full = new Array<number>(size);
          for (let j = 0; j < size; j++) full[j] = values[k + j]!;
          k += size;
          yield full;
          continue;
        }
        batch.push(values[k++]!);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}

/** Elements `start..end` of `values`, copied into a new array (a typed array of the same kind). */
function copyOf(values: ArrayLike<number>, start: number, end: number): ArrayLike<number> {
  if (ArrayBuffer.isView(values)) return (values as Int32Array).slice(start, end);
  return Array.prototype.slice.call(values, start, end) as number[];
}
