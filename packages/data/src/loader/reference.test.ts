import { readFileSync } from "node:fs";
import {
  arange,
  defaultGenerator,
  fillUniform,
  Generator,
  manualSeed,
  type Tensor,
} from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { DataError } from "../dataErrors.js";
import type { Dataset } from "../dataset/dataset.js";
import { randomSplit } from "../dataset/randomSplit.js";
import type { Subset } from "../dataset/subset.js";
import { TensorDataset } from "../dataset/tensorDataset.js";
import { RandomSampler } from "../sampler/randomSampler.js";
import { SubsetRandomSampler } from "../sampler/subsetRandomSampler.js";
import { DataLoader } from "./dataLoader.js";

interface LoaderCase {
  kwargs: Record<string, unknown>;
  batches: number[][];
  next: number[];
}
interface SplitCase {
  seed?: number;
  generator_seed?: number;
  lengths: number[];
  indices: number[][];
  next?: number[];
}
const reference = JSON.parse(
  readFileSync(new URL("../../fixtures/reference.json", import.meta.url), "utf8"),
).data as { loaders: LoaderCase[]; random_split: SplitCase[] };

const next3 = () => Array.from(fillUniform(defaultGenerator, new Float32Array(3)), Number);
const range = (n: number): Dataset<number> => ({ length: n, getItem: (i) => i });

describe("randomSplit against PyTorch 1.13", () => {
  it.each(reference.random_split)("lengths $lengths", (c) => {
    const total = c.lengths.every(Number.isInteger) ? c.lengths.reduce((a, b) => a + b, 0) : 10;
    let parts: Subset<number>[];
    if (c.generator_seed !== undefined) {
      parts = randomSplit(range(total), c.lengths, {
        generator: new Generator().manualSeed(c.generator_seed),
      });
    } else {
      manualSeed(c.seed!);
      parts = randomSplit(range(total), c.lengths);
    }
    expect(parts.map((p) => Array.from(p.indices))).toEqual(c.indices);
    if (c.next) expect(next3()).toEqual(c.next);
  });

  it("refuses lengths that do not add up, naming them", () => {
    expect(() => randomSplit(range(10), [3, 4])).toThrow(DataError);
    expect(() => randomSplit(range(10), [3, 4])).toThrow(/\(7\).*\(10\)/);
    expect(() => randomSplit(range(10), [0.5, -0.1, 0.6])).toThrow(/index 1/);
  });
});

describe("loaders and samplers against PyTorch 1.13", () => {
  const ints = (batch: Tensor[]) => Array.from(batch[0]!.toTypedArray() as BigInt64Array, Number);
  it("shuffles, drops the last batch and keeps order as PyTorch does", () => {
    manualSeed(7);
    const ds = new TensorDataset(arange(23));
    for (const c of reference.loaders.slice(0, 3)) {
      const loader = new DataLoader(ds, {
        batchSize: c.kwargs.batch_size as number,
        shuffle: c.kwargs.shuffle as boolean,
        dropLast: (c.kwargs.drop_last as boolean | undefined) ?? false,
      });
      expect([...loader].map(ints)).toEqual(c.batches);
      expect(loader.length).toBe(c.batches.length);
      expect(next3()).toEqual(c.next);
    }
  });

  it("draws from the loader's own generator", () => {
    const c = reference.loaders[3]!;
    const ds = new TensorDataset(arange(23));
    const loader = new DataLoader(ds, {
      batchSize: 6,
      shuffle: true,
      generator: new Generator().manualSeed(99),
    });
    expect([...loader].map(ints)).toEqual(c.batches);
    expect(next3()).toEqual(c.next);
  });

  it("samples with and without replacement, and subsets", () => {
    const [withReplacement, withoutReplacement, subset] = reference.loaders.slice(4);
    manualSeed(11);
    expect([...new RandomSampler(range(10), { replacement: true, numSamples: 40 })]).toEqual(
      withReplacement!.batches[0],
    );
    expect(next3()).toEqual(withReplacement!.next);
    manualSeed(12);
    expect([...new RandomSampler(range(10), { numSamples: 25 })]).toEqual(
      withoutReplacement!.batches[0],
    );
    expect(next3()).toEqual(withoutReplacement!.next);
    manualSeed(13);
    expect([...new SubsetRandomSampler([5, 9, 2, 7])]).toEqual(subset!.batches[0]);
    expect(next3()).toEqual(subset!.next);
  });

  it("refuses a batch size below 1 and conflicting options", () => {
    expect(() => new DataLoader(range(3), { batchSize: 0 })).toThrow(/batch_size=0/);
    expect(
      () => new DataLoader(range(3), { shuffle: true, sampler: new RandomSampler(range(3)) }),
    ).toThrow(/mutually exclusive/);
  });

  it("collates items without batched access like PyTorch's default_collate", () => {
    const loader = new DataLoader(range(5), { batchSize: 2 });
    const batches = [...loader] as unknown as Tensor[];
    expect(batches.map((b) => b.dtype)).toEqual(["int64", "int64", "int64"]);
    expect(batches.map((b) => Array.from(b.toTypedArray() as BigInt64Array, Number))).toEqual([
      [0, 1],
      [2, 3],
      [4],
    ]);
  });
});
