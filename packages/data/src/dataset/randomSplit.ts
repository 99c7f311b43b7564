import { defaultGenerator, type Generator, randpermInto } from "@kindling/tensor";
import { DataError } from "../dataErrors.js";
import type { Dataset } from "./dataset.js";
import { Subset } from "./subset.js";

/**
 * Splits a dataset into non-overlapping random subsets (PyTorch's `random_split`). `lengths` are
 * item counts that add up to the dataset's length, or fractions that sum to 1: each split gets
 * `floor(length · fraction)` items and the remainder is handed out one by one from the first split.
 * The permutation is one `randperm(length)` from `generator` (default: the default generator), so
 * the same seed gives PyTorch's split.
 *
 * @example
 * ```ts
 * manualSeed(420);
 * const [train, test] = randomSplit(data, [700, 300]);
 * ```
 */
export function randomSplit<T>(
  dataset: Dataset<T>,
  lengths: readonly number[],
  options: { generator?: Generator } = {},
): Subset<T>[] {
  const total = lengths.reduce((a, b) => a + b, 0);
  let counts = [...lengths];
  if (Math.abs(total - 1) <= 1e-9 && total <= 1) {
    counts = lengths.map((fraction, i) => {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new DataError(`Fraction at index ${i} is not between 0 and 1 (got ${fraction})`);
      }
      return Math.floor(dataset.length * fraction);
    });
    const remainder = dataset.length - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length]! += 1;
  }
  for (const [i, count] of counts.entries()) {
    if (!Number.isInteger(count) || count < 0) {
      throw new DataError(
        `lengths must be non-negative integers or fractions summing to 1; got ${lengths[i]} at index ${i} (sum ${total})`,
      );
    }
  }
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== dataset.length) {
    throw new DataError(
      `Sum of input lengths (${sum}) does not equal the length of the input dataset (${dataset.length})!`,
    );
  }
  const perm = randpermInto(options.generator ?? defaultGenerator, new Int32Array(sum));
  let offset = 0;
  return counts.map((count) => {
    const subset = new Subset(dataset, perm.subarray(offset, offset + count));
    offset += count;
    return subset;
  });
}
