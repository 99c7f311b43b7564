import type { Tensor } from "@kindling/tensor";
import { optionKeys, rejectUnknownOptions } from "@kindling/tensor";
import { DataError, dataError } from "../dataErrors.js";
import { randomSplit } from "../dataset/randomSplit.js";
import { TensorDataset } from "../dataset/tensorDataset.js";
import { DataLoader } from "../loader/dataLoader.js";

/** Options of {@link splitLoader}, with the course's defaults. */
export interface SplitLoaderOptions {
  /** Rows per batch (`batch_size`). Default 10. */
  batchSize?: number;
  /** Share of rows in the training split (`rate`). Default 0.7. */
  rate?: number;
}

/**
 * A loader of the course's `[features, labels]` batches: `for (const [x, y] of loader)` gives two
 * tensors, typed as such under `noUncheckedIndexedAccess`.
 */
export type CourseLoader = DataLoader<Tensor[], [Tensor, Tensor]>;

/** The keys splitLoader's options take. */
const OPTIONS = optionKeys<SplitLoaderOptions>()("batchSize", "rate");

/**
 * The course's `split_loader`: `floor(rows · rate)` training rows and the rest for testing, split
 * by `randomSplit` from the default generator, then a shuffling training loader and an ordered
 * test loader. Item i of the data is `[features[i], labels[i]]`. (The course's original ignores
 * `rate` and always uses 0.7; here `rate` is honoured, and its default keeps the course's split.)
 *
 * @example
 * ```ts
 * const [train, test] = splitLoader(features, labels, { batchSize: 50 });
 * for (const [x, y] of train) { ... } // x [50, 5], y [50, 1]
 * ```
 */
export function splitLoader(
  features: Tensor,
  labels: Tensor,
  options: SplitLoaderOptions = {},
): [CourseLoader, CourseLoader] {
  rejectUnknownOptions("splitLoader", options, OPTIONS, dataError);
  const rate = options.rate ?? 0.7;
  if (!(rate > 0 && rate < 1)) throw new DataError(`rate must be in (0, 1), got ${rate}`);
  const data = new TensorDataset(features, labels);
  const numTrain = Math.floor(data.length * rate);
  const [train, test] = randomSplit(data, [numTrain, data.length - numTrain]);
  const batchSize = options.batchSize ?? 10;
  // A TensorDataset of two tensors batches into exactly [features, labels].
  return [
    new DataLoader(train!, { batchSize, shuffle: true }) as CourseLoader,
    new DataLoader(test!, { batchSize, shuffle: false }) as CourseLoader,
  ];
}
