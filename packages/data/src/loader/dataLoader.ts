import {
  defaultGenerator,
  drawInt64Seed,
  type Generator,
  optionKeys,
  rejectUnknownOptions,
} from "@kindling/tensor";
import { DataError, dataError } from "../dataErrors.js";
import { batchedAccess } from "../dataset/batchedAccess.js";
import type { Dataset } from "../dataset/dataset.js";
import { BatchSampler } from "../sampler/batchSampler.js";
import { RandomSampler } from "../sampler/randomSampler.js";
import type { Sampler } from "../sampler/sampler.js";
import { SequentialSampler } from "../sampler/sequentialSampler.js";
import { checkPosition } from "./checkPosition.js";
import { defaultCollate } from "./collate.js";

/** Options of {@link DataLoader}; each maps to PyTorch's keyword argument of the same meaning. */
export interface DataLoaderOptions<T, B> {
  /** Items per batch (`batch_size`). Default 1. */
  batchSize?: number;
  /** Reshuffle at every pass (`shuffle`): a {@link RandomSampler}. Default false. */
  shuffle?: boolean;
  /** Where indices come from (`sampler`); excludes `shuffle`. */
  sampler?: Sampler<number>;
  /** Where whole batches of indices come from (`batch_sampler`); excludes batchSize, shuffle, sampler, dropLast. */
  batchSampler?: Sampler<number[]>;
  /** Drop a last, shorter batch (`drop_last`). Default false. */
  dropLast?: boolean;
  /** Turns a list of items into a batch (`collate_fn`). Default {@link defaultCollate}. */
  collateFn?: (items: T[]) => B;
  /** Generator for the per-pass seed and the shuffling (`generator`). Default: the default generator. */
  generator?: Generator;
}

/**
 * Where an interrupted pass stands: the generators' states when the pass began, and how many
 * batches it had yielded. Save it with a checkpoint (beside the default generator's state) and give
 * it to {@link DataLoader.resume} to continue the pass with exactly the remaining batches.
 */
export interface LoaderPosition {
  /** The default generator's state when the pass began (`getRngState()` layout). */
  defaultState: Uint8Array;
  /** The loader's own generator's state when the pass began, when it has one. */
  loaderState: Uint8Array | null;
  /** Batches already yielded. */
  batches: number;
}

/** The keys DataLoader's options take. */
const OPTIONS = optionKeys<DataLoaderOptions<unknown, unknown>>()(
  "batchSize",
  "shuffle",
  "sampler",
  "batchSampler",
  "dropLast",
  "collateFn",
  "generator",
);

/**
 * Batches of a dataset, as PyTorch's single-process `DataLoader` makes them, iterated with
 * `for...of`. Every pass first draws one int64 seed from the loader's generator (or the default
 * one) as PyTorch 1.13 does (`_base_seed`), and a shuffling pass's sampler draws its own seed from
 * the default generator when the first batch is requested, so a training loop written like the
 * seed tutorial's sees PyTorch's batches in PyTorch's order.
 *
 * Without a custom `collateFn`, batches come from the dataset's batched access when it has one
 * ({@link TensorDataset}, {@link Subset} of one): rows are gathered straight into batch tensors,
 * giving the same batches as item-by-item collation. A custom `collateFn`, a dataset without
 * `getItems`, or one whose `getItem` overrides the class providing `getItems` takes the general
 * path: `getItem` for each index, then `collateFn` (default {@link defaultCollate}).
 *
 * @example
 * ```ts
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 50, shuffle: true });
 * for (const [xb, yb] of loader) { ... }
 * loader.length; // number of batches per pass
 * ```
 */
export class DataLoader<T, B = T> implements Iterable<B> {
  /** The dataset batches come from. */
  readonly dataset: Dataset<T>;
  /** Items per batch, or null when a `batchSampler` decides. */
  readonly batchSize: number | null;
  /** Drop a last, shorter batch. */
  readonly dropLast: boolean;
  /** Where the batches of indices come from. */
  readonly batchSampler: Sampler<number[]>;
  /** The generator for the per-pass seed, or null for the default generator. */
  readonly generator: Generator | null;
  private readonly collateFn: ((items: T[]) => B) | null;
  private lastPassStart: LoaderPosition | null = null;
  private yielded = 0;

  /**
   * @param dataset The dataset to batch.
   * @param options See {@link DataLoaderOptions}.
   */
  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T, B> = {}) {
    if (new.target === DataLoader) rejectUnknownOptions("DataLoader", options, OPTIONS, dataError);
    this.dataset = dataset;
    this.generator = options.generator ?? null;
    this.collateFn = options.collateFn ?? null;
    if (options.batchSampler !== undefined) {
      const { batchSize, shuffle, sampler, dropLast } = options;
      if (
        (batchSize !== undefined && batchSize !== 1) ||
        shuffle ||
        sampler !== undefined ||
        dropLast
      ) {
        throw new DataError(
          "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
        );
      }
      this.batchSize = null;
      this.dropLast = false;
      this.batchSampler = options.batchSampler;
      return;
    }
    if (options.sampler !== undefined && options.shuffle) {
      throw new DataError("sampler option is mutually exclusive with shuffle");
    }
    const batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new DataError(
        `batch_size should be a positive integer value, but got batch_size=${batchSize}`,
      );
    }
    this.batchSize = batchSize;
    this.dropLast = options.dropLast ?? false;
    const sampler =
      options.sampler ??
      (options.shuffle
        ? new RandomSampler(dataset, { generator: this.generator })
        : new SequentialSampler(dataset));
    this.batchSampler = new BatchSampler(sampler, batchSize, this.dropLast);
  }

  /** Number of batches per pass. */
  get length(): number {
    return this.batchSampler.length;
  }

  /** One pass over the dataset; draws the per-pass seed at once, as PyTorch does. */
  [Symbol.iterator](): Iterator<B> {
    this.lastPassStart = {
      defaultState: defaultGenerator.getState(),
      loaderState: this.generator?.getState() ?? null,
      batches: 0,
    };
    this.yielded = 0;
    drawInt64Seed(this.generator ?? defaultGenerator);
    const access = this.access();
    return this.batchesFrom(this.indexBatches(access), access);
  }

  /**
   * Where the current (or last) pass stands, to save in a checkpoint; null before any pass.
   * Resuming also needs the default generator's state at the moment of the checkpoint.
   */
  position(): LoaderPosition | null {
    return this.lastPassStart === null ? null : { ...this.lastPassStart, batches: this.yielded };
  }

  /**
   * Continues an interrupted pass: yields exactly the batches an uninterrupted pass would have
   * yielded after `position.batches`. Call it after restoring the default generator's state saved
   * with the checkpoint; the generators are left in that state, as the uninterrupted run had them.
   * Replays the pass's index draws from the saved start states (no data is loaded for the skipped
   * batches). A malformed position (`{}`, null) throws a {@link DataError} naming what is wrong.
   */
  resume(position: LoaderPosition): Iterator<B> {
    checkPosition(position);
    const now = defaultGenerator.getState();
    const loaderNow = this.generator?.getState() ?? null;
    defaultGenerator.setState(position.defaultState);
    if (this.generator !== null && position.loaderState !== null) {
      this.generator.setState(position.loaderState);
    }
    drawInt64Seed(this.generator ?? defaultGenerator);
    const access = this.access();
    const batches = this.indexBatches(access);
    for (let s = 0; s < position.batches; s++) {
      if (batches.next().done) break;
    }
    defaultGenerator.setState(now);
    if (this.generator !== null && loaderNow !== null) this.generator.setState(loaderNow);
    this.lastPassStart = { ...position };
    this.yielded = position.batches;
    return this.batchesFrom(batches, access);
  }

  /** The dataset's batched access, when a pass may use it (no custom `collateFn`). */
  private access(): ((indices: ArrayLike<number>) => B) | null {
    if (this.collateFn !== null) return null;
    return batchedAccess(this.dataset) as ((indices: ArrayLike<number>) => B) | null;
  }

  /**
   * The batches of indices of one pass: typed arrays straight from the sampler's runs when the
   * batches go to batched access through a plain {@link BatchSampler}; else the batch sampler's
   * own iteration. Both give the same batches, drawn at the same moments.
   */
  private indexBatches(
    access: ((indices: ArrayLike<number>) => B) | null,
  ): Iterator<ArrayLike<number>> {
    const sampler = this.batchSampler;
    if (access !== null && Object.getPrototypeOf(sampler) === BatchSampler.prototype) {
      return (sampler as BatchSampler).indexBatches();
    }
    return sampler[Symbol.iterator]();
  }

  private *batchesFrom(
    batches: Iterator<ArrayLike<number>>,
    access: ((indices: ArrayLike<number>) => B) | null,
  ): IterableIterator<B> {
    for (let step = batches.next(); !step.done; step = batches.next()) {
      const indices = step.value;
      const batch = access !== null && indices.length > 0 ? access(indices) : this.fetch(indices);
      this.yielded++;
      yield batch;
    }
  }

  /** The general path: item by item, then `collateFn` (or {@link defaultCollate}). */
  private fetch(indices: ArrayLike<number>): B {
    const items = Array.from(indices, (i) => this.dataset.getItem(i));
    return this.collateFn === null ? (defaultCollate(items) as B) : this.collateFn(items);
  }
}
