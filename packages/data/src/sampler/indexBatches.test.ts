import { Generator, manualSeed, randpermInto } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { BatchSampler } from "./batchSampler.js";
import { RandomSampler } from "./randomSampler.js";
import type { Sampler } from "./sampler.js";
import { SequentialSampler } from "./sequentialSampler.js";
import { WeightedRandomSampler } from "./weightedRandomSampler.js";

const seeded = (seed: number) => new Generator().manualSeed(seed);

describe("BatchSampler.indexBatches", () => {
  const cases: [string, () => Sampler<number>][] = [
    ["sequential, runs of 65536", () => new SequentialSampler({ length: 70_001 })],
    ["random, several permutations", () => new RandomSampler({ length: 7 }, { numSamples: 30 })],
    [
      "random with replacement",
      () => new RandomSampler({ length: 9 }, { replacement: true, numSamples: 77 }),
    ],
    ["random, own generator", () => new RandomSampler({ length: 50 }, { generator: seeded(3) })],
    [
      "weighted (no runs)",
      () => new WeightedRandomSampler([1, 2, 3, 4], 23, { generator: seeded(4) }),
    ],
  ];
  it.each(cases)("gives the batches iteration gives: %s", (_, make) => {
    for (const [size, dropLast] of [
      [1, false],
      [5, true],
      [5, false],
      [32, false],
      [1000, false],
    ] as const) {
      manualSeed(11);
      const iterated = [...new BatchSampler(make(), size, dropLast)];
      manualSeed(11);
      const batches = [...new BatchSampler(make(), size, dropLast).indexBatches()];
      expect(batches.map((b) => Array.from(b))).toEqual(iterated);
    }
  });

  it("hands out arrays the caller may keep", () => {
    const batches = [
      ...new BatchSampler(new SequentialSampler({ length: 6 }), 2, false).indexBatches(),
    ];
    expect(batches.map((b) => Array.from(b))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });
});

describe("RandomSampler's draws", () => {
  it("still draws PyTorch's extra permutation from a generator of the caller's", () => {
    const generator = seeded(21);
    [...new RandomSampler({ length: 40 }, { generator })];
    const expected = seeded(21);
    randpermInto(expected, new Int32Array(40));
    randpermInto(expected, new Int32Array(40));
    expect(generator.random()).toBe(expected.random());
  });
});
