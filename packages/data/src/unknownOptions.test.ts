import { rand, tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import {
  DataError,
  DataLoader,
  RandomSampler,
  splitLoader,
  TensorDataset,
  tensorGenCla,
  tensorGenReg,
  WeightedRandomSampler,
} from "./index.js";

const dataset = () => new TensorDataset(rand([10, 2]), rand([10, 1]));

describe("the data classes refuse option keys they do not take", () => {
  it.each([
    ["DataLoader", () => new DataLoader(dataset(), { batchSize: 2, shufle: true } as never)],
    ["RandomSampler", () => new RandomSampler(dataset(), { replacment: true } as never)],
    ["WeightedRandomSampler", () => new WeightedRandomSampler([1, 2], 3, { seed: 1 } as never)],
    ["splitLoader", () => splitLoader(rand([10, 2]), rand([10, 1]), { ratio: 0.5 } as never)],
    ["tensorGenReg", () => tensorGenReg({ numExample: 10 } as never)],
    ["tensorGenCla", () => tensorGenCla({ classes: 3 } as never)],
  ])("%s", (owner, make) => {
    expect(make).toThrow(DataError);
    expect(make).toThrow(new RegExp(`^${owner} got an unknown option "\\w+"; its options are `));
  });

  it("names the camelCase option a PyTorch keyword stands for", () => {
    expect(() => new DataLoader(dataset(), { batch_size: 2 } as never)).toThrow(
      'DataLoader got an unknown option "batch_size" (did you mean batchSize?); its options are batchSize, shuffle, sampler, batchSampler, dropLast, collateFn, generator',
    );
  });

  it("still takes every option it documents", () => {
    const loader = new DataLoader(new TensorDataset(tensor([[1], [2], [3]])), {
      batchSize: 2,
      shuffle: false,
      dropLast: true,
    });
    expect([...loader]).toHaveLength(1);
  });
});
